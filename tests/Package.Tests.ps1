#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module as users get it: ./build.ps1 -Task Package, published to a repository and installed
# with PSResourceGet, then imported by name in a fresh pwsh. The manifest tells the truth.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Manifest = Import-PowerShellDataFile (Join-Path $RepoRoot 'StsModule.psd1')
    $Version = $Manifest.ModuleVersion
    $Sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-package-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Sandbox
}

AfterAll {
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path (Join-Path $RepoRoot 'StsModule.psd1')
        $info.Version | Should -Be ([version]$Version)
        $info.ExportedCmdlets.Count | Should -Be (Import-PowerShellDataFile (Join-Path $RepoRoot 'StsModule.psd1')).CmdletsToExport.Count
        $info.ExportedCmdlets.Count | Should -BeGreaterOrEqual 23
    }

    It 'points only at things that exist: a LICENSE file, no placeholder links' {
        Test-Path (Join-Path $RepoRoot 'LICENSE') | Should -BeTrue
        Get-Content (Join-Path $RepoRoot 'LICENSE') -TotalCount 3 | Should -Contain '                                 Apache License'
        $Manifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
        $Manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
    }

    It 'takes its ReleaseNotes from the CHANGELOG section of its version' {
        $changelog = [IO.File]::ReadAllText((Join-Path $RepoRoot 'CHANGELOG.md')) -replace "`r`n", "`n"
        # Keep a Changelog: "## [0.1.0] - 2026-12-05", then ### Added/Changed/Fixed/Security lists.
        $section = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($Version))\] - \d{4}-\d{2}-\d{2}\n(.*?)(?=^## |\z)")
        $section.Success | Should -BeTrue -Because "CHANGELOG.md needs a '## [$Version] - yyyy-mm-dd' section"
        $changelog | Should -Match '(?m)^## \[Unreleased\]$'
        $kinds = [regex]::Matches($section.Groups[1].Value, '(?m)^### (.+)$') | ForEach-Object { $_.Groups[1].Value }
        $kinds | Should -Not -BeNullOrEmpty
        $kinds | ForEach-Object { $_ | Should -BeIn 'Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security' }
        $section.Groups[1].Value | Should -Not -Match 'no longer|\(was ' -Because 'a release note says what the version does, not how development went'
        ($Manifest.PrivateData.PSData.ReleaseNotes -replace "`r`n", "`n").Trim() | Should -Be $section.Groups[1].Value.Trim()
    }
}

Describe 'Package, publish, install' -Skip:($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
    # PSResourceGet installs for the current user under the home folder on Linux and macOS, and
    # keeps its repository list in the XDG data folder: both pointed at the sandbox, the install
    # touches nothing of the user's.
    BeforeAll {
        $Moto = Start-MotoServer
        $out = Invoke-FreshPwsh "& '$(Join-Path $RepoRoot 'build.ps1')' -Task Package -NoBuild"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $Nupkg = Join-Path $RepoRoot "out/StsModule.$Version.nupkg"
        $Data = Join-Path $Sandbox 'xdg-data'
        $null = New-Item -ItemType Directory -Force -Path $Data
    }
    AfterAll { Stop-MotoServer $Moto }

    It 'lays out the package folder with help, licence and changelog' {
        $folder = Join-Path $RepoRoot "out/StsModule/$Version"
        foreach ($item in 'StsModule.psd1', 'StsModule.format.ps1xml', 'LICENSE', 'CHANGELOG.md', 'en-US/StsTools.PowerShell.dll-Help.xml', 'en-US/about_StsModule.help.txt',
            'bin/StsTools.PowerShell.dll', 'bin/StsTools.Model.dll', 'bin/StsTools.Isolation.dll', 'bin/Dependencies/StsTools.dll', 'bin/Dependencies/AWSSDK.Core.dll') {
            Test-Path (Join-Path $folder $item) | Should -BeTrue -Because "the package needs $item"
        }
        Test-Path $Nupkg | Should -BeTrue
    }

    It 'publishes the .nupkg to a repository and installs it with Install-PSResource' {
        $repository = Join-Path $Sandbox 'repository'
        $null = New-Item -ItemType Directory -Force -Path $repository
        # Set before pwsh starts: PowerShell reads them once, at start-up. The repository list
        # follows XDG_DATA_HOME, the CurrentUser modules folder follows HOME.
        $saved = $env:XDG_DATA_HOME, $env:HOME
        $env:XDG_DATA_HOME = $Data
        $env:HOME = $Data
        try {
            $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name StsModuleTest -Uri '$repository' -Trusted
Publish-PSResource -NupkgPath '$Nupkg' -Repository StsModuleTest
Install-PSResource -Name StsModule -Version '$Version' -Repository StsModuleTest -TrustRepository -Scope CurrentUser
(Get-InstalledPSResource -Name StsModule).InstalledLocation
"@
        }
        finally { $env:XDG_DATA_HOME, $env:HOME = $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $script:Installed = @($out)[-1]
        $Installed | Should -BeLike "$Sandbox*"
        Test-Path (Join-Path $Installed "StsModule/$Version/StsModule.psd1") | Should -BeTrue
    }

    It 'imports by name in a fresh pwsh, calls STS and shows help with examples' {
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$Installed' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module StsModule
(Get-Module StsModule).ModuleBase
(Get-StsCallerIdentity -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSPACKAGE1 -SecretKey package-secret).Account
(Get-Help Use-StsRole -Examples | Out-String -Width 200) -match 'Example 1: Assume a role'
(Get-Help about_StsModule | Out-String) -match 'CREDENTIAL SOURCES'
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out = @($out)
        $out[0] | Should -BeLike "$Installed*"
        $out[1..3] | Should -Be @('123456789012', 'True', 'True')
    }
}
