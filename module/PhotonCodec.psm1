# The cmdlets live in bin/PhotonCodec.dll (a nested module of the manifest); this file only wires up
# what is PowerShell-side: argument completion for -Mode values on every cmdlet that takes one.
Register-ArgumentCompleter -CommandName ConvertTo-PhotonZarr, Measure-PhotonCompression, Test-PhotonRoundTrip -ParameterName Mode -ScriptBlock {
    param($commandName, $parameterName, $wordToComplete)
    'Quantized', 'Lossless', 'Float' | Where-Object { $_ -like "$wordToComplete*" } |
        ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
