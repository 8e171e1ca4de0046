<#
.SYNOPSIS
    Parses PowerShell files with PowerShell's own parser and prints one JSON line per file:
    {"file": ..., "ok": true|false, "errors": [{"line", "column", "text"}]}.
.DESCRIPTION
    Run by tests/StsTools.Tests (PowerShellSyntaxTests) in the pinned pwsh over every .ps1, .psm1
    and .psd1 of the repository, so a broken Pester file or manifest fails the xunit run as well as
    the Pester run that would load it. Beside PSScriptAnalyzer (Lint.Tests.ps1), which reads what parses.
#>
param([Parameter(Mandatory, ValueFromRemainingArguments)] [string[]] $Path)
foreach ($file in $Path) {
    $tokens = $null
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref] $tokens, [ref] $errors)
    [ordered]@{
        file   = $file
        ok     = $errors.Count -eq 0
        errors = @($errors | ForEach-Object { [ordered]@{ line = $_.Extent.StartLineNumber; column = $_.Extent.StartColumnNumber; text = $_.Message } })
    } | ConvertTo-Json -Compress -Depth 4
}
