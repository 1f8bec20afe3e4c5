# Issue 16, "Bad input, end to end": every damaged input gives one per-file error with a stable PhotonCodec.* id (never
# PhotonCodec.Failed, never a bare .NET exception) and the batch goes on to the next, good input.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:bad = Join-Path $TestDrive 'bad'
    New-Item -ItemType Directory $bad | Out-Null
    $script:truth = New-SyntheticMovie -Path (Join-Path $bad 'good.tif') -Frames 12 -Height 24 -Width 20 -Seed 16
    $script:good = Join-Path $bad 'good.tif'
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }

    # The damaged TIFFs: 25 cuts at seeded offsets, a corrupt IFD, an IFD loop, a page of another size, strip offsets
    # past the end, a zero-byte file, a non-TIFF named .tif.
    $null = Invoke-Python -Arguments $good, $bad -Script @'
import sys, os, struct, random, numpy as np, tifffile
src, out = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
rng = random.Random(16)
for i, at in enumerate(sorted(rng.sample(range(8, len(data)), 25))):
    open(os.path.join(out, f'cut{i:02d}-at{at}.tif'), 'wb').write(data[:at])
with tifffile.TiffFile(src) as t:
    p0 = t.pages[0]
    ifd0 = p0.offset
    strips = p0.tags['StripOffsets']
    last_next = t.pages[-1].offset + 2 + 12 * len(t.pages[-1].tags)
b = bytearray(data); b[ifd0:ifd0 + 2] = b'\xff\xff'                       # entry count 65535: the IFD runs past the end
b[ifd0 + 2:ifd0 + 14] = b'\xaa' * 12
open(os.path.join(out, 'corrupt-ifd.tif'), 'wb').write(b)
b = bytearray(data); struct.pack_into('<I', b, last_next, ifd0)           # the last page points back to the first
open(os.path.join(out, 'ifd-loop.tif'), 'wb').write(b)
b = bytearray(data)
if strips.count == 1:
    struct.pack_into('<I', b, strips.valueoffset, len(data) + 4096)
else:
    for k in range(strips.count): struct.pack_into('<I', b, strips.valueoffset + 4 * k, len(data) + 4096 * (k + 1))
open(os.path.join(out, 'strips-past-end.tif'), 'wb').write(b)
frames = tifffile.imread(src)
with tifffile.TiffWriter(os.path.join(out, 'page-of-another-size.tif')) as w:
    for k, f in enumerate(frames):
        w.write(f if k != 3 else f[:-4, :], photometric='minisblack', contiguous=False)
open(os.path.join(out, 'zero-bytes.tif'), 'wb').close()
open(os.path.join(out, 'not-a-tiff.tif'), 'w').write('This is a text file someone named .tif.\n' * 20)
'@
    New-Item -ItemType Directory (Join-Path $bad 'a-folder.tif') | Out-Null

    # Damaged archives, from one good Quantized archive (v2, so .zarray/.zattrs/chunk files).
    $script:goodZarr = (ConvertTo-PhotonZarr -Path $good -DestinationPath (Join-Path $TestDrive 'good.zarr') -ChunkFrames 4 @photon).Destination
    function New-BrokenArchive([string] $Name, [scriptblock] $Damage) {
        $dir = Join-Path $TestDrive "$Name.zarr"
        Copy-Item -LiteralPath $goodZarr -Destination $dir -Recurse
        & $Damage $dir
        $dir
    }
    function Edit-Photon([string] $Dir, [scriptblock] $Edit) {
        $file = Join-Path $Dir '.zattrs'
        $z = Get-Content -Raw -Force $file | ConvertFrom-Json -AsHashtable
        & $Edit $z.photon
        $z | ConvertTo-Json -Depth 20 | Set-Content -NoNewline -Force $file
    }
    $script:archives = [ordered]@{
        'missing .zarray'            = New-BrokenArchive 'no-zarray' { param($d) Remove-Item -Force (Join-Path $d '.zarray') }
        'garbled .zarray'            = New-BrokenArchive 'garbled-zarray' { param($d) Set-Content -Force (Join-Path $d '.zarray') '{"zarr_format": 2, "shape": [12, 24' }
        'decode table too long'      = New-BrokenArchive 'lut-long' { param($d) Edit-Photon $d { param($p) $p.decode_lut = @(0..299) } }
        'decode table too short'     = New-BrokenArchive 'lut-short' { param($d) Edit-Photon $d { param($p) $p.decode_lut = @($p.decode_lut[0..1]) } }
        'decode table not monotonic' = New-BrokenArchive 'lut-order' { param($d) Edit-Photon $d { param($p) $l = $p.decode_lut; $m = [int]($l.Count / 2); $l[$m] = $l[$m + 1] + 3 } }
        'missing chunk'              = New-BrokenArchive 'no-chunk' { param($d) Remove-Item (Join-Path $d '0.0.0') }
        'corrupted Blosc header'     = New-BrokenArchive 'blosc-header' { param($d)
            $f = Join-Path $d '0.0.0'; $b = [IO.File]::ReadAllBytes($f); for ($i = 0; $i -lt 16; $i++) { $b[$i] = 0xEE - $i }; [IO.File]::WriteAllBytes($f, $b) }
    }

    # Every error must be ours, stable and not the catch-all.
    function Assert-StableErrors($Errors) {
        foreach ($err in $Errors) {
            $err | Should -BeOfType System.Management.Automation.ErrorRecord
            $err.FullyQualifiedErrorId | Should -Match '^PhotonCodec\.[A-Za-z]+(,|$)'
            $err.FullyQualifiedErrorId | Should -Not -BeLike 'PhotonCodec.Failed*' -Because $err.Exception.ToString()
        }
    }
    $ids = 'PhotonCodec.Infrastructure.ErrorIds' -as [type]
    $script:hasMissingChunk = $null -ne $ids -and $null -ne $ids.GetField('MissingChunk')
    function Skip-MissingChunkCase([string] $Case) {
        if ($Case -ne 'missing chunk' -or $hasMissingChunk) { return $false }
        Set-ItResult -Skipped -Because 'a missing chunk reads as the fill value until PhotonCodec.MissingChunk (the fixity work) is in the module'
        $true
    }
    $script:badTiffs = @(Get-ChildItem -LiteralPath $bad -Filter '*.tif' | Where-Object Name -ne 'good.tif' | Sort-Object Name)
}

