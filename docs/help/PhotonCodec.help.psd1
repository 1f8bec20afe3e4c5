# Source of the cmdlets' MAML help (tools/New-PhotonHelp.ps1 turns it into en-US/PhotonCodec.dll-Help.xml at build).
# Parameter types, positions and pipeline input come from the cmdlets themselves; the build fails when a
# parameter has no description here or a cmdlet has fewer than two examples.
@{
    CommonParameters = @{
        Path              = 'Files to read. Wildcards are expanded through the PowerShell provider; relative paths resolve against the current location ($PWD). A pattern that matches nothing is reported as a PhotonCodec.InputNotFound error and the other inputs are still processed.'
        LiteralPath       = 'Files to read, taken exactly as written (no wildcard expansion; use it for names with [ or ]). Binds from the PSPath property, so Get-ChildItem output can be piped in.'
        Mode              = 'Quantized (default): noise-bounded integer codes of the Anscombe-stabilized signal, lossy below the photon noise. Lossless: the integers as they are, bit-exact. Float: the seed-literal stabilized values as floats, exactly invertible but larger than Lossless on real data.'
        Beta              = 'Quantization step in units of the stabilized photon noise σ (0.05–2, default 0.5). Every pixel stays within β·σ of its original; the added error has RMS ≈ β/√12·σ (0.14σ at 0.5, i.e. about +1 % total noise).'
        Gain              = "The detector's conversion gain in levels per photon (0.1–10000). Quantized and Float modes measure it from the movie (see Measure-PhotonTransfer) when it is not given."
        ZeroLevel         = 'The level a pixel reads with no light (offset, may be negative for signed data). Measured from the movie when not given.'
        ReadNoise         = 'Read-noise standard deviation in levels (≥ 0). Measured from the movie when not given.'
        ChunkFrames       = 'Frames per Zarr chunk (default min(100, number of frames)). Smaller chunks make single-frame reads cheaper and compress slightly worse.'
        CompressionLevel  = 'Blosc clevel 1–9 (default 5; zstd level 2·clevel − 1, as c-blosc maps it).'
    }
    Commands = @{
        'ConvertTo-PhotonZarr' = @{
            Synopsis    = 'Archives TIFF movies as compressed Zarr v2 arrays (Quantized, Lossless or Float).'
            Description = @(
                'Reads each multi-page TIFF (or BigTIFF) frame by frame and writes a Zarr v2 array that zarr-python opens as it is: chunks of min(100, T) whole frames, Blosc zstd clevel 5 with bitshuffle, transform parameters and the source''s provenance (file name, size, SHA-256, ImageDescription) in .zattrs.'
                'The array is built in a hidden staging folder beside the destination and moved into place only when complete: a failure, an error in one file of a batch, or Ctrl+C leaves nothing half-written. An existing destination is never overwritten without -Force, and with -Force it is replaced only once the new array is complete.'
                'Each input produces one PhotonCodec.ConversionResult (streamed as it finishes); a failed input produces an error record with a stable FullyQualifiedErrorId (PhotonCodec.InputNotFound, PhotonCodec.UnsupportedTiff, PhotonCodec.CorruptTiff, PhotonCodec.DestinationExists, PhotonCodec.NotPhotonData, PhotonCodec.CodeRangeExceeded) and the batch goes on.'
            )
            Parameters  = @{
                DestinationPath = 'Where to write: a path ending in .zarr is the array itself (one input); any other path is a folder that receives <basename>.zarr for each input (created if missing). Default: <basename>.zarr next to each source.'
                FloatType       = 'Float mode only: Single (float32, default) or Double (float64) for the stored stabilized values.'
                ThrottleLimit   = 'Chunks compressed at once (default: one per processor). Memory use is about this many chunks.'
                Force           = 'Replace an existing destination (only once the new array is complete).'
                WhatIf          = 'Shows what would be converted and where, without writing anything.'
                Confirm         = 'Asks before converting each file.'
            }
            Outputs     = @{ 'PhotonCodec.ConversionResult' = 'Source, Destination, Mode, Frames, Height, Width, DType, InputBytes, StoredBytes (the whole .zarr folder), Ratio, Gain, ZeroLevel, ReadNoise, Beta, ParameterSource, Seconds, MBPerSecond.' }
            Examples    = @(
                @{ Code = "ConvertTo-PhotonZarr -Path .\run1.tif -Gain 30 -ZeroLevel 200 -ReadNoise 8"; Remarks = 'Writes run1.zarr next to run1.tif in the default Quantized mode with the detector''s photon parameters.' }
                @{ Code = "Get-ChildItem D:\raw -Recurse -Filter *.tif | ConvertTo-PhotonZarr -Mode Lossless -DestinationPath E:\archive"; Remarks = 'Archives every TIFF below D:\raw bit-exactly into E:\archive\<name>.zarr; files that fail are reported and the rest go on.' }
                @{ Code = "ConvertTo-PhotonZarr -Path 'session*.tif' -Mode Lossless -DestinationPath out -WhatIf"; Remarks = 'Lists what would be written without writing anything.' }
            )
        }
        'Get-PhotonFrame' = @{
            Synopsis    = 'Reads frames of a .zarr archive as objects with statistics and pixels.'
            Description = @(
                'Opens a PhotonCodec archive (any mode, decoded back to the original dtype through the parameters in .zattrs) or any 3-D Zarr v2 array zarr-python wrote with blosc-zstd or no compressor, and emits one PhotonCodec.Frame per requested frame: Index, Height, Width, DType, Min, Max, Mean, Pixels (flat row-major array of the dtype) and a ToArray() method that returns a 2-D [row, column] array.'
                'Only the chunks that hold the requested frames are read, and an ascending run of frames decodes each chunk once; -Verbose reports how many chunk reads a call made.'
            )
            Parameters  = @{
                Path        = 'The .zarr folders to read. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath = 'The .zarr folders to read, taken exactly as written. Binds from PSPath.'
                Index       = 'Frame indices to return, in order; ranges such as 100..199 work and negative indices count from the end (-1 is the last frame). Indices outside the movie are reported as PhotonCodec.FrameOutOfRange errors.'
                First       = 'Return only this many frames (after -Skip), like Select-Object -First.'
                Skip        = 'Skip this many frames of the selection first.'
                Raw         = 'Return the stored values (uint8/uint16 codes in Quantized mode, float values in Float mode) instead of decoded levels.'
            }
            Outputs     = @{ 'PhotonCodec.Frame' = 'Index, Height, Width, DType, Min, Max, Mean, Path, Pixels; ToArray() gives [row, column].' }
            Examples    = @(
                @{ Code = 'Get-PhotonFrame -Path .\run1.zarr -Index 0, -1'; Remarks = 'The first and the last frame with their statistics.' }
                @{ Code = '(Get-PhotonFrame -Path .\run1.zarr -Index 250).ToArray()[10, 20]'; Remarks = 'The pixel at row 10, column 20 of frame 250.' }
                @{ Code = 'Get-PhotonFrame -Path .\run1.zarr -Index (100..199) | Measure-Object Mean -Average'; Remarks = 'Mean intensity over frames 100 to 199 (reads two chunks at most).' }
            )
        }
        'Measure-PhotonCompression' = @{
            Synopsis    = 'Shows what each mode would store for a TIFF (in memory), or how a .zarr is stored.'
            Description = @(
                'On a TIFF: compresses it in memory in each mode (nothing is written) and emits one PhotonCodec.CompressionReport per mode: stored size and ratio, bits per pixel, the order-0 entropy of the stored values (the bound a per-pixel coder cannot beat), and the error after decoding (max and RMS in units of the photon noise σ; 0 for the exact modes).'
                'On a .zarr: one PhotonCodec.ArchiveSummary, or with -PerChunk one PhotonCodec.ChunkStatistics per chunk file (each chunk''s Blosc header is checked).'
            )
            Parameters  = @{
                Mode     = 'Modes to measure on a TIFF: Quantized, Lossless, Float (default: all three).'
                Baseline = 'Adds the seed''s <zarr@> baseline (raw integers, same Blosc settings) and, on every other row, GainOverBaseline: how many times smaller than the baseline that mode stores.'
                PerChunk = 'On a .zarr: one object per chunk file instead of a summary.'
            }
            Outputs     = @{ 'PhotonCodec.CompressionReport' = 'One per mode on a TIFF.'; 'PhotonCodec.ArchiveSummary' = 'A .zarr as a whole.'; 'PhotonCodec.ChunkStatistics' = 'A chunk file, with -PerChunk.' }
            Examples    = @(
                @{ Code = 'Measure-PhotonCompression -Path .\run1.tif -Baseline -Gain 30 -ZeroLevel 200 -ReadNoise 8'; Remarks = 'How much the photon codec buys over raw integers, per mode, and what it costs in error.' }
                @{ Code = 'Measure-PhotonCompression -Path .\run1.zarr -PerChunk | Sort-Object Ratio | Select-Object -First 3'; Remarks = 'The three chunks that compress worst.' }
            )
        }
        'Measure-PhotonTransfer' = @{
            Synopsis    = "Measures the detector's gain, zero level and read noise from a movie's frame-to-frame noise."
            Description = @(
                'Runs of consecutive frames (at most about -MaxPairs frame pairs, spread over the movie) give, per intensity bin, the mean level and the variance of their second differences (a − 2b + c, which cancels a signal that changes steadily), on the pixels whose signal stays constant; a robust weighted fit of variance = gain·(level − zero level) + read noise² gives the gain, and the population of zero-photon pixels separates the zero level from the read noise. Memory does not grow with the movie''s length.'
                'Emits a PhotonCodec.PhotonTransfer: Gain (levels per photon), ZeroLevel, ReadNoise (levels), GainStdError, FitR2, LevelsUsed, FramesUsed, Method and Warnings (for example when no dark pixels exist, or the fit is poor because the scene changes between frames). Data without photon structure (constant frames, a single frame) give a PhotonCodec.NotPhotonData error rather than a confident wrong number.'
                'ConvertTo-PhotonZarr runs the same estimate when -Gain, -ZeroLevel or -ReadNoise are not given.'
                'The gain is the slope of variance against mean level. With a PMT or HyD, whose pulse heights vary, that slope is the gain that stabilizes the variance, G·(1 + CV²) for mean pulse height G and pulse-height CV, not G itself: it is the figure quantization needs. Clipped samples (at 0, at the dtype limits or at a level where values pile up) are left out one by one; the zero level and read noise come from the peak of samples that caught no photon (its uncut side when clipping cut the other). The gain is fitted on each half of the movie too (GainHalves); when they differ by more than their errors and 10 %, a warning says the estimate is unstable and the smaller gain is used.'
            )
            Parameters  = @{
                Path        = 'TIFF movies, or .zarr archives written in Lossless mode. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath = 'TIFF movies or Lossless .zarr archives, taken exactly as written. Binds from PSPath.'
                InputObject = 'Frames from Get-PhotonFrame, in order (all of one size and dtype); the estimate is made when the pipeline ends.'
                MaxPairs    = 'Frame pairs sampled, spread evenly over the movie (default 200).'
                PlotPath    = 'Writes the photon-transfer curve (variance against mean level per bin, the fitted line and the zero-photon peak) as an SVG file; a folder receives <name>.photon-transfer.svg per input.'
            }
            Outputs     = @{ 'PhotonCodec.PhotonTransfer' = 'Path, Gain, ZeroLevel, ReadNoise, GainStdError, FitR2, LevelsUsed, FramesUsed, Method, Warnings, PlotPath.' }
            Examples    = @(
                @{ Code = 'Measure-PhotonTransfer -Path .\run1.tif -PlotPath .\run1-ptc.svg'; Remarks = 'Gain, zero level and read noise of the detector that recorded run1, with the curve to look at in a browser.' }
                @{ Code = 'Get-PhotonFrame -Path .\run1.zarr -First 200 | Measure-PhotonTransfer'; Remarks = 'The same from the first 200 frames of a Lossless archive, through the pipeline.' }
                @{ Code = 'Get-ChildItem D:\raw -Filter *.tif | Measure-PhotonTransfer | Sort-Object Gain | Format-Table'; Remarks = 'Compares the detectors of a whole folder of movies.' }
            )
        }
        'Test-PhotonRoundTrip' = @{
            Synopsis    = 'Checks that an archive decodes to its source within the documented bounds ($true/$false).'
            Description = @(
                'Compares the source TIFF with the archive decoded (or, without -ZarrPath, with the source converted in memory in -Mode) and returns $true when Lossless and Float modes are exact and Quantized mode stays within its bounds: every pixel within β·σ of its original in the variance-stabilized domain, RMS error ≤ β/√12 + 0.04 σ and |mean error| ≤ 0.05 σ (each widened by the rounding of decoded values to whole levels).'
                'With -Detailed it returns a PhotonCodec.RoundTripReport: Passed, Mode, Frames, MaxAbsError (levels), MaxErrorSigma, RmsErrorSigma, MeanBiasPhotons, MismatchedPixels, FirstBadFrame and the Reason of a failure. The boolean form works directly in Pester: Test-PhotonRoundTrip ... | Should -BeTrue.'
            )
            Parameters  = @{
                Path          = 'The source TIFF files. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath   = 'The source TIFF files, taken exactly as written. Binds from PSPath.'
                ZarrPath      = 'The archive made from the source. Without it the source is converted in memory with -Mode and the other parameters, and checked. Binds from a Destination property, so ConversionResult objects can be piped in.'
                Mode          = 'Without -ZarrPath: the mode to convert in memory (default Quantized). With -ZarrPath the archive''s own mode is used.'
                MaxErrorSigma = 'Largest error allowed for any pixel, in units of the noise σ (default: β in Quantized mode, 0 in the exact modes).'
                Detailed      = 'Return a PhotonCodec.RoundTripReport instead of $true/$false.'
            }
            Outputs     = @{ 'System.Boolean' = 'Without -Detailed.'; 'PhotonCodec.RoundTripReport' = 'With -Detailed.' }
            Examples    = @(
                @{ Code = 'Test-PhotonRoundTrip -Path .\run1.tif -ZarrPath .\run1.zarr'; Remarks = 'True when the archive decodes within its bounds.' }
                @{ Code = 'ConvertTo-PhotonZarr -Path .\run1.tif -Mode Lossless | Test-PhotonRoundTrip -Detailed'; Remarks = 'Converts, then checks the result in detail: Path binds from the result''s Source and ZarrPath from its Destination.' }
                @{ Code = "It 'archives run1 within bounds' { Test-PhotonRoundTrip -Path run1.tif -ZarrPath run1.zarr | Should -BeTrue }"; Remarks = 'As a Pester regression check.' }
            )
        }
    }
}
