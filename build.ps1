<#
.SYNOPSIS
    Builds, tests, documents and packages StsModule.
.DESCRIPTION
    Build   : dotnet build (stages the module into ./bin, where StsModule.psd1 points).
    Test    : Build, then the xunit suite (dotnet test) and the Pester 5 tests in ./tests.
    Pester  : Build, then the Pester 5 tests alone (test.sh runs xunit itself, then this).
    Docs    : Builds MAML help (./en-US) from the PlatyPS markdown in ./docs/en-US.
    Package : Build, Docs, then a ready-to-publish module folder in ./out/StsModule/<version>,
              with ReadyToRun images for each of -ReadyToRunRuntimes (see README, Performance).
    Pester 5.7.1 comes from NuGet (tests/tools/PowerShellModules.csproj, restore only); platyPS
    and PSScriptAnalyzer from ../shared/tools/modules when that folder exists. The PowerShell
    Gallery is only the fallback for a module neither place has.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'Package')]
    [string[]] $Task = @('Build'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Platforms to precompile the engine and the AWS SDK for (each for .NET 8, 9 and 10: about
    # 8.7 MB per platform). Build defaults to this machine's; Package to the platforms most pwsh
    # sessions run on. Other platforms, and Windows PowerShell 5.1, use the plain assemblies.
    [string[]] $ReadyToRunRuntimes,
    # Pester only: the module is already built (test.sh builds it with the xunit run).
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$PesterVersion = '5.7.1'
$PlatyPSVersion = '0.14.2'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# Modules built from source beside the project (platyPS, PSScriptAnalyzer) are found by name.
$SharedModules = Join-Path (Split-Path -Parent $Root) 'shared/tools/modules'
if ((Test-Path $SharedModules) -and (($env:PSModulePath -split [IO.Path]::PathSeparator) -notcontains $SharedModules)) {
    $env:PSModulePath = $SharedModules + [IO.Path]::PathSeparator + $env:PSModulePath
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    ($line -replace '^global-packages:\s*', '').Trim()
}

function Use-Pester {
    # NuGet's Pester package: its tools/ folder is the module (no Gallery needed).
    if (-not (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -eq [version]$PesterVersion })) {
        $tools = Join-Path $Root 'tests/tools/PowerShellModules.csproj'
        & dotnet restore $tools --nologo -v quiet | Out-Host
        $manifest = Join-Path (Get-NuGetPackageRoot) "pester/$PesterVersion/tools/Pester.psd1"
        if ($LASTEXITCODE -eq 0 -and (Test-Path $manifest)) {
            Import-Module $manifest -Force
            return
        }
        Write-Warning "Pester $PesterVersion could not be restored from NuGet; trying the PowerShell Gallery"
    }
    Use-GalleryModule -Name Pester -Version $PesterVersion
}

function Use-GalleryModule {
    param([string] $Name, [string] $Version)
    if (-not (Get-Module -ListAvailable -Name $Name | Where-Object { $_.Version -eq [version]$Version })) {
        Write-Host "Installing $Name $Version from the PowerShell Gallery"
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            # Windows PowerShell 5.1's PowerShellGet needs the NuGet provider first.
            $null = Install-PackageProvider -Name NuGet -MinimumVersion 2.8.5.201 -Force -Scope CurrentUser
        }
        Install-Module -Name $Name -RequiredVersion $Version -Scope CurrentUser -Force -AllowClobber
    }
    Import-Module -Name $Name -RequiredVersion $Version -Force
}

function Invoke-Build {
    param([string[]] $Runtimes = $ReadyToRunRuntimes)
    $arguments = @('build', (Join-Path $Root 'StsTools.sln'), '-c', $Configuration, '--nologo')
    # '+' separated: MSBuild would split a ';' or ',' list given on the command line.
    if ($Runtimes) { $arguments += "-p:ReadyToRunRuntimes=$($Runtimes -join '+')" }
    Invoke-Native dotnet $arguments
}

function Invoke-Test {
    Invoke-Build
    # Keep every test off real AWS and off instance metadata.
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Invoke-Native dotnet @('test', (Join-Path $Root 'StsTools.sln'), '-c', $Configuration, '--no-build', '--nologo')
    Invoke-PesterTests
}

function Invoke-PesterTests {
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Use-Pester
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $Root 'tests'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = Join-Path $Root 'out/pester-results.xml'
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $Root 'out')
    $result = Invoke-Pester -Configuration $config
    # For test.sh's closing line, which adds these to the xunit counts.
    [ordered]@{ passed = $result.PassedCount; failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; skipped = $result.SkippedCount + $result.NotRunCount } |
        ConvertTo-Json | Set-Content -Path (Join-Path $Root 'out/pester-summary.json')
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed" }
}

function Invoke-Docs {
    Use-GalleryModule -Name platyPS -Version $PlatyPSVersion
    $null = New-ExternalHelp -Path (Join-Path $Root 'docs/en-US') -OutputPath (Join-Path $Root 'en-US') -Force
}

function Invoke-Package {
    $runtimes = if ($ReadyToRunRuntimes) { $ReadyToRunRuntimes } else { @('win-x64', 'linux-x64', 'linux-arm64', 'osx-arm64') }
    Invoke-Build -Runtimes $runtimes
    Invoke-Docs
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'StsModule.psd1')
    $target = Join-Path $Root ("out/StsModule/" + $manifest.ModuleVersion)
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $target
    foreach ($item in 'StsModule.psd1', 'StsModule.format.ps1xml', 'bin', 'en-US', 'README.md') {
        Copy-Item -Path (Join-Path $Root $item) -Destination $target -Recurse
    }
    Test-ModuleManifest -Path (Join-Path $target 'StsModule.psd1') | Out-Null
    Write-Host "Packaged StsModule $($manifest.ModuleVersion) in $target"
}

foreach ($t in $Task) {
    Write-Host "==> $t"
    switch ($t) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Pester' { if (-not $NoBuild) { Invoke-Build }; Invoke-PesterTests }
        'Docs' { Invoke-Docs }
        'Package' { Invoke-Package }
    }
}
