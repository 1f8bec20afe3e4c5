<#
.SYNOPSIS
    Generates the MAML help of the binary cmdlets from docs/help/PhotonCodec.help.psd1 and the cmdlets' own metadata.
.DESCRIPTION
    Called by build.ps1 in a child pwsh. Fails when an exported cmdlet lacks a synopsis, a parameter lacks a
    description, or a cmdlet has fewer than two examples, so the help cannot silently fall behind the code.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string[]] $OutFile,
    [string] $SourcePath = (Join-Path $PSScriptRoot '../docs/help/PhotonCodec.help.psd1')
)
$ErrorActionPreference = 'Stop'
$source = Import-PowerShellDataFile $SourcePath
$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()

function TypeName([type] $t) { $u = [Nullable]::GetUnderlyingType($t); if ($u) { $u.Name } else { $t.Name } }
function Esc([string] $text) { [System.Security.SecurityElement]::Escape($text) }
function Para([string[]] $text) { ($text | ForEach-Object { "<maml:para>$(Esc $_)</maml:para>" }) -join '' }

$sb = [System.Text.StringBuilder]::new()
$null = $sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
$null = $sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($cmd in ($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $doc = $source.Commands[$cmd.Name]
    if (-not $doc) { $problems.Add("$($cmd.Name): no help entry"); continue }
    if (-not $doc.Synopsis) { $problems.Add("$($cmd.Name): no synopsis") }
    if (@($doc.Examples).Count -lt 2) { $problems.Add("$($cmd.Name): fewer than two examples") }
    $params = $cmd.Parameters.Values | Where-Object { $_.Name -notin $common -or $_.Name -in 'WhatIf', 'Confirm' }
    $describe = @{}
    foreach ($p in $params) {
        $text = if ($doc.Parameters -and $doc.Parameters[$p.Name]) { $doc.Parameters[$p.Name] } else { $source.CommonParameters[$p.Name] }
        if (-not $text) { $problems.Add("$($cmd.Name) -$($p.Name): no description") }
        $describe[$p.Name] = $text
    }
    $verb, $noun = $cmd.Name -split '-', 2
    $null = $sb.AppendLine('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    $null = $sb.AppendLine("<command:details><command:name>$($cmd.Name)</command:name><maml:description>$(Para $doc.Synopsis)</maml:description><command:verb>$verb</command:verb><command:noun>$noun</command:noun></command:details>")
    $null = $sb.AppendLine("<maml:description>$(Para $doc.Description)</maml:description>")

    $null = $sb.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        $null = $sb.AppendLine("<command:syntaxItem><maml:name>$($cmd.Name)</maml:name>")
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common -or $_.Name -in 'WhatIf', 'Confirm' }) {
            $pos = if ($sp.Position -ge 0) { $sp.Position } else { 'named' }
            $type = TypeName $sp.ParameterType
            $value = if ($type -ne 'SwitchParameter') { '<command:parameterValue required="true">' + (Esc $type) + '</command:parameterValue>' } else { '' }
            $required = $sp.IsMandatory.ToString().ToLower()
            $null = $sb.AppendLine("<command:parameter required=`"$required`" position=`"$pos`"><maml:name>$($sp.Name)</maml:name>$value</command:parameter>")
        }
        $null = $sb.AppendLine('</command:syntaxItem>')
    }
    $null = $sb.AppendLine('</command:syntax>')

    $null = $sb.AppendLine('<command:parameters>')
    foreach ($p in $params | Sort-Object Name) {
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $mandatory = [bool]($attrs | Where-Object Mandatory)
        $positions = @($attrs | Where-Object { $_.Position -ge 0 } | ForEach-Object Position)
        $pos = if ($positions) { $positions[0] } else { 'named' }
        $byValue = [bool]($attrs | Where-Object ValueFromPipeline)
        $byName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
        $pipeline = if ($byValue -or $byName) { 'True (' + ((@('ByValue') * $byValue) + (@('ByPropertyName') * $byName) -join ', ') + ')' } else { 'False' }
        $globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $aliases = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
        $type = TypeName $p.ParameterType
        $null = $sb.AppendLine("<command:parameter required=""$($mandatory.ToString().ToLower())"" variableLength=""true"" globbing=""$($globbing.ToString().ToLower())"" pipelineInput=""$pipeline"" position=""$pos"" aliases=""$(Esc $aliases)""><maml:name>$($p.Name)</maml:name><maml:description>$(Para $describe[$p.Name])</maml:description><command:parameterValue required=""$((-not ($type -eq 'SwitchParameter')).ToString().ToLower())"">$(Esc $type)</command:parameterValue><dev:type><maml:name>$(Esc $p.ParameterType.FullName)</maml:name></dev:type></command:parameter>")
    }
    $null = $sb.AppendLine('</command:parameters>')

    $null = $sb.AppendLine('<command:returnValues>')
    foreach ($o in $doc.Outputs.GetEnumerator()) {
        $null = $sb.AppendLine("<command:returnValue><dev:type><maml:name>$(Esc $o.Key)</maml:name></dev:type><maml:description>$(Para $o.Value)</maml:description></command:returnValue>")
    }
    $null = $sb.AppendLine('</command:returnValues>')

    $null = $sb.AppendLine('<command:examples>')
    $n = 0
    foreach ($ex in $doc.Examples) {
        $n++
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($ex.Code, [ref]$null, [ref]$errors)
        if ($errors) { $problems.Add("$($cmd.Name) example $($n): does not parse: $($errors[0].Message)") }
        $null = $sb.AppendLine("<command:example><maml:title>-------------------------- Example $n --------------------------</maml:title><dev:code>$(Esc $ex.Code)</dev:code><dev:remarks>$(Para $ex.Remarks)</dev:remarks></command:example>")
    }
    $null = $sb.AppendLine('</command:examples>')
    $null = $sb.AppendLine('</command:command>')
}
$null = $sb.AppendLine('</helpItems>')
if ($problems.Count) { throw "Help is incomplete:`n  " + ($problems -join "`n  ") }
foreach ($file in $OutFile) {
    New-Item -ItemType Directory (Split-Path $file -Parent) -Force | Out-Null
    Set-Content -Path $file -Value $sb.ToString() -Encoding utf8NoBOM
}