Describe 'Damaged TIFFs' {
    It 'has the 25 seeded cuts and the 7 other damaged inputs' {
        @($badTiffs | Where-Object Name -like 'cut*') | Should -HaveCount 25
        $badTiffs.Count | Should -Be 32
    }

    It 'ConvertTo-PhotonZarr: one stable error per damaged file, no archive for it, and the good file is converted' {
        $dest = Join-Path $TestDrive 'convert-out'
        $r = Invoke-Captured {
            ConvertTo-PhotonZarr -LiteralPath (@($badTiffs.FullName) + (Join-Path $bad 'a-folder.tif') + $good) -DestinationPath $dest -Mode Lossless  }
        $r.Output | Should -HaveCount 1
        $r.Output[0].Source | Should -Be $good
        Assert-StableErrors $r.Errors
        @($r.Errors | ForEach-Object { "$($_.TargetObject)" } | Sort-Object) | Should -Be @(@($badTiffs.FullName) + (Join-Path $bad 'a-folder.tif') | Sort-Object)
        @(Get-ChildItem -LiteralPath $dest -Force).Name | Should -Be @('good.zarr')
    }

    It 'Measure-PhotonCompression: one stable error per damaged file, and the good file is measured' {
        $r = Invoke-Captured {
            Measure-PhotonCompression -LiteralPath (@($badTiffs.FullName) + $good) -Mode Lossless  }
        @($r.Output | Where-Object Path -eq $good).Count | Should -BeGreaterThan 0
        @($r.Output | Where-Object Path -ne $good) | Should -BeNullOrEmpty
        Assert-StableErrors $r.Errors
        $r.Errors | Should -HaveCount 32
    }

    It 'Test-PhotonRoundTrip: one stable error per damaged file, and the good file passes' {
        $r = Invoke-Captured {
            Test-PhotonRoundTrip -LiteralPath (@($badTiffs.FullName) + $good) -Mode Lossless  }
        $r.Output | Should -Be @($true)
        Assert-StableErrors $r.Errors
        $r.Errors | Should -HaveCount 32
    }
}

Describe 'Damaged archives' {
    # A missing chunk reads as the fill value unless the module has PhotonCodec.MissingChunk (the "fixity" work);
    # until then that case cannot run and reports skipped with this reason.

    It 'Get-PhotonFrame on an archive with <_>: a stable error, and the next archive is read' -ForEach @(
        'missing .zarray', 'garbled .zarray', 'decode table too long', 'decode table too short', 'decode table not monotonic', 'missing chunk', 'corrupted Blosc header') {
        if (Skip-MissingChunkCase $_) { return }
        $broken = $archives[$_]
        $r = Invoke-Captured {
            Get-PhotonFrame -LiteralPath $broken, $goodZarr -Index 0  }
        $r.Output | Should -HaveCount 1
        $r.Output[0].Path | Should -Be $goodZarr
        Assert-StableErrors $r.Errors
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].TargetObject | Should -Be $broken
    }

    It 'Export-PhotonTiff of an archive with <_>: a stable error, no TIFF for it, and the next archive is exported' -ForEach @(
        'missing .zarray', 'garbled .zarray', 'decode table too long', 'decode table too short', 'decode table not monotonic', 'missing chunk', 'corrupted Blosc header') {
        if (Skip-MissingChunkCase $_) { return }
        $broken = $archives[$_]
        $dest = Join-Path $TestDrive ('export-' + [guid]::NewGuid().ToString('N'))
        $r = Invoke-Captured {
            Export-PhotonTiff -LiteralPath $broken, $goodZarr -DestinationPath $dest  }
        $r.Output | Should -HaveCount 1
        Assert-StableErrors $r.Errors
        $r.Errors | Should -HaveCount 1
        @(Get-ChildItem -LiteralPath $dest -Force).Name | Should -Be @('good.tif')
    }

    It 'Test-PhotonRoundTrip against an archive with <_>: $false or a stable error, never a pass' -ForEach @(
        'missing .zarray', 'garbled .zarray', 'decode table too long', 'decode table too short', 'decode table not monotonic', 'missing chunk', 'corrupted Blosc header') {
        $broken = $archives[$_]
        $r = Invoke-Captured {
            Test-PhotonRoundTrip -LiteralPath $good -ZarrPath $broken  }
        Assert-StableErrors $r.Errors
        ($r.Errors.Count + @($r.Output | Where-Object { $_ -eq $false }).Count) | Should -Be 1
        $r.Output | Should -Not -Contain $true
    }
}
