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

function DefaultValue($doc, $instance, [string] $name) {
    if ($doc.Defaults -and $doc.Defaults.ContainsKey($name)) { return $doc.Defaults[$name] }
    if ($source.CommonDefaults -and $source.CommonDefaults.ContainsKey($name)) { return $source.CommonDefaults[$name] }
    $property = $instance.GetType().GetProperty($name)
    if (-not $property) { return $(if ($name -in 'WhatIf', 'Confirm') { 'False' } else { 'None' }) }
    $value = $property.GetValue($instance)
    if ($null -eq $value -or ($value -is [array] -and $value.Count -eq 0) -or ($value -is [string] -and $value -eq '')) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return $value.IsPresent.ToString() }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
}

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
    # Defaults: the value a fresh cmdlet object holds, unless the help source says it in words (Defaults = @{ ... }).
    $defaults = [Activator]::CreateInstance($cmd.ImplementingType)
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
        # Count, not truthiness: @(0) is falsy, and position 0 is the one -Path has.
        $pos = if ($positions.Count) { $positions[0] } else { 'named' }
        $byValue = [bool]($attrs | Where-Object ValueFromPipeline)
        $byName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
        $pipeline = if ($byValue -or $byName) { 'True (' + ((@('ByValue') * $byValue) + (@('ByPropertyName') * $byName) -join ', ') + ')' } else { 'False' }
        $globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $aliases = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
        $type = TypeName $p.ParameterType
        $default = DefaultValue $doc $defaults $p.Name
        $null = $sb.AppendLine("<command:parameter required=""$($mandatory.ToString().ToLower())"" variableLength=""true"" globbing=""$($globbing.ToString().ToLower())"" pipelineInput=""$pipeline"" position=""$pos"" aliases=""$(Esc $aliases)""><maml:name>$($p.Name)</maml:name><maml:description>$(Para $describe[$p.Name])</maml:description><command:parameterValue required=""$((-not ($type -eq 'SwitchParameter')).ToString().ToLower())"">$(Esc $type)</command:parameterValue><dev:type><maml:name>$(Esc $p.ParameterType.FullName)</maml:name></dev:type><dev:defaultValue>$(Esc $default)</dev:defaultValue></command:parameter>")
    }
    $null = $sb.AppendLine('</command:parameters>')

    # INPUTS from the parameters that bind from the pipeline: by value (the type) and by property name (the properties).
    $null = $sb.AppendLine('<command:inputTypes>')
    foreach ($p in $params | Sort-Object Name) {
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        if ($attrs | Where-Object ValueFromPipeline) {
            $element = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType().FullName } else { $p.ParameterType.FullName }
            $null = $sb.AppendLine("<command:inputType><dev:type><maml:name>$(Esc $element)</maml:name></dev:type><maml:description>$(Para "Piped values bind to -$($p.Name).")</maml:description></command:inputType>")
        }
        if ($attrs | Where-Object ValueFromPipelineByPropertyName) {
            $names = @($p.Name) + @($p.Aliases) -join ', '
            $why = if ($p.Aliases -contains 'PSPath') { ', taken literally: Get-ChildItem output and the PhotonCodec output objects carry PSPath' } else { '' }
            $null = $sb.AppendLine("<command:inputType><dev:type><maml:name>Objects with a property $(Esc $names)</maml:name></dev:type><maml:description>$(Para "Bind to -$($p.Name) by property name$why.")</maml:description></command:inputType>")
        }
    }
    $null = $sb.AppendLine('</command:inputTypes>')

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
