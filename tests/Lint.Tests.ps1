#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# PSScriptAnalyzer's default rules over every PowerShell file of the repository: zero findings.
# A finding that is wrong for its site is suppressed there, with a written justification.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeDiscovery sets the data -ForEach uses, which the rule does not follow.')]
param()

BeforeDiscovery {
    $root = Split-Path -Parent $PSScriptRoot
    $skip = [regex] '[\\/](out|bin|obj|node_modules|\.git)[\\/]'
    $Files = @(Get-ChildItem -Path $root -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
            Where-Object { -not $skip.IsMatch($_.FullName.Substring($root.Length)) } |
            ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1).Replace('\', '/') } })
}

BeforeAll {
    # ../shared/tools/modules (build.ps1 puts it on PSModulePath) or the PowerShell Gallery.
    if (-not (Get-Module -ListAvailable PSScriptAnalyzer)) {
        Install-Module PSScriptAnalyzer -Scope CurrentUser -Force
    }
    Import-Module PSScriptAnalyzer
}

Describe 'PSScriptAnalyzer' {
    It 'finds nothing in <Name>' -ForEach $Files {
        $findings = @(Invoke-ScriptAnalyzer -Path $Path)
        $findings | ForEach-Object { "$($_.RuleName) line $($_.Line): $($_.Message)" } | Should -BeNullOrEmpty
    }

    It 'lints at least the module manifest, the build script and the tests' -ForEach @{ Names = $Files.Name } {
        $Names | Should -Contain 'StsModule.psd1'
        $Names | Should -Contain 'build.ps1'
        @($Names -like '*.Tests.ps1').Count | Should -BeGreaterOrEqual 4
    }
}
