BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $cmdlets = @((Get-Command -Module PhotonCodec -CommandType Cmdlet).Name | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll { $script:help = Get-Help $Name -Full; $script:name = $Name }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$name*[[]*"   # not the auto-generated syntax line
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($p in (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.parameters.parameter | Where-Object name -eq $p
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p of $name"
        }
    }

    It 'has at least two examples that parse' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($e.code, [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty
        }
    }
}
