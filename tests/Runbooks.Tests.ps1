#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Runbooks at scale, in the pinned pwsh against moto: runspaces that share one process
# environment, fan-out over accounts, transcripts, results from jobs, Pester mocks of the cmdlets,
# and what Clear-StsEnvironment gives back. tests/fixtures/sts_proxy.py sits in front of moto to
# record who signed each call, to overlap calls as real STS does, and to deny some accounts.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingConvertToSecureStringWithPlainText', '', Justification = 'Throw-away keys of the local moto server.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingWriteHost', '', Justification = 'The transcript test checks that Write-Host text in a block reaches the transcript.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $Manifest = Join-Path $RepoRoot 'StsModule.psd1'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $Sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-runbooks-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Sandbox
    $env:AWS_CONFIG_FILE = Join-Path $Sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Sandbox 'credentials'
    $Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE'
    $Saved = @{}; foreach ($n in $Names) { $Saved[$n] = [Environment]::GetEnvironmentVariable($n); Remove-Item "env:$n" -ErrorAction Ignore }

    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $Manifest -Force
    $Moto = Start-MotoServer
    $Log = Join-Path $Sandbox 'proxy.log'
    $Proxy = Start-StsProxy -Upstream $Moto.Endpoint -DelayMs 40 -Log $Log -DenyAccount 999999999999
    $Python = Get-Python
    # The runbook's own long-term keys, as a CI system or a scheduled task sets them.
    $RunbookKey = 'AKIDRUNBOOKOWNKEY001'
    function Use-RunbookKey { $env:AWS_ACCESS_KEY_ID = $RunbookKey; $env:AWS_SECRET_ACCESS_KEY = 'runbook-secret'; $env:AWS_REGION = 'us-east-1' }
    function Get-AwsVariable { $h = [ordered]@{}; foreach ($n in $Names) { $h[$n] = [Environment]::GetEnvironmentVariable($n) }; [pscustomobject]$h | ConvertTo-Json -Compress }
    function Get-ProxyLog { if (Test-Path $Log) { Get-Content $Log | ForEach-Object { $a, $k, $n = $_ -split ' '; [pscustomobject]@{ Action = $a; Key = $k; InFlight = [int]$n } } } }
    function Clear-ProxyLog { Remove-Item $Log -ErrorAction Ignore }
    function Get-TestCredential([string] $Key) {
        [StsTools.Model.Credentials]@{ AccessKeyId = $Key; SecretAccessKey = "secret-of-$Key"; SessionToken = "token-of-$Key"; Expiration = (Get-Date).AddHours(1) }
    }
}

