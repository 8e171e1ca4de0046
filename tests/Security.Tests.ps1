#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What another local user, a tampered file or config, or a hostile endpoint can do (SECURITY.md),
# tried against the real module in pwsh: secrets through binding, responses that never end or never
# stop, proxies and loopback, answers of the wrong shape, files that are not files, lock folders.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingConvertToSecureStringWithPlainText', '', Justification = 'Throw-away secrets of the local moto server, made SecureStrings to test that they stay so.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession
    $Manifest = Join-Path $RepoRoot 'StsModule.psd1'
    $Conn = @{ EndpointUrl = $Moto.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSSECURE01'; SecretKey = 'security-secret-for-moto-only' }
    $RoleArn = 'arn:aws:iam::123456789012:role/SecurityRole'
}

AfterAll {
    Complete-StsTestSession
}

Describe 'Secrets through parameter binding' {
    It 'keeps a SecureString -SecretKey and -SessionToken, and a PSCredential, out of the binding trace' {
        $secret = 'binding-secret-' + [Guid]::NewGuid().ToString('n')
        $token = 'binding-token-' + [Guid]::NewGuid().ToString('n')
        $secureSecret = ConvertTo-SecureString $secret -AsPlainText -Force
        $secureToken = ConvertTo-SecureString $token -AsPlainText -Force
        $trace = Join-Path $Sandbox 'binding.trace'
        Trace-Command -Name ParameterBinding -FilePath $trace -Expression {
            $null = Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE02 -SecretKey $secureSecret -SessionToken $secureToken
            $null = Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1 -Credential ([pscredential]::new('AKIDSTSTOOLSSECURE03', $secureSecret))
        }
        $text = Get-Content -Raw $trace
        $text | Should -BeLike '*SecretKey*' -Because 'the trace is of the binding of the call'
        $text | Should -Not -BeLike "*$secret*"
        $text | Should -Not -BeLike "*$token*"
    }

    It 'keeps a SecureString given to -SecretKey and -SessionToken as it is, and still takes text' {
        foreach ($name in 'Get-StsCallerIdentity', 'Use-StsRole', 'Get-StsSessionToken', 'Test-StsCredential') {
            $command = Get-Command $name
            $command.Parameters['SecretKey'].ParameterType | Should -Be ([StsTools.PowerShell.Secret]) -Because $name
            $command.Parameters['SessionToken'].ParameterType | Should -Be ([StsTools.PowerShell.Secret]) -Because $name
        }
        # PowerShell's own conversion (the constructors) keeps the very SecureString; text becomes one.
        $secure = ConvertTo-SecureString 'kept-as-is' -AsPlainText -Force
        [object]::ReferenceEquals(([StsTools.PowerShell.Secret]$secure).SecureString, $secure) | Should -BeTrue
        ([StsTools.PowerShell.Secret]'typed').SecureString | Should -BeOfType [securestring]
        "$([StsTools.PowerShell.Secret]'typed')" | Should -Not -BeLike '*typed*'
        (Get-StsCallerIdentity @Conn -SessionToken 'text-token').Account | Should -Be '123456789012'
    }
}

