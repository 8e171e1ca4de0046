<#
.SYNOPSIS
    Builds, tests, documents and packages StsModule.
.DESCRIPTION
    Build   : dotnet build (stages the module into ./bin, where StsModule.psd1 points).
    Test    : Build, then the xunit suite (dotnet test) and the Pester 5 tests in ./tests.
    Pester  : Build, then the Pester 5 tests alone (test.sh runs xunit itself, then this).
    Docs    : Builds MAML help (./en-US) from the PlatyPS markdown in ./docs/en-US (every build does,
              with -HelpOptional: without platyPS it warns once and Get-Help shows syntax only).
    UpdateDocs : Rewrites the syntax and parameter sections of the markdown from the built cmdlets
              (platyPS Update-MarkdownHelp), keeping every description and example; run it after
              changing a parameter. Docs.Tests.ps1 fails when the committed pages differ from it.
    Package : Build (unless -NoBuild), then a ready-to-publish module folder in
              ./out/StsModule/<version> (manifest, views, assemblies, ReadyToRun images for each of
              -ReadyToRunRuntimes, compiled help, LICENSE, CHANGELOG) and its .nupkg in ./out.
    Pester 5.7.1 comes from NuGet (tests/tools/PowerShellModules.csproj, restore only); platyPS
    and PSScriptAnalyzer from ../shared/tools/modules when that folder exists. The PowerShell
    Gallery is only the fallback for a module neither place has.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingWriteHost', '', Justification = 'A build script reports its steps to the person who runs it, not to a pipeline.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', '', Justification = 'The script parameters are read by the functions below (script scope), which the rule does not follow.')]
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'UpdateDocs', 'Package')]
    [string[]] $Task = @('Build'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Platforms to precompile the engine and the AWS SDK for (each for .NET 8, 9 and 10: about
    # 8.7 MB per platform). Build defaults to this machine's; Package to the platforms most pwsh
    # sessions run on. Other platforms, and Windows PowerShell 5.1, use the plain assemblies.
    [string[]] $ReadyToRunRuntimes,
    # UpdateDocs only: the markdown folder to bring in line with the cmdlets (default docs/en-US).
    [string] $DocsPath = (Join-Path $PSScriptRoot 'docs/en-US'),
    # Pester and Package: use the module as already built (test.sh builds it with the xunit run).
    [switch] $NoBuild,
    # Docs only: when platyPS cannot be found or installed, warn once and compile no help instead
    # of failing (what `dotnet build` asks for: a build needs only the .NET SDK and NuGet).
    [switch] $HelpOptional
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

function Get-BuildArgument {
    # `dotnet build` of the solution, for the platforms' ReadyToRun images when given.
    param([string[]] $Runtimes)
    $arguments = @('build', (Join-Path $Root 'StsTools.sln'), '-c', $Configuration, '--nologo')
    # '+' separated: MSBuild would split a ';' or ',' list given on the command line.
    if ($Runtimes) { $arguments += "-p:ReadyToRunRuntimes=$($Runtimes -join '+')" }
    , $arguments
}

function Invoke-Build {
    param([string[]] $Runtimes = $ReadyToRunRuntimes)
    Invoke-Native dotnet (Get-BuildArgument -Runtimes $Runtimes)
}

function Invoke-Test {
    Invoke-Build
    # Keep every test off real AWS and off instance metadata.
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Invoke-Native dotnet @('test', (Join-Path $Root 'StsTools.sln'), '-c', $Configuration, '--no-build', '--nologo')
    Invoke-PesterSuite
}

function Invoke-PesterSuite {
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Use-Pester
    # `Import-Module StsModule` by name, as users write it (tests/examples): a module folder named
    # StsModule on PSModulePath that is this repository (a symbolic link; a junction on Windows).
    $modules = Join-Path $Root 'out/psmodules'
    $link = Join-Path $modules 'StsModule'
    if (-not (Test-Path (Join-Path $link 'StsModule.psd1'))) {
        $null = New-Item -ItemType Directory -Force -Path $modules
        if (Test-Path $link) { Remove-Item $link -Force }
        $kind = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'Junction' } else { 'SymbolicLink' }
        $null = New-Item -ItemType $kind -Path $link -Target $Root
    }
    $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
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

function ConvertTo-AboutText {
    # The about topic in PowerShell's plain-text about format, from docs/en-US/about_*.md:
    # platyPS 0.14 reflows an about page into paragraphs, running numbered lists and code blocks
    # together and reading '*text*' as emphasis. Here headings ("# X", "## X") go to the margin,
    # code blocks (indented four in the markdown) keep every line as written, indented eight,
    # and paragraphs and "- " list items are wrapped to 80 columns (list items with a hanging
    # indent), so Get-Help reads well in a standard console.
    param([Parameter(Mandatory)] [string] $Path, [int] $Width = 80)
    $lines = ([IO.File]::ReadAllText($Path) -replace "`r`n", "`n").TrimEnd("`n") -split "`n"
    $out = [Collections.Generic.List[string]]::new()
    $name = [IO.Path]::GetFileNameWithoutExtension($Path)
    $words = [Collections.Generic.List[string]]::new()
    $first = '    '; $rest = '    '
    function Send-Paragraph {
        if ($words.Count -eq 0) { return }
        $line = $first
        $empty = $true
        foreach ($word in $words) {
            if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) { $out.Add($line.TrimEnd()); $line = $rest; $empty = $true }
            $line = if ($empty) { $line + $word } else { "$line $word" }
            $empty = $false
        }
        $out.Add($line.TrimEnd())
        $words.Clear()
    }
    foreach ($line in $lines) {
        if ($line -eq "# $name") { $out.Add('TOPIC'); $out.Add("    $name"); continue }
        if ($line -eq "## $name") { continue }
        if ($line -match '^#{1,2} (.+)$') {
            Send-Paragraph
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
            $out.Add($(if ($line.StartsWith('## ')) { "  $($Matches[1])" } else { $Matches[1] }))
            continue
        }
        if ($line -eq '') { Send-Paragraph; $out.Add(''); continue }
        if ($line.StartsWith('    ')) { Send-Paragraph; $out.Add("    $line".TrimEnd()); continue }
        if ($line -match '^- (.*)$') {
            Send-Paragraph
            $first = '    - '; $rest = '      '
            $words.AddRange([string[]]($Matches[1] -split ' +' | Where-Object { $_ }))
            continue
        }
        if ($line -match '^  \S' -and $first -eq '    - ') { $words.AddRange([string[]]($line.Trim() -split ' +')); continue }
        if ($first -eq '    - ') { Send-Paragraph }
        $first = '    '; $rest = '    '
        $words.AddRange([string[]]($line.Trim() -split ' +' | Where-Object { $_ }))
    }
    Send-Paragraph
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
}

function Build-Help {
    # MAML and about_ help from docs/en-US into en-US/ beside the manifest, where Get-Help looks.
    # Every `dotnet build` runs this with -HelpOptional (src/StsTools.PowerShell/Help.targets).
    # The about topic needs no platyPS (ConvertTo-AboutText); the cmdlet pages do.
    param([switch] $Optional)
    $target = Join-Path $Root 'en-US'
    $null = New-Item -ItemType Directory -Force -Path $target
    foreach ($about in Get-ChildItem -Path (Join-Path $Root 'docs/en-US') -Filter 'about_*.md') {
        [IO.File]::WriteAllText((Join-Path $target ($about.BaseName + '.help.txt')), (ConvertTo-AboutText -Path $about.FullName), [Text.UTF8Encoding]::new($false))
    }
    try {
        Use-GalleryModule -Name platyPS -Version $PlatyPSVersion
    }
    catch {
        if (-not $Optional) { throw "platyPS $PlatyPSVersion is needed to compile the help and could not be found or installed: $($_.Exception.Message)" }
        # MSBuild's canonical form: `dotnet build` lists it as one warning, not an error.
        Write-Host "build.ps1 : warning STSHELP1: cmdlet help not compiled: platyPS $PlatyPSVersion is neither on PSModulePath nor installable ($($_.Exception.Message -replace '[\r\n]+', ' ')). Get-Help shows syntax only (about_StsModule is there). Install it (Install-PSResource platyPS -Version $PlatyPSVersion) and build again; build.ps1 -Task Package requires it."
        return
    }
    # Only the cmdlet pages: the about topic is written above.
    $pages = Join-Path ([IO.Path]::GetTempPath()) ('ststools-help-' + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $pages
    try {
        Copy-Item -Path (Join-Path $Root 'docs/en-US/*-*.md') -Destination $pages
        $null = New-ExternalHelp -Path $pages -OutputPath $target -Force -Encoding ([Text.UTF8Encoding]::new($false))
    }
    finally { Remove-Item $pages -Recurse -Force -ErrorAction SilentlyContinue }
}

function Sync-HelpMarkdown {
    param([string] $Path)
    Use-GalleryModule -Name platyPS -Version $PlatyPSVersion
    if (-not (Get-Module StsModule)) { Import-Module (Join-Path $Root 'StsModule.psd1') }
    $null = Update-MarkdownHelp -Path $Path -AlphabeticParamsOrder
    foreach ($page in Get-ChildItem -Path $Path -Filter '*-*.md') {
        $text = [IO.File]::ReadAllText($page.FullName) -replace "`r`n", "`n"
        # pwsh 7.4+ makes platyPS 0.14.2 document -ProgressAction as a cmdlet parameter (platyPS
        # issue 595); it is a common parameter.
        $text = $text -replace ' \[-ProgressAction <ActionPreference>\]', ''
        $text = $text -replace '(?s)### -ProgressAction\n.*?(?=### )', ''
        [IO.File]::WriteAllText($page.FullName, $text, [Text.UTF8Encoding]::new($false))
    }
}

function Invoke-PackageBuild {
    # The build for -ReadyToRunRuntimes; when a platform's runtime pack or crossgen2 cannot be
    # restored, one line says which and how to choose the platforms, instead of a wall of NU1102.
    param([string[]] $Runtimes)
    $arguments = Get-BuildArgument -Runtimes $Runtimes
    $output = & dotnet @arguments 2>&1 | ForEach-Object { "$_" }
    if ($LASTEXITCODE -eq 0) { $output | Write-Verbose; return }
    $pack = $output | Select-String -Pattern "(NU110[0-9]|NETSDK10[0-9]+).*?(Microsoft\.[A-Za-z.]+\.(Runtime|Crossgen2)\.([a-z0-9-]+)|RuntimeIdentifier '([^']+)')" | Select-Object -First 1
    if ($pack) {
        $rid = if ($pack.Matches[0].Groups[4].Success) { $pack.Matches[0].Groups[4].Value } else { $pack.Matches[0].Groups[5].Value }
        throw "build.ps1 -Task Package: the .NET packs for platform '$rid' could not be restored ($($pack.Matches[0].Groups[1].Value)); choose the platforms to precompile with -ReadyToRunRuntimes (now: $($Runtimes -join ', ')), for example -ReadyToRunRuntimes $((@($Runtimes) | Where-Object { $_ -ne $rid }) -join ',')."
    }
    $output | Write-Host
    throw "dotnet build failed with exit code $LASTEXITCODE"
}

function Invoke-Package {
    # out/StsModule/<version>/ (the folder Install-Module and Install-PSResource lay out) and
    # out/StsModule.<version>.nupkg (Compress-PSResource), which Publish-PSResource -NupkgPath takes.
    if (-not $NoBuild) {
        $runtimes = if ($ReadyToRunRuntimes) { $ReadyToRunRuntimes } else { @('win-x64', 'linux-x64', 'linux-arm64', 'osx-arm64') }
        Invoke-PackageBuild -Runtimes $runtimes
    }
    # A package without help would install a module whose Get-Help shows syntax only.
    if (-not (Test-Path (Join-Path $Root 'en-US/StsTools.PowerShell.dll-Help.xml'))) { Build-Help }
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'StsModule.psd1')
    $out = Join-Path $Root 'out'
    $target = Join-Path $out ("StsModule/" + $manifest.ModuleVersion)
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $target
    foreach ($item in 'StsModule.psd1', 'StsModule.format.ps1xml', 'StsModule.types.ps1xml', 'bin', 'en-US', 'README.md', 'LICENSE', 'CHANGELOG.md') {
        Copy-Item -Path (Join-Path $Root $item) -Destination $target -Recurse
    }
    $null = Test-ModuleManifest -Path (Join-Path $target 'StsModule.psd1')
    $nupkg = Join-Path $out "StsModule.$($manifest.ModuleVersion).nupkg"
    if (Test-Path $nupkg) { Remove-Item $nupkg -Force }
    Compress-PSResource -Path $target -DestinationPath $out
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource made no $nupkg" }
    Write-Host "Packaged StsModule $($manifest.ModuleVersion) in $target and $nupkg"
}

foreach ($t in $Task) {
    Write-Host "==> $t"
    switch ($t) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Pester' { if (-not $NoBuild) { Invoke-Build }; Invoke-PesterSuite }
        'Docs' { Build-Help -Optional:$HelpOptional }
        'UpdateDocs' { Sync-HelpMarkdown -Path $DocsPath }
        'Package' { Invoke-Package }
    }
}
