#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The cmdlet surface every cmdlet shares: exports and output types, credential sources as parameter sets, PowerShell error and -WhatIf semantics, long waits and Ctrl+C.
# Shared setup (sandbox, module, moto, the documented-answers responder): Initialize-StsTestSession in TestHelpers.psm1.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession -Documented
}

AfterAll {
    Complete-StsTestSession
}

Describe 'The module' {
    It 'exports exactly the cmdlets of the manifest' {
        $names = (Get-Command -Module StsModule).Name | Sort-Object
        $names | Should -Be @('Clear-StsCache', 'Clear-StsEnvironment', 'Connect-StsSso', 'ConvertFrom-StsAuthorizationMessage', 'Disconnect-StsSso', 'Export-StsCredential',
            'Get-StsAccessKeyInfo', 'Get-StsCacheOption', 'Get-StsCallerIdentity', 'Get-StsConsoleUrl', 'Get-StsDelegatedAccessToken', 'Get-StsFederationToken', 'Get-StsRegion',
            'Get-StsSessionToken', 'Get-StsSsoAccount', 'Get-StsSsoRole', 'Get-StsSsoRoleCredential', 'Get-StsWebIdentityToken', 'Import-StsCredential', 'Invoke-StsCommand', 'Set-StsCacheOption', 'Set-StsEnvironment',
            'Set-StsProfile', 'Test-StsCredential', 'Use-StsRole', 'Use-StsRoleWithSaml', 'Use-StsRoleWithWebIdentity', 'Use-StsRoot')
    }

    It 'declares the output type of <Name>' -ForEach @(
        @{ Name = 'Use-StsRole'; Type = 'StsTools.Model.AssumeRoleResponse' }
        @{ Name = 'Get-StsSessionToken'; Type = 'StsTools.Model.GetSessionTokenResponse' }
        @{ Name = 'Get-StsCallerIdentity'; Type = 'StsTools.Model.GetCallerIdentityResponse' }
        @{ Name = 'Use-StsRoleWithSaml'; Type = 'StsTools.Model.AssumeRoleWithSAMLResponse' }
        @{ Name = 'Use-StsRoleWithWebIdentity'; Type = 'StsTools.Model.AssumeRoleWithWebIdentityResponse' }
        @{ Name = 'Use-StsRoot'; Type = 'StsTools.Model.AssumeRootResponse' }
        @{ Name = 'Get-StsFederationToken'; Type = 'StsTools.Model.GetFederationTokenResponse' }
        @{ Name = 'Get-StsAccessKeyInfo'; Type = 'StsTools.Model.GetAccessKeyInfoResponse' }
        @{ Name = 'Get-StsDelegatedAccessToken'; Type = 'StsTools.Model.GetDelegatedAccessTokenResponse' }
        @{ Name = 'Get-StsWebIdentityToken'; Type = 'StsTools.Model.GetWebIdentityTokenResponse' }
    ) {
        (Get-Command $Name).OutputType.Name | Should -Be $Type
    }

    It 'gives every STS cmdlet the common connection parameters, and the signed ones a credential source' {
        # Evaluated at run time: -ForEach data would be computed before BeforeAll imports the module.
        $stsCmdlets = @(Get-Command -Module StsModule | Where-Object { $_.Parameters.ContainsKey('EndpointUrl') })
        $stsCmdlets.Count | Should -Be 13
        foreach ($cmdlet in $stsCmdlets) {
            foreach ($parameter in 'Region', 'ProfileName', 'EndpointUrl', 'TimeoutSeconds') {
                $cmdlet.Parameters.Keys | Should -Contain $parameter -Because "$($cmdlet.Name) calls STS"
            }
            $unsigned = $cmdlet.Name -in 'Use-StsRoleWithSaml', 'Use-StsRoleWithWebIdentity'
            foreach ($parameter in 'Credential', 'AccessKey', 'SecretKey', 'SessionToken') {
                $cmdlet.Parameters.ContainsKey($parameter) | Should -Be (-not $unsigned) -Because "$($cmdlet.Name) is $(if ($unsigned) { 'an unsigned' } else { 'a signed' }) call"
            }
        }
    }
}