AfterAll {
    Stop-MotoServer $Proxy
    Stop-MotoServer $Moto
    foreach ($n in $Saved.Keys) { Restore-EnvironmentVariable $n $Saved[$n] }
    Remove-Module StsModule -ErrorAction SilentlyContinue
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Runspaces share one process environment' {
    BeforeEach {
        foreach ($n in $Names) { Remove-Item "env:$n" -ErrorAction Ignore }
        Use-RunbookKey
        $script:Before = Get-AwsVariable
        Clear-ProxyLog
    }

    It 'gives each of 8 parallel blocks only its own key, 25 reads each, and leaves the environment as it was' {
        $keys = 1..8 | ForEach-Object { 'ASIAPARALLEL{0:D8}' -f $_ }
        $seen = $keys | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:Manifest
            $key = $_
            $c = [StsTools.Model.Credentials]@{ AccessKeyId = $key; SecretAccessKey = "secret-of-$key"; SessionToken = "token-of-$key"; Expiration = (Get-Date).AddHours(1) }
            $reads = $c | Invoke-StsCommand { 1..25 | ForEach-Object { $env:AWS_ACCESS_KEY_ID; Start-Sleep -Milliseconds 2 } }
            [pscustomobject]@{ Key = $key; Reads = @($reads).Count; Others = @($reads | Where-Object { $_ -ne $key }).Count }
        }
        $seen.Count | Should -Be 8
        foreach ($s in $seen) {
            $s.Reads | Should -Be 25
            $s.Others | Should -Be 0 -Because "block $($s.Key) must never read another block's key"
        }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'signs 16 parallel Use-StsRole calls only with the runbook''s keys while other blocks run with their roles' {
        $accounts = 1..16 | ForEach-Object { '{0:D12}' -f (100000000000 + $_) }
        $endpoint = $Proxy.Endpoint
        $arns = $accounts | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:Manifest
            $sts = $using:endpoint
            Use-StsRole -AccountId $_ -RoleName Audit -EndpointUrl $sts -Force |
                Invoke-StsCommand { (Get-StsCallerIdentity -EndpointUrl $sts).Arn; Start-Sleep -Milliseconds 30 }
        }
        @($arns).Count | Should -Be 16
        foreach ($account in $accounts) { $arns | Should -Contain "arn:aws:sts::${account}:assumed-role/Audit/StsModule-$([Environment]::UserName)" }
        $calls = Get-ProxyLog
        @($calls | Where-Object Action -EQ 'AssumeRole').Count | Should -Be 16
        $calls | Where-Object Action -EQ 'AssumeRole' | ForEach-Object { $_.Key | Should -Be $RunbookKey }
        $calls | Where-Object Action -EQ 'GetCallerIdentity' | ForEach-Object { $_.Key | Should -Not -Be $RunbookKey }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'signs a call of another runspace with the variables as they were before a block, and makes its environment writes wait' {
        $holder = [powershell]::Create()
        $null = $holder.AddScript("param(`$c) Import-Module '$Manifest'; `$c | Invoke-StsCommand { Start-Sleep -Seconds 30 }").AddArgument((Get-TestCredential 'ASIAHOLDER0000000001'))
        $async = $holder.BeginInvoke()
        try {
            $deadline = (Get-Date).AddSeconds(20)
            while ($env:AWS_ACCESS_KEY_ID -ne 'ASIAHOLDER0000000001' -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIAHOLDER0000000001' -Because 'the other runspace''s block is running'
            # This runspace signs with its own keys, not the ones the block put into the process environment.
            $null = Get-StsCallerIdentity -EndpointUrl $Proxy.Endpoint
            (Get-ProxyLog | Where-Object Action -EQ 'GetCallerIdentity' | Select-Object -Last 1).Key | Should -Be $RunbookKey
            # Its environment write waits for the block, showing progress, and Ctrl+C ends the wait.
            $writer = [powershell]::Create()
            $null = $writer.AddScript("param(`$c) Import-Module '$Manifest'; `$c | Set-StsEnvironment").AddArgument((Get-TestCredential 'ASIAWRITER0000000001'))
            $writing = $writer.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(15)
            while ($writer.Streams.Progress.Count -eq 0 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $writer.Streams.Progress.Count | Should -BeGreaterThan 0
            $writer.Streams.Progress[0].StatusDescription | Should -BeLike '*Another runspace has its credentials in them*'
            $writing.IsCompleted | Should -BeFalse
            $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIAHOLDER0000000001'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $writer.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $writer.Dispose()
        }
        finally {
            $holder.Stop()
            $holder.Dispose()
        }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'starts a program with -FilePath with the credentials in its own environment only, also while a block holds the process environment' {
        $holder = [powershell]::Create()
        $null = $holder.AddScript("param(`$c) Import-Module '$Manifest'; `$c | Invoke-StsCommand { Start-Sleep -Seconds 30 }").AddArgument((Get-TestCredential 'ASIAHOLDER0000000002'))
        $null = $holder.BeginInvoke()
        try {
            $deadline = (Get-Date).AddSeconds(20)
            while ($env:AWS_ACCESS_KEY_ID -ne 'ASIAHOLDER0000000002' -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $script = 'import os, sys; print(os.environ["AWS_ACCESS_KEY_ID"], os.environ.get("AWS_REGION"), os.environ.get("AWS_PROFILE")); print("to stderr", file=sys.stderr); sys.exit(4)'
            $out = Get-TestCredential 'ASIACHILD00000000001' | Invoke-StsCommand -FilePath $Python -ArgumentList '-c', $script -Region eu-west-3 -InformationVariable info
            $out | Should -Be 'ASIACHILD00000000001 eu-west-3 None'
            $LASTEXITCODE | Should -Be 4
            "$info" | Should -BeLike '*to stderr*'
            $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIAHOLDER0000000002' -Because 'the child''s credentials never enter this process'
        }
        finally {
            $holder.Stop()
            $holder.Dispose()
        }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'runs the runspaces a block starts as the block: no deadlock, the role''s credentials' {
        $endpoint = $Proxy.Endpoint
        $role = Use-StsRole -AccountId 555555555555 -RoleName Audit -EndpointUrl $endpoint -Force
        $seen = $role | Invoke-StsCommand {
            1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:Manifest
                $inner = [StsTools.Model.Credentials]@{ AccessKeyId = "ASIANESTED000000000$_"; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) }
                # Nested blocks of sibling runspaces take turns one level down: each reads only its own key.
                $nested = $inner | Invoke-StsCommand { 1..10 | ForEach-Object { $env:AWS_ACCESS_KEY_ID; Start-Sleep -Milliseconds 3 } } | Sort-Object -Unique
                $signer = (Get-StsCallerIdentity -EndpointUrl $using:endpoint -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1).Message
                [pscustomobject]@{ Nested = $nested; Signer = $signer }
            }
        }
        $seen.Count | Should -Be 2
        $seen.Nested | Sort-Object | Should -Be 'ASIANESTED0000000001', 'ASIANESTED0000000002'
        $masked = $role.Credentials.AccessKeyId.Substring(0, 4) + [char]0x2026 + $role.Credentials.AccessKeyId.Substring(16)
        foreach ($s in $seen) { $s.Signer | Should -BeLike "*access key $masked*" }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'removes the AWS_* variables a block set, and other runspaces never see them' {
        $env:AWS_ENDPOINT_URL = $Proxy.Endpoint   # this runspace's endpoint; the block sets a closed one for STS
        $holder = [powershell]::Create()
        $null = $holder.AddScript("param(`$c) Import-Module '$Manifest'; `$c | Invoke-StsCommand { `$env:AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9'; `$env:AWS_MAX_ATTEMPTS = '9'; Start-Sleep -Seconds 30 }").AddArgument((Get-TestCredential 'ASIAHOLDER0000000003'))
        $null = $holder.BeginInvoke()
        try {
            $deadline = (Get-Date).AddSeconds(20)
            while ($env:AWS_MAX_ATTEMPTS -ne '9' -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $env:AWS_ENDPOINT_URL_STS | Should -Be 'http://127.0.0.1:9'
            # This runspace calls its own endpoint, never the one the other block set.
            $verbose = Get-StsCallerIdentity -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -BeLike "*$($Proxy.Endpoint) (from AWS_ENDPOINT_URL)*"
        }
        finally {
            $holder.Stop()
            $holder.Dispose()
            Remove-Item env:AWS_ENDPOINT_URL
        }
        $env:AWS_ENDPOINT_URL_STS | Should -BeNullOrEmpty
        $env:AWS_MAX_ATTEMPTS | Should -BeNullOrEmpty
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'makes parallel blocks that set, run and clear take turns, each running as its own account and signing with the runbook''s keys' {
        $accounts = 1..8 | ForEach-Object { '{0:D12}' -f (300000000000 + $_) }
        $endpoint = $Proxy.Endpoint
        $seen = $accounts | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:Manifest
            # As a runbook author writes it first: -SetEnvironment, then tools that read the variables.
            $role = Use-StsRole -AccountId $_ -RoleName Audit -EndpointUrl $using:endpoint -Force -SetEnvironment -PassThru
            $reads = 1..10 | ForEach-Object { $env:AWS_ACCESS_KEY_ID; Start-Sleep -Milliseconds 5 }
            Clear-StsEnvironment
            [pscustomobject]@{ Own = $role.Credentials.AccessKeyId; Others = @($reads | Where-Object { $_ -ne $role.Credentials.AccessKeyId }).Count }
        }
        @($seen).Count | Should -Be 8
        foreach ($s in $seen) { $s.Others | Should -Be 0 -Because "the block of $($s.Own) must read only its own key" }
        $calls = @(Get-ProxyLog | Where-Object Action -EQ 'AssumeRole')
        $calls.Count | Should -Be 8
        $calls | ForEach-Object { $_.Key | Should -Be $RunbookKey -Because 'no block signs with the role another block put into the environment' }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'holds the environment for a Set-StsEnvironment of another runspace until its script ends, then puts it back' {
        $holder = [powershell]::Create()
        $null = $holder.AddScript("param(`$c) Import-Module '$Manifest'; `$c | Set-StsEnvironment; Start-Sleep -Seconds 3").AddArgument((Get-TestCredential 'ASIASTANDING00000001'))
        $async = $holder.BeginInvoke()
        try {
            $deadline = (Get-Date).AddSeconds(20)
            while ($env:AWS_ACCESS_KEY_ID -ne 'ASIASTANDING00000001' -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIASTANDING00000001'
            # This runspace never signs with them.
            $null = Get-StsCallerIdentity -EndpointUrl $Proxy.Endpoint
            (Get-ProxyLog | Where-Object Action -EQ 'GetCallerIdentity' | Select-Object -Last 1).Key | Should -Be $RunbookKey
            # Its block waits for the other runspace's script to end without Clear-StsEnvironment,
            # then finds the variables as they were before that runspace's write.
            $inside = Get-TestCredential 'ASIAAFTERSTANDING001' | Invoke-StsCommand { $env:AWS_ACCESS_KEY_ID; $env:AWS_SECRET_ACCESS_KEY } -WarningAction SilentlyContinue
            $async.IsCompleted | Should -BeTrue -Because 'the block waited for the other runspace'
            $inside | Should -Be 'ASIAAFTERSTANDING001', 'secret-of-ASIAAFTERSTANDING001'
        }
        finally { $holder.Dispose() }
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'clears only what its own runspace set, outside the first runspace' {
        $other = [powershell]::Create()
        $null = $other.AddScript("Import-Module '$Manifest'; Clear-StsEnvironment -Verbose 4>&1 | ForEach-Object Message; `$env:AWS_ACCESS_KEY_ID")
        $out = $other.Invoke()
        $other.Dispose()
        $out[-1] | Should -Be $RunbookKey -Because 'a block whose role call failed must not remove the runbook''s own keys'
        ($out -join "`n") | Should -BeLike '*nothing of its own to clear*'
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'makes the runspaces a block starts take turns with their own Set and Clear, and keeps the block''s credentials' {
        $keys = 1..4 | ForEach-Object { 'ASIANESTEDSET000000{0}' -f $_ }
        $outer = Get-TestCredential 'ASIAOUTERBLOCK000001'
        $result = $outer | Invoke-StsCommand {
            $seen = $keys | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:Manifest
                $key = $_
                [StsTools.Model.Credentials]@{ AccessKeyId = $key; SecretAccessKey = "secret-of-$key"; SessionToken = "token-of-$key"; Expiration = (Get-Date).AddHours(1) } | Set-StsEnvironment
                $reads = 1..10 | ForEach-Object { $env:AWS_ACCESS_KEY_ID; Start-Sleep -Milliseconds 5 }
                Clear-StsEnvironment
                [pscustomobject]@{ Key = $key; Others = @($reads | Where-Object { $_ -ne $key }).Count }
            }
            [pscustomobject]@{ Seen = $seen; After = $env:AWS_ACCESS_KEY_ID; Token = $env:AWS_SESSION_TOKEN }
        }
        foreach ($s in $result.Seen) { $s.Others | Should -Be 0 -Because "nested block $($s.Key) must read only its own key" }
        $result.After | Should -Be 'ASIAOUTERBLOCK000001' -Because 'each Clear puts back only what its own Set changed'
        $result.Token | Should -Be 'token-of-ASIAOUTERBLOCK000001'
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'lets the runspaces a standing runspace starts set and clear their own, without waiting for it' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript(@"
Import-Module '$Manifest'
[StsTools.Model.Credentials]@{ AccessKeyId = 'ASIASTANDINGPARENT01'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Set-StsEnvironment
`$inner = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
    Import-Module '$Manifest'
    `$key = 'ASIASTANDINGCHILD0' + `$_ + '0'
    [StsTools.Model.Credentials]@{ AccessKeyId = `$key; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Set-StsEnvironment
    `$env:AWS_ACCESS_KEY_ID -eq `$key
    Clear-StsEnvironment
}
`$inner
`$env:AWS_ACCESS_KEY_ID
Clear-StsEnvironment
"@)
        $async = $ps.BeginInvoke()
        $finished = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30))
        if (-not $finished) { $ps.Stop() }
        $finished | Should -BeTrue -Because 'the runspaces it starts act as its own and never wait for it'
        $out = $ps.EndInvoke($async)
        $ps.Dispose()
        @($out | Where-Object { $_ -is [bool] }) | Should -Be $true, $true, $true
        $out[-1] | Should -Be 'ASIASTANDINGPARENT01'
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'puts the credentials of a runspace whose script ended without Clear-StsEnvironment back at once' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$Manifest'; [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIALEFTBEHIND000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Set-StsEnvironment")
        $null = $ps.Invoke()
        $deadline = (Get-Date).AddSeconds(5)
        while ($env:AWS_ACCESS_KEY_ID -ne $RunbookKey -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $env:AWS_ACCESS_KEY_ID | Should -Be $RunbookKey -Because 'nothing else asked for the environment: the end of that script did'
        $ps.Dispose()
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'gives the environment back when a parallel loop of blocks is stopped at its time-out, and nothing waits afterwards' {
        foreach ($round in 1..3) {
            try {
                $null = 1..6 | ForEach-Object -ThrottleLimit 6 -TimeoutSeconds 2 -Parallel {
                    Import-Module $using:Manifest
                    $key = 'ASIASTOPPEDLOOP0000' + $_
                    [StsTools.Model.Credentials]@{ AccessKeyId = $key; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Invoke-StsCommand { Start-Sleep -Seconds 5 }
                } 2>$null
            }
            catch [System.Management.Automation.PipelineStoppedException] { $null = $_ } # the time-out's own report
            $deadline = (Get-Date).AddSeconds(5)
            while ((Get-AwsVariable) -ne $script:Before -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Get-AwsVariable | Should -Be $script:Before -Because "round ${round}: a block stopped as it got the environment must give it back"
            $probe = [powershell]::Create()
            $null = $probe.AddScript("Import-Module '$Manifest'; [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAAFTERSTOP0000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Invoke-StsCommand { `$env:AWS_ACCESS_KEY_ID }")
            $async = $probe.BeginInvoke()
            $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(15)) | Should -BeTrue -Because "round ${round}: nothing may keep waiting for a stopped block"
            $probe.EndInvoke($async) | Should -Be 'ASIAAFTERSTOP0000001'
            $probe.Dispose()
        }
    }

    It 'makes a -FilePath program''s non-zero exit an error under $PSNativeCommandUseErrorActionPreference, as PowerShell does' {
        $exit3 = 'import sys; print("ran"); sys.exit(3)'
        $out = Get-TestCredential 'ASIACHILD00000000003' | Invoke-StsCommand -FilePath $Python -ArgumentList '-c', $exit3 -ErrorVariable quiet
        $out | Should -Be 'ran'
        $LASTEXITCODE | Should -Be 3
        $quiet | Should -BeNullOrEmpty -Because 'without the preference the exit code is only in $LASTEXITCODE, as for any program'
        $PSNativeCommandUseErrorActionPreference = $true
        try {
            $out = Get-TestCredential 'ASIACHILD00000000003' | Invoke-StsCommand -FilePath $Python -ArgumentList '-c', $exit3 -ErrorVariable failed -ErrorAction SilentlyContinue
            $out | Should -Be 'ran'
            $failed.FullyQualifiedErrorId | Should -Be 'ProgramExitCode,StsTools.PowerShell.Commands.InvokeStsCommandCommand'
            "$failed" | Should -BeLike '*ended with non-zero exit code: 3*'
            { Get-TestCredential 'ASIACHILD00000000003' | Invoke-StsCommand -FilePath $Python -ArgumentList '-c', $exit3 -ErrorAction Stop } | Should -Throw -ErrorId 'ProgramExitCode,*'
            $null = Get-TestCredential 'ASIACHILD00000000003' | Invoke-StsCommand -FilePath $Python -ArgumentList '-c', 'pass' -ErrorVariable none
            $none | Should -BeNullOrEmpty
        }
        finally { $PSNativeCommandUseErrorActionPreference = $false }
    }

    It 'finds -FilePath programs on PATH or by path, never in the current folder by bare name' {
        $folder = Join-Path $Sandbox 'workspace'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $planted = Join-Path $folder 'sts-planted-tool'
        Set-Content -Path $planted -Value "#!/bin/sh`necho planted"
        if ($IsLinux -or $IsMacOS) { chmod +x $planted }
        Push-Location $folder
        try {
            { Get-TestCredential 'ASIACHILD00000000002' | Invoke-StsCommand -FilePath sts-planted-tool } | Should -Throw -ErrorId 'ProgramNotFound,StsTools.PowerShell.Commands.InvokeStsCommandCommand'
            if ($IsLinux -or $IsMacOS) { Get-TestCredential 'ASIACHILD00000000002' | Invoke-StsCommand -FilePath ./sts-planted-tool | Should -Be 'planted' }
        }
        finally { Pop-Location }
    }
}

Describe 'Invoke-StsCommand in transcripts and pipelines' {
    BeforeEach {
        foreach ($n in $Names) { Remove-Item "env:$n" -ErrorAction Ignore }
        Use-RunbookKey
        $script:Before = Get-AwsVariable
    }

    It 'writes the block''s output, warnings, errors and host text to the transcript, without secrets' {
        $transcript = Join-Path $Sandbox 'transcript.txt'
        $c = Get-TestCredential 'ASIATRANSCRIPT000001'
        $ErrorActionPreference = 'Continue'   # the block's Write-Error is an error, not a stop (the test run sets Stop)
        $null = Start-Transcript -Path $transcript
        try {
            $c | Invoke-StsCommand {
                'OUTPUT-LINE'
                Write-Warning 'WARNING-LINE'
                Write-Error 'ERROR-LINE'
                Write-Host 'HOST-LINE'
                Write-Host "key $env:AWS_ACCESS_KEY_ID"
            } -ErrorAction SilentlyContinue -ErrorVariable errors | Out-Host
        }
        finally { $null = Stop-Transcript }
        $text = Get-Content $transcript -Raw
        foreach ($line in 'OUTPUT-LINE', 'WARNING-LINE', 'HOST-LINE', 'key ASIATRANSCRIPT000001') { $text | Should -BeLike "*$line*" }
        "$errors" | Should -BeLike '*ERROR-LINE*'
        $text | Should -Not -BeLike '*secret-of-ASIATRANSCRIPT000001*'
        $text | Should -Not -BeLike '*token-of-ASIATRANSCRIPT000001*'
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'stops the block at Select-Object -First, restores the environment, and the script goes on' {
        $result = & {
            $first = Get-TestCredential 'ASIASELECTFIRST00001' | Invoke-StsCommand { 1..5 | ForEach-Object { $_; Start-Sleep -Milliseconds 10 } } | Select-Object -First 1
            "first=$first"
            'after'
        }
        $result | Should -Be 'first=1', 'after'
        Get-AwsVariable | Should -Be $script:Before
    }
}

Describe 'Use-StsRole over a pipeline of accounts' {
    BeforeAll {
        $Conn = @{ EndpointUrl = $Proxy.Endpoint; Region = 'us-east-1'; AccessKey = $RunbookKey; SecretKey = 'runbook-secret' }
    }
    BeforeEach { Clear-ProxyLog }

    It 'skips blank and comment lines, and goes on after an item''s own error' {
        $lines = '111111111111', '', '   ', '# the audit accounts', '1111-1111-1111', '999999999999', '222222222222'
        $arns = $lines | Use-StsRole -RoleName Audit @Conn -Force -ErrorAction SilentlyContinue -ErrorVariable failures
        $arns.AssumedRoleUser.Arn | ForEach-Object { $_.Split(':')[4] } | Should -Be '111111111111', '222222222222'
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAccountId,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*came from the pipeline*'
        $failures[1].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $failures[1].Exception.Message | Should -BeLike '*999999999999*'
        @(Get-ProxyLog | Where-Object Action -EQ 'AssumeRole').Count | Should -Be 3 -Because 'a bad line never reaches STS'
    }

    It 'reports a role ARN among piped account ids as that line''s InvalidAccountId' {
        $lines = '111111111111', 'arn:aws:iam::333333333333:role/Audit', '444444444444'
        $arns = $lines | Use-StsRole -RoleName Audit @Conn -Force -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable failures
        $arns.AssumedRoleUser.Arn | ForEach-Object { $_.Split(':')[4] } | Should -Be '111111111111', '444444444444'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAccountId,*'
        $failures[0].Exception.Message | Should -BeLike '*is not an AWS account id but an ARN*pipe role ARNs to Use-StsRole without -RoleName*'
    }

    It 'keeps the results written before an item''s error ends the command under -ErrorAction Stop' {
        foreach ($limit in 1, 4) {
            $got = [System.Collections.Generic.List[object]]::new()
            { '111111111111', '999999999999', '333333333333' | Use-StsRole -RoleName Audit @Conn -Force -ThrottleLimit $limit -ErrorAction Stop | ForEach-Object { $got.Add($_) } } |
                Should -Throw -ErrorId 'AccessDenied,StsTools.PowerShell.Commands.UseStsRoleCommand'
            $got.AssumedRoleUser.Arn | ForEach-Object { $_.Split(':')[4] } | Should -Be '111111111111' -Because "-ThrottleLimit $limit"
        }
    }

    It 'stops at a failure every item would share' {
        $closed = "http://127.0.0.1:$(Get-FreeLoopbackPort)"
        $err = $null
        try { '111111111111', '222222222222' | Use-StsRole -RoleName Audit -EndpointUrl $closed -Region us-east-1 -AccessKey $RunbookKey -SecretKey s -TimeoutSeconds 2 -ErrorAction SilentlyContinue -ErrorVariable nonTerminating }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'EndpointConnectionFailed,*'
        $nonTerminating.Count | Should -Be 1 -Because 'the one terminating error, and no other item tried'
    }

    It 'keeps up to -ThrottleLimit calls in flight and writes the results in input order' {
        $accounts = 1..12 | ForEach-Object { '{0:D12}' -f (200000000000 + $_) }
        $arns = ($accounts + '999999999999') | Use-StsRole -RoleName Audit @Conn -Force -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable failures
        $arns.AssumedRoleUser.Arn | ForEach-Object { $_.Split(':')[4] } | Should -Be $accounts
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $inFlight = (Get-ProxyLog | Where-Object Action -EQ 'AssumeRole' | Measure-Object InFlight -Maximum).Maximum
        $inFlight | Should -BeGreaterThan 1
        $inFlight | Should -BeLessOrEqual 4
    }

    It 'makes one STS call per role when the same one is piped many times at once' {
        $arns = 1..6 | ForEach-Object { '363636363636' } | Use-StsRole -RoleName Audit @Conn -ThrottleLimit 6
        @($arns).Count | Should -Be 6
        @($arns.Credentials.AccessKeyId | Select-Object -Unique).Count | Should -Be 1
        @(Get-ProxyLog | Where-Object Action -EQ 'AssumeRole').Count | Should -Be 1
    }

    It 'cancels every call in flight on Ctrl+C' {
        $slow = Start-StsProxy -Upstream $Moto.Endpoint -DelayMs 20000 -Log $Log
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$Manifest'; 1..8 | ForEach-Object { '{0:D12}' -f (400000000000 + `$_) } | Use-StsRole -RoleName Audit -EndpointUrl $($slow.Endpoint) -Region us-east-1 -AccessKey $RunbookKey -SecretKey s -TimeoutSeconds 60 -ThrottleLimit 4")
            $async = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(20)
            while (@(Get-ProxyLog).Count -lt 4 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            @(Get-ProxyLog).Count | Should -Be 4
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $async.IsCompleted | Should -BeTrue
            $ps.Dispose()
            @(Get-ProxyLog).Count | Should -Be 4 -Because 'nothing more was started'
        }
        finally { Stop-MotoServer $slow }
    }
}

Describe 'Results that crossed a process boundary' {
    BeforeAll {
        $Conn = @{ EndpointUrl = $Moto.Endpoint; Region = 'us-east-1'; AccessKey = $RunbookKey; SecretKey = 'runbook-secret' }
    }

    It 'takes a role result from Start-Job as credentials, and its default view shows no secret' {
        $job = Start-Job -ScriptBlock {
            $env:AWS_EC2_METADATA_DISABLED = 'true'
            Import-Module $using:Manifest
            $c = $using:Conn
            Use-StsRole arn:aws:iam::123456789012:role/FromJob -RoleSessionName job @c
        }
        $role = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $role.pstypenames[0] | Should -Be 'Deserialized.StsTools.Model.AssumeRoleResponse'
        $role.Credentials | Should -Not -BeOfType [string]
        (Get-StsCallerIdentity -Credential $role -EndpointUrl $Moto.Endpoint).Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/FromJob/job'
        ($role | Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/FromJob/job'
        $role | Invoke-StsCommand { $env:AWS_ACCESS_KEY_ID } | Should -Be $role.Credentials.AccessKeyId
        $shown = ($role | Out-String -Width 200) + ($role.Credentials | Out-String -Width 200) + ($role | Format-List | Out-String -Width 200) + ($role.Credentials | Format-List | Out-String -Width 200)
        $shown | Should -BeLike "*$($role.Credentials.AccessKeyId)*"
        $shown | Should -Not -BeLike "*$($role.Credentials.SecretAccessKey)*"
        $shown | Should -Not -BeLike "*$($role.Credentials.SessionToken)*"
    }

    It 'takes results serialized at remoting''s depth and through Export-Clixml' {
        $role = Use-StsRole arn:aws:iam::123456789012:role/Serialized -RoleSessionName wire @Conn
        $wire = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($role))
        $file = Join-Path $Sandbox 'role.clixml'
        $role | Export-Clixml -Path $file
        foreach ($copy in $wire, (Import-Clixml -Path $file)) {
            $copy | Invoke-StsCommand { $env:AWS_ACCESS_KEY_ID } | Should -Be $role.Credentials.AccessKeyId
            ($copy | Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/Serialized/wire'
            ($copy | Out-String -Width 200) | Should -Not -BeLike "*$($role.Credentials.SecretAccessKey)*"
        }
    }
}

Describe 'Pester mocks of the cmdlets take the documented input forms' {
    BeforeAll {
        $Arn = 'arn:aws:iam::123456789012:role/Deploy'
    }

    It 'binds -Tag with a hashtable of several entries' {
        Mock Use-StsRole { }
        Use-StsRole -RoleArn $Arn -Tag @{ Project = 'Apollo'; Team = 'Blue' }
        Should -Invoke Use-StsRole -Times 1 -Exactly -ParameterFilter { ($Tag | Sort-Object Key | ForEach-Object { "$_" }) -join ',' -eq 'Project=Apollo,Team=Blue' }
    }

    It 'binds -Tag with Name=Value text and a list of it' {
        Mock Use-StsRole { }
        Use-StsRole -RoleArn $Arn -Tag 'Project=Apollo'
        Use-StsRole -RoleArn $Arn -Tag 'Project=Apollo', 'Team=Blue'
        Should -Invoke Use-StsRole -Times 1 -Exactly -ParameterFilter { $Tag.Count -eq 1 -and $Tag[0].Key -eq 'Project' -and $Tag[0].Value -eq 'Apollo' }
        Should -Invoke Use-StsRole -Times 1 -Exactly -ParameterFilter { $Tag.Count -eq 2 -and $Tag[1].Key -eq 'Team' }
    }

    It 'binds -Credential with a PSCredential' {
        Mock Get-StsCallerIdentity { }
        $secret = ConvertTo-SecureString 'mocked-secret' -AsPlainText -Force
        Get-StsCallerIdentity -Credential ([pscredential]::new('AKIAMOCKEDKEY0000001', $secret))
        Should -Invoke Get-StsCallerIdentity -Times 1 -Exactly -ParameterFilter { $Credential.AccessKeyId -eq 'AKIAMOCKEDKEY0000001' -and $Credential.SecretAccessKey -eq 'mocked-secret' }
    }

    It 'binds -SecretKey and -SessionToken given as text and as SecureStrings' {
        Mock Get-StsCallerIdentity { }
        Get-StsCallerIdentity -AccessKey AKIAMOCKEDKEY0000002 -SecretKey 'mocked-secret' -SessionToken 'mocked-token'
        Get-StsCallerIdentity -AccessKey AKIAMOCKEDKEY0000003 -SecretKey (ConvertTo-SecureString 'mocked-secret' -AsPlainText -Force)
        Should -Invoke Get-StsCallerIdentity -Times 1 -Exactly -ParameterFilter {
            $AccessKey -eq 'AKIAMOCKEDKEY0000002' -and [pscredential]::new('k', $SecretKey.SecureString).GetNetworkCredential().Password -eq 'mocked-secret' -and $null -ne $SessionToken
        }
        Should -Invoke Get-StsCallerIdentity -Times 1 -Exactly -ParameterFilter { $AccessKey -eq 'AKIAMOCKEDKEY0000003' -and $SecretKey.SecureString -is [securestring] }
    }

    It 'binds -Credential with a role result and a credentials hashtable' {
        Mock Use-StsRole { }
        $previous = [StsTools.Model.AssumeRoleResponse]@{ Credentials = Get-TestCredential 'ASIAMOCKEDSOURCE0001' }
        Use-StsRole -RoleArn $Arn -Credential $previous
        Use-StsRole -RoleArn $Arn -Credential @{ AccessKeyId = 'ASIAMOCKEDSOURCE0002'; SecretAccessKey = 's'; SessionToken = 't' }
        Should -Invoke Use-StsRole -Times 1 -Exactly -ParameterFilter { $Credential.AccessKeyId -eq 'ASIAMOCKEDSOURCE0001' }
        Should -Invoke Use-StsRole -Times 1 -Exactly -ParameterFilter { $Credential.AccessKeyId -eq 'ASIAMOCKEDSOURCE0002' }
    }
}

Describe 'Clear-StsEnvironment gives back what the user last had' {
    BeforeEach { foreach ($n in $Names) { Remove-Item "env:$n" -ErrorAction Ignore } }
    AfterEach { Clear-StsEnvironment; foreach ($n in $Names) { Remove-Item "env:$n" -ErrorAction Ignore } }

    It 'gives back the user''s keys after a Clear-StsEnvironment inside a block' {
        $env:AWS_PROFILE = 'base'; $env:AWS_ACCESS_KEY_ID = 'AKIDUSERKEY000000001'; $env:AWS_SECRET_ACCESS_KEY = 'user-secret'
        Get-TestCredential 'ASIALEDGER0000000010' | Set-StsEnvironment
        $inside = Get-TestCredential 'ASIALEDGER0000000011' | Invoke-StsCommand { Clear-StsEnvironment; "[$env:AWS_ACCESS_KEY_ID]" }
        $inside | Should -Be '[]'
        $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIALEDGER0000000010' -Because 'the block put back what it found'
        Clear-StsEnvironment
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIDUSERKEY000000001'
        $env:AWS_PROFILE | Should -Be 'base'
    }

    It 'restores the AWS_PROFILE set after the module''s first write, not the one before it' {
        $env:AWS_PROFILE = 'long-ago'
        Get-TestCredential 'ASIALEDGER0000000001' | Set-StsEnvironment
        $env:AWS_PROFILE | Should -BeNullOrEmpty
        foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION') { Remove-Item "env:$n" }
        $env:AWS_PROFILE = 'keep-me'
        Get-TestCredential 'ASIALEDGER0000000002' | Set-StsEnvironment
        Clear-StsEnvironment
        $env:AWS_PROFILE | Should -Be 'keep-me'
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
    }
}
