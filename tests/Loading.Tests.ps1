#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# How the module loads, in real PowerShell: fresh processes, the private load context, other
# modules' AWSSDK.Core, several runspaces, Remove-Module, and no network at import. The
# xunit IsolationProbe tests imitate Import-Module; these are the proof in the real thing.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $Manifest = Join-Path $RepoRoot 'StsModule.psd1'
    $CmdletCount = (Import-PowerShellDataFile $Manifest).CmdletsToExport.Count
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $Sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-loading-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Sandbox
    $env:AWS_CONFIG_FILE = Join-Path $Sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Sandbox 'credentials'
    foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $Manifest -Force
    $Moto = Start-MotoServer
    $Conn = @{ EndpointUrl = $Moto.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSLOADING1'; SecretKey = 'loading-secret-for-moto-only' }
    # The connection as text for child processes.
    $ConnText = "-EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSLOADING1 -SecretKey loading-secret-for-moto-only"
    function Get-EngineContext { [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'StsModule' }
}

AfterAll {
    Stop-MotoServer $Moto
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Import-Module in a fresh process' {
    It 'imports from bin/ as built, with every cmdlet, and calls STS' {
        $out = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$Manifest'; (Get-Command -Module StsModule).Count; (Get-StsCallerIdentity $ConnText).Account"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Be @("$CmdletCount", '123456789012')
    }

    It 'imports by name from a module folder on PSModulePath, as an installed module' {
        # The packaged layout (manifest, views, bin/) copied as Install-Module lays it out.
        $modules = Join-Path $Sandbox 'modules'
        $target = Join-Path $modules 'StsModule/0.1.0'
        $null = New-Item -ItemType Directory -Force -Path $target
        foreach ($item in 'StsModule.psd1', 'StsModule.format.ps1xml', 'StsModule.types.ps1xml', 'bin') { Copy-Item (Join-Path $RepoRoot $item) $target -Recurse }
        $out = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; `$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath; Import-Module StsModule; (Get-Module StsModule).ModuleBase; (Get-StsCallerIdentity $ConnText).Account"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be (Resolve-Path $target).ProviderPath
        $out[1] | Should -Be '123456789012'
    }

    It 'makes no network connection while importing (instance metadata and container endpoints watched)' {
        $metadata = Start-SilentListener
        $container = Start-SilentListener
        try {
            # Disk cache on, so the import's cache-reader warm-up runs too. The control after the
            # import proves the listeners would see the SDK's credential probes: with no credentials
            # at all, the default chain asks them.
            $script = @"
`$env:AWS_EC2_METADATA_DISABLED = `$null
`$env:AWS_EC2_METADATA_SERVICE_ENDPOINT = '$($metadata.Endpoint)'
`$env:AWS_CONTAINER_CREDENTIALS_FULL_URI = '$($container.Endpoint)/creds'
`$env:STSMODULE_DISK_CACHE = '1'
`$env:STSMODULE_CACHE_DIR = '$(Join-Path $Sandbox 'import-cache')'
Import-Module '$Manifest'
Start-Sleep -Milliseconds 1500
'imported'
[Console]::Out.Flush()
Read-Host | Out-Null
try { Get-StsCallerIdentity -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -TimeoutSeconds 2 } catch { 'no credentials' }
"@
            $file = Join-Path $Sandbox 'import-watch.ps1'
            Set-Content -Path $file -Value $script
            $child = $null
            $start = [Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
            foreach ($a in '-NoProfile', '-File', $file) { $start.ArgumentList.Add($a) }
            $start.RedirectStandardInput = $true
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            $child = [Diagnostics.Process]::Start($start)
            $child.StandardOutput.ReadLine() | Should -Be 'imported'
            $duringImport = (Get-PendingConnectionCount $metadata) + (Get-PendingConnectionCount $container)
            $child.StandardInput.WriteLine('go')
            $child.StandardInput.Close()
            # The control: asked for credentials, the SDK's chain reaches a listener (which never
            # answers, so the child is stopped once it has).
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not ($metadata.Listener.Pending() -or $container.Listener.Pending()) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $probed = $metadata.Listener.Pending() -or $container.Listener.Pending()
            $duringImport | Should -Be 0
            $probed | Should -BeTrue -Because 'the control: the credential chain does probe these endpoints when it is asked'
        }
        finally {
            if ($child -and -not $child.HasExited) { $child.Kill() }
            $metadata.Listener.Stop(); $container.Listener.Stop()
        }
    }
}

Describe 'Types users name' {
    It 'names the result types from PowerShell: [type], -is, Should -BeOfType, casts' {
        $r = Use-StsRole 'arn:aws:iam::123456789012:role/Named' 'named-types' @Conn
        $r -is [StsTools.Model.AssumeRoleResponse] | Should -BeTrue
        $r.Credentials | Should -BeOfType ([StsTools.Model.Credentials])
        $made = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAEXAMPLE000000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = [DateTime]::UtcNow.AddHours(1) }
        ($made | Test-StsCredential -Within 60) | Should -BeTrue
        [StsTools.Model.Tag]::new('Team', 'Ops').Key | Should -Be 'Team'
        [StsTools.Storage.CredentialFileFormat]::CredentialProcess | Should -Be 'CredentialProcess'
    }

    It 'declares output types PowerShell can resolve' {
        foreach ($cmdlet in Get-Command -Module StsModule) {
            foreach ($output in $cmdlet.OutputType) { $output.Type | Should -Not -BeNullOrEmpty -Because "$($cmdlet.Name) declares $($output.Name)" }
        }
        (Get-Command Use-StsRole).OutputType.Type | Should -Be ([StsTools.Model.AssumeRoleResponse])
    }
}

Describe 'The private load context' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    It 'holds the engine and the AWS SDK; the default context holds neither, after a call' {
        $null = Get-StsCallerIdentity @Conn
        $names = (Get-EngineContext).Assemblies | ForEach-Object { $_.GetName().Name }
        $names | Should -Contain 'StsTools'
        $names | Should -Contain 'AWSSDK.Core'
        $names | Should -Contain 'AWSSDK.SecurityToken'
        $names | Should -Not -Contain 'StsTools.Model'
        $default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | ForEach-Object { $_.GetName().Name }
        $default | Should -Not -Contain 'AWSSDK.Core'
        $default | Should -Not -Contain 'StsTools'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([StsTools.Model.Credentials].Assembly).Name | Should -Be 'Default'
    }

    It 'loads the engine in the background after import, with no STS call; not with STSMODULE_PRELOAD=0' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $probe = @'
$deadline = [DateTime]::UtcNow.AddSeconds(20)
do {
    $names = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'StsModule' | ForEach-Object Assemblies | ForEach-Object { $_.GetName().Name })
    if ($names -contains 'AWSSDK.SecurityToken' -or [DateTime]::UtcNow -gt $deadline) { break }
    Start-Sleep -Milliseconds 50
} while ($true)
($names | Sort-Object) -join ','
'@
        $on = Invoke-FreshPwsh "Import-Module '$Manifest'`n$probe"
        $LASTEXITCODE | Should -Be 0 -Because ($on -join "`n")
        @($on)[-1] | Should -Be 'AWSSDK.Core,AWSSDK.SecurityToken,StsTools'
        # Opted out: after two seconds the private context still holds nothing.
        $off = Invoke-FreshPwsh "`$env:STSMODULE_PRELOAD = '0'; Import-Module '$Manifest'; Start-Sleep -Seconds 2; @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'StsModule' | ForEach-Object Assemblies).Count"
        $LASTEXITCODE | Should -Be 0 -Because ($off -join "`n")
        @($off)[-1] | Should -Be '0'
    }

    It 'runs the ReadyToRun images built for this runtime and platform' {
        $folder = [IO.Path]::Combine($RepoRoot, 'bin', 'Dependencies', 'ReadyToRun', [StsTools.Isolation.StsLoadContext]::ReadyToRunFolderName)
        if (-not (Test-Path $folder)) { Set-ItResult -Skipped -Because "the build made no images for $([StsTools.Isolation.StsLoadContext]::ReadyToRunFolderName)" }
        $null = Get-StsCallerIdentity @Conn
        [StsTools.Isolation.DependencyIsolation]::ReadyToRunDirectory | Should -Be $folder
        foreach ($name in 'StsTools', 'AWSSDK.Core') {
            ((Get-EngineContext).Assemblies | Where-Object { $_.GetName().Name -eq $name }).Location | Should -Be (Join-Path $folder "$name.dll")
        }
    }

    It 'works beside an AWSSDK.Core 3.7 that another module loaded first (Add-Type, as AWS.Tools does)' {
        $old = Get-NuGetPackageFile -Package AWSSDK.Core -Version 3.7.501.1 -RelativePath 'lib/netstandard2.0/AWSSDK.Core.dll'
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$old'
Import-Module '$Manifest'
(Get-StsCallerIdentity $ConnText).Account
[System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { 'default ' + `$_.GetName().Version }
[System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'StsModule' | ForEach-Object Assemblies | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { 'module ' + `$_.GetName().Version }
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Be @('123456789012', 'default 3.3.0.0', 'module 4.0.0.0')
    }

    It 'works when AWSSDK.Core 3.7 is loaded after the module' {
        $old = Get-NuGetPackageFile -Package AWSSDK.Core -Version 3.7.501.1 -RelativePath 'lib/netstandard2.0/AWSSDK.Core.dll'
        $out = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$Manifest'; `$null = Get-StsCallerIdentity $ConnText; Add-Type -Path '$old'; [Amazon.Runtime.BasicAWSCredentials].Assembly.GetName().Version.ToString(); (Get-StsCallerIdentity $ConnText).Account"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Be @('3.3.0.0', '123456789012')
    }
}

Describe 'Sessions' {
    It 'imports again after Remove-Module, and calls STS' {
        $out = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; Import-Module '$Manifest'; `$a = (Get-StsCallerIdentity $ConnText).Account; Remove-Module StsModule; Import-Module '$Manifest'; `$b = (Get-StsCallerIdentity $ConnText).Account; `$a; `$b; (Get-Command -Module StsModule).Count"
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Be @('123456789012', '123456789012', "$CmdletCount")
    }

    It 'imports in several runspaces at once (ForEach-Object -Parallel)' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
    Import-Module '$Manifest'
    (Get-StsCallerIdentity $ConnText).Account
}
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Be @('123456789012', '123456789012', '123456789012', '123456789012')
    }
}