Describe 'Credential sources as parameter sets' {
    It 'shows one syntax per source for <_>: the profile (or nothing), -AccessKey and -Credential' -ForEach @(
        'Use-StsRole', 'Get-StsSessionToken', 'Get-StsCallerIdentity', 'Get-StsAccessKeyInfo', 'Test-StsCredential'
    ) {
        $command = Get-Command $_
        $command.DefaultParameterSet | Should -Be 'Profile'
        $sets = @($command.ParameterSets | Sort-Object Name)
        $sets.Name | Should -Be 'AccessKey', 'Credential', 'Profile'
        foreach ($set in $sets) {
            $names = $set.Parameters.Name
            $names -contains 'ProfileName' | Should -Be ($set.Name -eq 'Profile')
            $names -contains 'AccessKey' | Should -Be ($set.Name -eq 'AccessKey')
            $names -contains 'Credential' | Should -Be ($set.Name -eq 'Credential')
        }
        $syntax = (Get-Command $_ -Syntax) -join "`n"
        $syntax | Should -BeLike '* -Credential <Credentials> *'
        $syntax | Should -BeLike '* -AccessKey <string> *`[-SecretKey <Secret>`] `[-SessionToken <Secret>`]*'
        # The help built from docs/ shows the same three.
        @((Get-Help $_ -Full).syntax.syntaxItem).Count | Should -Be 3
    }

    It 'refuses two sources in the binder, before anything runs' {
        $listener = Start-SilentListener
        try {
            $err = { Get-StsCallerIdentity -ProfileName prod -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -EndpointUrl $listener.Endpoint -Region us-east-1 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*'
            $err = { Use-StsRole $RoleArn -Credential (Get-StsSessionToken @Conn).Credentials -ProfileName prod -EndpointUrl $listener.Endpoint } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*'
            Get-PendingConnectionCount $listener | Should -Be 0
        }
        finally { $listener.Listener.Stop() }
    }

    It 'binds piped credentials to the Credential set, and a piped response with -ProfileName is refused' {
        $session = Get-StsSessionToken @Conn
        ($session | Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1).Account | Should -Match '^\d{12}$'
        { $session | Get-StsCallerIdentity -ProfileName prod -EndpointUrl $Moto.Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'InputObjectNotBound*'
    }

    It 'asks for nothing it cannot get: -AccessKey without -SecretKey is the engine error, not an echoing prompt' {
        $err = { Get-StsCallerIdentity -AccessKey AKIDSTSTOOLSPESTER01 -EndpointUrl http://127.0.0.1:9 -Region us-east-1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'IncompleteAccessKey,*'
    }

    It 'gives the unsigned <_> no credential source, only the region of -ProfileName' -ForEach @('Use-StsRoleWithSaml', 'Use-StsRoleWithWebIdentity') {
        $command = Get-Command $_
        foreach ($name in 'Credential', 'AccessKey', 'SecretKey', 'SessionToken') { $command.Parameters.Keys | Should -Not -Contain $name }
        $command.Parameters.Keys | Should -Contain 'ProfileName'
    }
}

Describe 'PowerShell error and -WhatIf semantics' {
    It 'writes a non-terminating error per bad key and goes on with the next' {
        $results = 'AKIAIOSFODNN7EXAMPLE', 'not-a-key', 'AKIAI44QH8DHBEXAMPLE' | Get-StsAccessKeyInfo @Conn -ErrorAction SilentlyContinue -ErrorVariable failed
        @($results).Count | Should -Be 2
        $results.AccessKeyId | Should -Be 'AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE'
        @($failed).Count | Should -Be 1
        "$($failed[0].FullyQualifiedErrorId)" | Should -Match 'InvalidAccessKeyId|ParameterArgumentTransformationError'
    }

    It 'decodes the good messages and reports the bad one without stopping' {
        $at = @{ EndpointUrl = $Documented.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'x' }
        $out = 'EXAMPLE-encoded-authorization-message-0123456789', 'EXAMPLE-not-a-real-message-0000000000', 'EXAMPLE-encoded-authorization-message-0123456789' |
            ConvertFrom-StsAuthorizationMessage @at -ErrorAction SilentlyContinue -ErrorVariable failed
        @($out).Count | Should -Be 2
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAuthorizationMessageException,*'
    }

    It 'imports the readable files and reports the others' {
        $good = Join-Path $Sandbox 'good-import.json'
        [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAGOODIMPORT000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } | Export-StsCredential -Path $good
        $bad = Join-Path $Sandbox 'bad-import.json'
        Set-Content -Path $bad -Value '{ not json'
        $out = $bad, (Join-Path $Sandbox 'missing-import.json'), $good | Import-StsCredential -ErrorAction SilentlyContinue -ErrorVariable failed
        @($out).AccessKeyId | Should -Be 'ASIAGOODIMPORT000001'
        @($failed).Count | Should -Be 2
    }

    It 'still stops at once when no item can succeed (no usable endpoint)' {
        $err = { 'AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE' | Get-StsAccessKeyInfo -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -TimeoutSeconds 2 -ErrorAction SilentlyContinue } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'EndpointConnectionFailed,*'
    }

    It 'shows -WebIdentityToken and -WebIdentityTokenFile as separate ways, and refuses both at once at binding' {
        $syntax = (Get-Command Use-StsRoleWithWebIdentity -Syntax) -join "`n"
        $syntax | Should -BeLike '*-WebIdentityToken <string>*'
        $syntax | Should -BeLike '*-WebIdentityTokenFile <string>*'
        (Get-Command Use-StsRoleWithWebIdentity).ParameterSets.Name | Should -Be 'Token', 'TokenFile'
        $err = { Use-StsRoleWithWebIdentity -RoleArn $RoleArn -WebIdentityToken 'a.b.c' -WebIdentityTokenFile (Join-Path $Sandbox 'token') -EndpointUrl 'http://127.0.0.1:9' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousParameterSet,*'
    }

    It '-WhatIf on <Name> makes no call, asks for no code and changes nothing' -ForEach @(
        @{ Name = 'Use-StsRole'; Call = { Use-StsRole 'arn:aws:iam::123456789012:role/X' 'whatif-call' -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -SetEnvironment -WhatIf @at } }
        @{ Name = 'Use-StsRole -ProfileName'; Call = { Use-StsRole -ProfileName mfa-role -WhatIf -EndpointUrl $at.EndpointUrl } }
        @{ Name = 'Get-StsSessionToken'; Call = { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -Force -WhatIf @at } }
        @{ Name = 'Get-StsFederationToken'; Call = { Get-StsFederationToken whatif-user -SetEnvironment -WhatIf @at } }
        @{ Name = 'Use-StsRoot'; Call = { Use-StsRoot 111122223333 IAMAuditRootUserCredentials -WhatIf @at } }
        @{ Name = 'Get-StsDelegatedAccessToken'; Call = { Get-StsDelegatedAccessToken -TradeInToken 'some-trade-in-token' -WhatIf @at } }
    ) {
        $silent = Start-SilentListener
        try {
            $at = @{ EndpointUrl = "http://127.0.0.1:$($silent.Port)"; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'x' }
            $keyBefore = $env:AWS_ACCESS_KEY_ID
            $out = & $Call 6>&1
            @($out | Where-Object { $_ -isnot [Management.Automation.InformationRecord] }).Count | Should -Be 0
            Start-Sleep -Milliseconds 200
            Get-PendingConnectionCount $silent | Should -Be 0 -Because 'nothing may reach STS under -WhatIf'
            $env:AWS_ACCESS_KEY_ID | Should -Be $keyBefore
        }
        finally { $silent.Listener.Stop() }
    }
}

Describe 'Long waits: live messages, progress and Ctrl+C' {
    It 'shows the wait for the credentials-file lock as it happens, and Ctrl+C stops it' {
        # The lock of a credentials file lives in the cache folder's private locks folder, named
        # after the file and the SHA-256 of its full path.
        $cacheDir = Join-Path $Sandbox 'lock-wait-cache'
        $locks = Join-Path $cacheDir 'locks'
        $null = New-Item -ItemType Directory -Force -Path $locks
        $full = [IO.Path]::GetFullPath($env:AWS_SHARED_CREDENTIALS_FILE)
        $hash = -join ([Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($full)) | Select-Object -First 16 | ForEach-Object { $_.ToString('x2') })
        $holder = [IO.File]::Open((Join-Path $locks ((Split-Path -Leaf $full) + "-$hash.lock")), 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("`$env:STSMODULE_CACHE_DIR = '$cacheDir'; Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'; [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIALOCKWAIT00000001'; SecretAccessKey = 's'; SessionToken = 't' } | Set-StsProfile lock-wait -Verbose")
            $null = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(15)
            while ($ps.Streams.Progress.Count -eq 0 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0 -Because 'a wait over a second shows Write-Progress'
            $ps.Streams.Progress[0].StatusDescription | Should -BeLike '*Another process holds*'
            ($ps.Streams.Verbose.Message -join "`n") | Should -BeLike '*Waiting for*' -Because 'verbose text arrives while the wait goes on'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.Dispose()
        }
        finally { $holder.Dispose(); Remove-Item env:STSMODULE_CACHE_DIR -ErrorAction SilentlyContinue }
        Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw -ErrorAction SilentlyContinue | Should -Not -BeLike '*lock-wait*'
    }

    It 'stops Test-StsCredential -Remote against an endpoint that never answers' {
        $silent = Start-SilentListener
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'; Test-StsCredential -Remote -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -EndpointUrl '$($silent.Endpoint)' -Region us-east-1 -TimeoutSeconds 60")
            $null = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(15)
            while (-not $silent.Listener.Pending() -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.Dispose()
        }
        finally { $silent.Listener.Stop() }
    }
}