Describe 'Endpoints that misbehave' {
    It 'ends an exchange whose body stalls after the headers within -TimeoutSeconds' {
        $proxy = Start-StsProxy -Upstream $Moto.Endpoint -Misbehave stall-body
        try {
            $started = [Diagnostics.Stopwatch]::StartNew()
            $err = { Get-StsCallerIdentity -EndpointUrl $proxy.Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -TimeoutSeconds 1 } | Should -Throw -PassThru
            $started.Stop()
            $err.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
            $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
            # Three attempts of one second with back-off: far from the 600 s the endpoint stalls.
            $started.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally { Stop-MotoServer $proxy }
    }

    It 'refuses an answer larger than 1 MiB without reading it into memory' {
        $proxy = Start-StsProxy -Upstream $Moto.Endpoint -Misbehave huge-body
        try {
            $before = [GC]::GetTotalMemory($true)
            $err = { Get-StsCallerIdentity -EndpointUrl $proxy.Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
            $err.CategoryInfo.Category | Should -Be 'ProtocolError'
            $err.Exception.Message | Should -BeLike '*larger than 1024 KiB*'
            ([GC]::GetTotalMemory($true) - $before) / 1MB | Should -BeLessThan 10
        }
        finally { Stop-MotoServer $proxy }
    }

    It 'cuts a service message of 200,000 characters in the ErrorRecord, saying so' {
        $proxy = Start-StsProxy -Upstream $Moto.Endpoint -Misbehave long-error
        try {
            $err = { Use-StsRole $RoleArn 'long' -EndpointUrl $proxy.Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -Force } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
            $err.Exception.Message.Length | Should -BeLessThan 2500
            $err.Exception.Message | Should -BeLike '*cut: the service*'
            ($err | Out-String).Length | Should -BeLessThan 8000
        }
        finally { Stop-MotoServer $proxy }
    }

    It 'says InvalidResponse for an answer without the parts of one' {
        $proxy = Start-StsProxy -Upstream $Moto.Endpoint -Misbehave no-credentials
        try {
            $err = { Use-StsRole $RoleArn 'shape' -EndpointUrl $proxy.Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -Force } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
            $err.CategoryInfo.Category | Should -Be 'ProtocolError'
            $err.Exception.Message | Should -BeLike '*without the parts of an STS AssumeRole answer*'
        }
        finally { Stop-MotoServer $proxy }
    }
}

Describe 'Proxies' {
    BeforeAll {
        # A "proxy" that accepts connections and never answers: a call that goes through it times out.
        $Silent = Start-SilentListener
        $Documented = Start-DocumentedStsServer
        $ProxyEnvironment = "`$env:HTTP_PROXY = `$env:HTTPS_PROXY = `$env:http_proxy = `$env:https_proxy = '$($Silent.Endpoint)'; `$env:NO_PROXY = `$env:no_proxy = `$null; `$env:AWS_EC2_METADATA_DISABLED = 'true'"
    }
    AfterAll {
        $Silent.Listener.Stop()
        Stop-MotoServer $Documented
    }

    It 'sends nothing for an endpoint on this machine through HTTP(S)_PROXY: STS and the federation endpoint' {
        $null = Get-PendingConnectionCount $Silent
        $out = Invoke-FreshPwsh @"
$ProxyEnvironment
Import-Module '$Manifest'
try {
    `$role = Use-StsRole '$RoleArn' proxied -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -TimeoutSeconds 2 -Force
    'arn=' + `$role.AssumedRoleUser.Arn
    `$signIn = `$role | Get-StsConsoleUrl -FederationEndpoint '$($Documented.Endpoint)/federation' -TimeoutSeconds 2
    'signin=' + (`$signIn.Url -like '*SigninToken=*')
} catch { 'error=' + `$_.FullyQualifiedErrorId }
"@
        ($out -join "`n") | Should -BeLike '*arn=arn:aws:sts::123456789012:assumed-role/SecurityRole/proxied*'
        ($out -join "`n") | Should -BeLike '*signin=True*'
        Get-PendingConnectionCount $Silent | Should -Be 0
    }

    It 'goes through HTTPS_PROXY for an endpoint elsewhere, as the SDKs do' {
        $null = Get-PendingConnectionCount $Silent
        $out = Invoke-FreshPwsh @"
$ProxyEnvironment
Import-Module '$Manifest'
try { Get-StsCallerIdentity -EndpointUrl 'https://sts.proxied.example.test' -Region us-east-1 -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -TimeoutSeconds 1 } catch { 'error=' + `$_.FullyQualifiedErrorId }
"@
        ($out -join "`n") | Should -BeLike '*error=RequestTimedOut,*'
        Get-PendingConnectionCount $Silent | Should -BeGreaterThan 0
    }
}

Describe 'Files that are not files' -Skip:(-not (($PSVersionTable.PSEdition -eq 'Core') -and -not $IsWindows)) {
    BeforeAll {
        $Fifo = Join-Path $Sandbox 'fifo'
        mkfifo $Fifo
        $SocketPath = Join-Path $Sandbox 'socket'
        $Socket = [Net.Sockets.Socket]::new([Net.Sockets.AddressFamily]::Unix, [Net.Sockets.SocketType]::Stream, [Net.Sockets.ProtocolType]::Unspecified)
        $Socket.Bind([Net.Sockets.UnixDomainSocketEndPoint]::new($SocketPath))
        # Runs a command in a thread job with a deadline: on today's code a FIFO blocks the reader for
        # ever, deaf to Ctrl+C; a writer is then opened so that the job ends and the test can fail.
        function Invoke-WithDeadline([scriptblock] $Script, [object[]] $ArgumentList) {
            $job = Start-ThreadJob -ScriptBlock $Script -ArgumentList $ArgumentList
            if (-not (Wait-Job $job -Timeout 20)) {
                $writer = [IO.File]::Open($Fifo, 'Open', 'Write'); $writer.Dispose()
                $null = Wait-Job $job -Timeout 20
                Remove-Job $job -Force
                throw 'The command waited on the FIFO'
            }
            $result = Receive-Job $job
            Remove-Job $job
            $result
        }
    }
    AfterAll { $Socket.Dispose() }

    It 'refuses <Kind> as a credential file, at once' -ForEach @(
        @{ Kind = 'a FIFO'; Which = 'Fifo' }
        @{ Kind = 'a socket'; Which = 'SocketPath' }
        @{ Kind = 'a device'; Which = 'Device' }
    ) {
        $path = switch ($Which) { 'Fifo' { $Fifo } 'SocketPath' { $SocketPath } 'Device' { '/dev/zero' } }
        $result = Invoke-WithDeadline -Script {
            param($manifest, $path)
            Import-Module $manifest
            try { Import-StsCredential -Path $path -ErrorAction Stop; 'imported' } catch { $_.FullyQualifiedErrorId + '|' + $_.CategoryInfo.Category + '|' + $_.Exception.Message }
        } -ArgumentList $Manifest, $path
        $id, $category, $message = "$result" -split '\|', 3
        $id | Should -BeLike 'NotARegularFile,*'
        $category | Should -Be 'InvalidArgument'
        $message | Should -BeLike "*is $Kind*, not a regular file as the credential file must be*"
    }

    It 'never writes over a FIFO, a device or a folder: Export-StsCredential and Set-StsProfile' {
        $folder = Join-Path $Sandbox 'a-folder'
        $null = New-Item -ItemType Directory -Force -Path $folder
        $targets = @($Fifo, $folder)
        if ((id -u) -eq '0') {
            # A null device of the test's own (as root, /dev/null itself was once replaced by a file).
            $device = Join-Path $Sandbox 'null-device'
            mknod $device c 1 3
            $targets += $device
        }
        $sample = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIANOTAFILE00000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) }
        foreach ($target in $targets) {
            $before = (Get-Item $target).UnixMode
            $err = { $sample | Export-StsCredential -Path $target } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'NotARegularFile,*' -Because $target
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-Item $target).UnixMode | Should -Be $before -Because "$target must be left as it was"
        }
        $saved = $env:AWS_SHARED_CREDENTIALS_FILE
        try {
            $env:AWS_SHARED_CREDENTIALS_FILE = $folder
            { $sample | Set-StsProfile not-a-file } | Should -Throw -ErrorId 'NotARegularFile,*'
        }
        finally { $env:AWS_SHARED_CREDENTIALS_FILE = $saved }
        # Read: a folder is not a missing file.
        { Import-StsCredential -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'NotARegularFile,*'
    }

    It 'refuses a FIFO as AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE and web identity token file before any read' {
        $out = Invoke-WithDeadline -Script {
            param($manifest, $fifo, $endpoint)
            Import-Module $manifest
            $saved = $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE
            try {
                $env:AWS_SHARED_CREDENTIALS_FILE = $fifo
                try { Get-StsCallerIdentity -ProfileName someone -EndpointUrl $endpoint -Region us-east-1 } catch { 'credentials:' + $_.FullyQualifiedErrorId }
                $env:AWS_SHARED_CREDENTIALS_FILE = $saved[0]; $env:AWS_CONFIG_FILE = $fifo
                try { Get-StsCallerIdentity -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -EndpointUrl $endpoint -Region us-east-1 -TimeoutSeconds 5 } catch { 'config:' + $_.FullyQualifiedErrorId }
                $env:AWS_CONFIG_FILE = $saved[1]
                try { Use-StsRoleWithWebIdentity -RoleArn arn:aws:iam::123456789012:role/Web -WebIdentityTokenFile $fifo -EndpointUrl $endpoint -Region us-east-1 -ErrorAction Stop } catch { 'token:' + $_.FullyQualifiedErrorId }
            }
            finally { $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE = $saved }
        } -ArgumentList $Manifest, $Fifo, $Moto.Endpoint
        $out | Should -HaveCount 3
        $out[0] | Should -BeLike 'credentials:NotARegularFile,*'
        $out[1] | Should -BeLike 'config:NotARegularFile,*'
        $out[2] | Should -BeLike 'token:NotARegularFile,*'
    }

    It 'refuses AWS_CONFIG_FILE=/dev/zero with explicit keys at once, instead of reading it until memory runs out' {
        $out = Invoke-FreshPwsh "`$env:AWS_EC2_METADATA_DISABLED = 'true'; `$env:AWS_CONFIG_FILE = '/dev/zero'; Import-Module '$Manifest'; try { Get-StsCallerIdentity -AccessKey AKIDSTSTOOLSSECURE01 -SecretKey s -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        ($out -join "`n") | Should -BeLike '*NotARegularFile,*'
        ($out -join "`n") | Should -BeLike "*'/dev/zero' is a device, not a regular file as the AWS config file must be*"
    }
}

Describe 'Lock files' -Skip:(-not (($PSVersionTable.PSEdition -eq 'Core') -and -not $IsWindows)) {
    It 'keeps the lock of a credentials file in a shared folder where no other user can take it' {
        if ((id -u) -ne '0') { Set-ItResult -Skipped -Because 'another local user is played with setpriv, as root' }
        # A shared folder (1777, as /tmp) holding the credentials file; another user (nobody)
        # creates what the old lock folder would be and holds the lock in it.
        $shared = Join-Path $Sandbox 'shared'
        $null = New-Item -ItemType Directory -Path $shared
        chmod 1777 $shared
        # flock(1): the flock(2) lock .NET takes for FileShare.None on Unix.
        $hold = "mkdir -p '$shared/ststools/locks' && exec flock '$shared/ststools/locks/credentials.lock' -c 'echo held; sleep 120'"
        $start = [Diagnostics.ProcessStartInfo]::new('setpriv')
        foreach ($a in '--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', $hold) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $nobody = [Diagnostics.Process]::Start($start)
        try {
            $nobody.StandardOutput.ReadLine() | Should -Be 'held'
            $cacheDir = Join-Path $Sandbox 'lock-cache'
            $out = Invoke-FreshPwsh @"
`$env:STSMODULE_CACHE_DIR = '$cacheDir'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$shared/credentials'; `$env:AWS_CONFIG_FILE = '$shared/config'
Import-Module '$Manifest'
`$watch = [Diagnostics.Stopwatch]::StartNew()
try { [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIASHAREDLOCK000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Set-StsProfile shared -Region us-east-1; 'written' } catch { `$_.FullyQualifiedErrorId }
'seconds=' + [int]`$watch.Elapsed.TotalSeconds
"@
            ($out -join "`n") | Should -BeLike '*written*'
            [int](($out | Where-Object { $_ -like 'seconds=*' }) -replace 'seconds=') | Should -BeLessThan 10
            $locks = Join-Path $cacheDir 'locks'
            (Get-Item $locks).UnixMode | Should -Be 'drwx------'
            @(Get-ChildItem $locks -Filter 'credentials-*.lock').Count | Should -Be 1
        }
        finally { $nobody.Kill(); $nobody.Dispose() }
    }
}