Describe 'Interactive use' {
    It 'completes -Region and -ProfileName with TabExpansion2' {
        Set-Content -Path $env:AWS_CONFIG_FILE -Value "[profile tabbed-prod]`nregion = eu-west-1`n[profile tabbed-dev]`nregion = eu-west-1`n"
        $line = 'Use-StsRole -Region eu-we'
        $regions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $regions | Should -Contain 'eu-west-1'
        $regions | Should -Not -Contain 'us-east-1'
        $line = 'Get-StsCallerIdentity -ProfileName tabbed-'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object | Should -Be @('tabbed-dev', 'tabbed-prod')
    }

    It 'completes profile names that are not plain words quoted, read back as exactly that one argument' {
        $names = 'prod; Remove-Item -Recurse ~/x', 'a$(Write-Host PWNED)b', 'with space', "o'brien", 'plain-name'
        Set-Content -Path $env:AWS_CONFIG_FILE -Value (($names | ForEach-Object { "[profile $_]`nregion = eu-west-1" }) -join "`n")
        $line = 'Get-StsCallerIdentity -ProfileName '
        $completed = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completed.Count | Should -Be $names.Count
        foreach ($match in $completed) {
            $tokens = $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($line + $match.CompletionText, [ref] $tokens, [ref] $errors)
            $errors | Should -BeNullOrEmpty
            $command = $ast.EndBlock.Statements[0].PipelineElements[0]
            $command.CommandElements.Count | Should -Be 3 -Because "'$($match.CompletionText)' must be one argument"
            $command.CommandElements[2].SafeGetValue() | Should -Be $match.ListItemText
            $command.CommandElements[2] | Should -BeOfType ([System.Management.Automation.Language.StringConstantExpressionAst])
        }
        ($completed | Where-Object ListItemText -EQ 'plain-name').CompletionText | Should -Be 'plain-name'
    }

    It 'returns within seconds when Ctrl+C stops a call to a server that never answers' {
        $silent = Start-SilentListener
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$Manifest'; Get-StsCallerIdentity -EndpointUrl '$($silent.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSLOADING1 -SecretKey x -TimeoutSeconds 120")
            $async = $ps.BeginInvoke()
            # Wait until the call is in flight (the connection reached the listener).
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not $silent.Listener.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $silent.Listener.Pending() | Should -BeTrue
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $async.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose(); $silent.Listener.Stop() }
    }

    It 'changes nothing under -WhatIf: <Name>' -ForEach @(
        @{ Name = 'Set-StsProfile'; Script = { Import-StsCredential $args[0] | Set-StsProfile whatif-profile -WhatIf }; Check = { -not (Test-Path $env:AWS_SHARED_CREDENTIALS_FILE) -or -not (Select-String -Path $env:AWS_SHARED_CREDENTIALS_FILE -Pattern 'whatif-profile' -Quiet) } }
        @{ Name = 'Export-StsCredential'; Script = { Import-StsCredential $args[0] | Export-StsCredential -Path (Join-Path (Split-Path $args[0]) 'whatif-export.json') -WhatIf }; Check = { -not (Test-Path (Join-Path (Split-Path $args[0]) 'whatif-export.json')) } }
        @{ Name = 'Set-StsEnvironment'; Script = { Import-StsCredential $args[0] | Set-StsEnvironment -WhatIf }; Check = { -not $env:AWS_ACCESS_KEY_ID } }
    ) {
        Remove-Item $env:AWS_SHARED_CREDENTIALS_FILE -ErrorAction SilentlyContinue
        $source = Join-Path $Sandbox 'whatif-source.json'
        [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAWHATIF0000000001'; SecretAccessKey = 'whatif-secret'; SessionToken = 'whatif-token'; Expiration = [DateTime]::UtcNow.AddHours(1) } |
            Export-StsCredential -Path $source
        & $Script $source
        & $Check $source | Should -BeTrue
    }
}

Describe 'The shared-loading fallback (the Windows PowerShell 5.1 way)' {
    It 'imports and calls STS through the AssemblyResolve path when the private context is not available' {
        # Without StsTools.Isolation.dll the module falls back to the resolver Windows PowerShell
        # 5.1 uses: the cmdlets' signatures must still load before it is hooked, and the engine
        # must find the model assembly the cmdlets loaded.
        $copy = Join-Path $Sandbox 'shared-loading/StsModule'
        $null = New-Item -ItemType Directory -Force -Path $copy
        foreach ($item in 'StsModule.psd1', 'StsModule.format.ps1xml', 'StsModule.types.ps1xml', 'bin') { Copy-Item (Join-Path $RepoRoot $item) $copy -Recurse }
        Remove-Item (Join-Path $copy 'bin/StsTools.Isolation.dll')
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $copy 'StsModule.psd1')'
`$r = Use-StsRole 'arn:aws:iam::123456789012:role/Fallback' 'fallback' $ConnText
`$r -is [StsTools.Model.AssumeRoleResponse]
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'StsTools' }
Split-Path (Split-Path `$engine.Location) -Leaf
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$engine).Name
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out | Should -Be @('True', 'Dependencies', 'Default')
    }
}
