#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests of the real cmdlets against a real moto_server on loopback.
# Run with: pwsh ./build.ps1 -Task Test   (builds first, bootstraps a pinned Pester 5)
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingConvertToSecureStringWithPlainText', '', Justification = 'The secret is a throw-away key of the local moto server, made a SecureString to test that -SecretKey takes one.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $Sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-pester-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Sandbox
    # Never read the developer's real ~/.aws files.
    $env:AWS_CONFIG_FILE = Join-Path $Sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Sandbox 'credentials'
    foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
        Remove-Item "env:$name" -ErrorAction SilentlyContinue
    }

    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $RepoRoot 'StsModule.psd1') -Force
    $Moto = Start-MotoServer
    $Documented = Start-DocumentedStsServer
    $Conn = @{
        EndpointUrl = $Moto.Endpoint
        Region      = 'us-east-1'
        AccessKey   = 'AKIDSTSTOOLSPESTER01'
        SecretKey   = 'pester-secret-key-for-moto-only'
    }
    $RoleArn = 'arn:aws:iam::123456789012:role/PesterRole'
    # Unix file modes exist on PowerShell 7 off Windows only ($IsWindows is not defined in 5.1).
    $OnUnix = ($PSVersionTable.PSEdition -eq 'Core') -and -not $IsWindows
    $Python = Get-Python
}

AfterAll {
    Stop-MotoServer $Moto
    Stop-MotoServer $Documented
    Remove-Module StsModule -ErrorAction SilentlyContinue
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
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

Describe 'Faults' {
    It 'times out instead of hanging when the server never answers' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()   # accepts connections into the backlog, never answers
        try {
            $params = $Conn.Clone()
            $params['EndpointUrl'] = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $err = { Get-StsCallerIdentity @params -TimeoutSeconds 1 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
            $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err.Exception.Message | Should -BeLike '*within 1 s, in each of up to 3 attempts*-TimeoutSeconds*'
            # Each silent attempt is told as it ends, before the next one starts.
            $lines = [Collections.Generic.List[string]]::new()
            try { Get-StsCallerIdentity @params -TimeoutSeconds 1 -Verbose 4>&1 | ForEach-Object { if ($_ -is [Management.Automation.VerboseRecord]) { $lines.Add($_.Message) } } } catch { $null = $_ }
            $lines | Should -Contain 'Attempt 1 failed (no answer in time); the AWS SDK retries transient failures after a back-off (3 attempts in all unless AWS_MAX_ATTEMPTS or max_attempts says otherwise).'
        }
        finally { $listener.Stop() }
    }
}

Describe 'Use-StsRole' {
    It 'assumes a role and returns the STS response shape' {
        $r = Use-StsRole -RoleArn $RoleArn -RoleSessionName 'pester-1' -DurationSeconds 1800 @Conn
        $r | Should -BeOfType 'StsTools.Model.AssumeRoleResponse'
        $r.AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/PesterRole/pester-1'
        $r.Credentials.AccessKeyId | Should -Match '^ASIA'
        $r.Credentials.Expiration.Kind | Should -Be 'Local'
        $r.Credentials.Expiration | Should -BeGreaterThan ((Get-Date).AddMinutes(25))
        $r.ResponseMetadata.HTTPStatusCode | Should -Be 200
        $r.ResponseMetadata.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'names the session StsModule-(user name) when no name is given' {
        $r = Use-StsRole $RoleArn @Conn
        $r.AssumedRoleUser.Arn | Should -Match '/StsModule-[A-Za-z0-9_+=,.@-]+$'
    }

    It 'takes tags as a hashtable' {
        { Use-StsRole $RoleArn 'tagged' -Tags @{ Project = 'Apollo'; Team = 'Ops' } -TransitiveTagKeys Project @Conn } | Should -Not -Throw
    }

    It 'chains into Get-StsCallerIdentity through the pipeline' {
        $who = Use-StsRole $RoleArn 'piped' @Conn | Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1
        $who.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/PesterRole/piped'
    }

    It 'accepts the Credentials of an earlier call' {
        $r = Use-StsRole $RoleArn 'by-credential' @Conn
        (Get-StsCallerIdentity -Credential $r.Credentials -EndpointUrl $Moto.Endpoint -Region us-east-1).Arn | Should -Match 'assumed-role/PesterRole/by-credential$'
    }

    It 'rejects <Case> before calling STS with error id <ErrorId>' -ForEach @(
        @{ Case = 'a malformed ARN'; Splat = @{ RoleArn = 'not-an-arn' }; ErrorId = 'InvalidRoleArn'; Category = 'InvalidArgument' }
        @{ Case = 'a short session name'; Splat = @{ RoleSessionName = 'x' }; ErrorId = 'InvalidRoleSessionName'; Category = 'InvalidArgument' }
        @{ Case = 'a too long duration'; Splat = @{ DurationSeconds = 50000 }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Case = 'a five-digit MFA code'; Splat = @{ SerialNumber = 'arn:aws:iam::123456789012:mfa/bob'; TokenCode = '12345' }; ErrorId = 'InvalidTokenCode'; Category = 'InvalidArgument' }
        @{ Case = 'a bad external id'; Splat = @{ ExternalId = 'has space' }; ErrorId = 'InvalidExternalId'; Category = 'InvalidArgument' }
        @{ Case = '51 tags'; Splat = @{ Tags = (1..51 | ForEach-Object { "k$_=v" }) }; ErrorId = 'TooManyTags'; Category = 'InvalidArgument' }
    ) {
        $params = @{ RoleArn = $RoleArn; RoleSessionName = 'ok-name' } + $Conn
        foreach ($k in $Splat.Keys) { $params[$k] = $Splat[$k] }
        $params['EndpointUrl'] = 'http://127.0.0.1:9'   # nothing listens there: a network call would fail differently
        $err = { Use-StsRole @params } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        # A range the binder checks ([ValidateRange]) is PowerShell's own InvalidData error.
        $err.CategoryInfo.Category | Should -Be $Category
    }

    It 'reports an unreachable endpoint as a connection error' {
        $port = Get-FreeLoopbackPort
        $params = $Conn.Clone(); $params['EndpointUrl'] = "http://127.0.0.1:$port"
        $err = { Use-StsRole $RoleArn 'x1' @params } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'EndpointConnectionFailed,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'never shows the secret or the token in default views or verbose output' {
        $records = Use-StsRole $RoleArn 'quiet' @Conn -Verbose 4>&1
        $r = $records | Where-Object { $_ -is [StsTools.Model.AssumeRoleResponse] }
        $text = @(
            ($r | Out-String), ($r | Format-List | Out-String), ($r.Credentials | Out-String),
            ($r.Credentials | Format-List | Out-String), "$($r.Credentials)",
            ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        ) -join "`n"
        $text | Should -Not -BeLike "*$($r.Credentials.SecretAccessKey)*"
        $text | Should -Not -BeLike "*$($r.Credentials.SessionToken)*"
        $text | Should -BeLike "*$($r.Credentials.AccessKeyId)*"
    }
    It 'never shows a secret in mixed output at the prompt, and fits the key id and expiry in 80 columns' {
        $r = Use-StsRole 'arn:aws:iam::123456789012:role/AVeryLongRoleNameForTheDeploymentPipeline' 'release-2026-11-29-nightly-build-of-the-team' @Conn
        $mixed = @($r, $r.Credentials) | Out-String -Width 80   # as `$r; $r.Credentials` at a prompt
        $mixed | Should -BeLike "*$($r.Credentials.AccessKeyId)*"
        $mixed | Should -Not -BeLike "*$($r.Credentials.SecretAccessKey)*"
        $mixed | Should -Not -BeLike "*$($r.Credentials.SessionToken)*"
        $table = $r | Out-String -Width 80
        $table | Should -BeLike "*$($r.Credentials.AccessKeyId) $($r.Credentials.Expiration.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'))*"
        $table | Should -Match 'AccessKeyId\s+Expiration\s+AssumedRole'
        ($table -split "`n" | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}

Describe '-SetEnvironment' {
    BeforeEach {
        $script:Saved = @{}
        foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE') {
            $script:Saved[$n] = [Environment]::GetEnvironmentVariable($n)
        }
        # The module remembers what it replaced, process-wide: start each test with nothing remembered.
        Clear-StsEnvironment -Confirm:$false
        foreach ($n in $script:Saved.Keys) { Restore-EnvironmentVariable $n $script:Saved[$n] }
    }
    AfterEach {
        foreach ($n in $script:Saved.Keys) { Restore-EnvironmentVariable $n $script:Saved[$n] }
    }

    It 'makes the session, boto3 and the next cmdlet act as the role' {
        $env:AWS_PROFILE = 'profile-that-is-gone'
        $inIreland = $Conn.Clone()
        $inIreland['Region'] = 'eu-west-1'   # not @Conn -Region: a parameter may be bound once
        $r = Use-StsRole $RoleArn 'env-set' -SetEnvironment -PassThru @inIreland
        $env:AWS_ACCESS_KEY_ID | Should -Be $r.Credentials.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY | Should -Be $r.Credentials.SecretAccessKey
        $env:AWS_SESSION_TOKEN | Should -Be $r.Credentials.SessionToken
        $env:AWS_REGION | Should -Be 'eu-west-1'
        $env:AWS_DEFAULT_REGION | Should -Be 'eu-west-1'
        $env:AWS_CREDENTIAL_EXPIRATION | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
        $env:AWS_PROFILE | Should -BeNullOrEmpty

        (Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn | Should -Be $r.AssumedRoleUser.Arn
        if ($Python) {
            $arn = & $Python -c "import sys, boto3; print(boto3.client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])" $Moto.Endpoint
            $arn | Should -Be $r.AssumedRoleUser.Arn
        }
    }

    It 'changes nothing under -WhatIf' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAUNCHANGED'
        $null = Use-StsRole $RoleArn 'whatif' -SetEnvironment -WhatIf @Conn
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIAUNCHANGED'
    }

    It 'works for Get-StsSessionToken too, and writes nothing without -PassThru' {
        $quiet = @(Get-StsSessionToken -DurationSeconds 900 -SetEnvironment -Force @Conn)
        $quiet.Count | Should -Be 0 -Because 'a runbook line needs no | Out-Null'
        $env:AWS_ACCESS_KEY_ID | Should -Not -BeNullOrEmpty
        $s = Get-StsSessionToken -DurationSeconds 900 -SetEnvironment -PassThru -Force @Conn
        $env:AWS_ACCESS_KEY_ID | Should -Be $s.Credentials.AccessKeyId
    }

    It 'warns in a loop that the second role is assumed as the first, keeps the removed profile''s region, and Clear-StsEnvironment gives the CI keys and the profile back' {
        # In a fresh pwsh: the AWS SDK reads the config file's location once per process.
        $config = Join-Path $Sandbox 'config-loop'
        Set-Content -Path $config -Value "[profile regioned]`nregion = eu-central-1`n"
        $out = Invoke-FreshPwsh @"
`$env:AWS_CONFIG_FILE = '$config'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
`$env:AWS_PROFILE = 'regioned'
`$env:AWS_ACCESS_KEY_ID = 'AKIDSTSTOOLSPESTER01'
`$env:AWS_SECRET_ACCESS_KEY = 'ci-job-secret'
Remove-Item env:AWS_REGION, env:AWS_DEFAULT_REGION, env:AWS_SESSION_TOKEN -ErrorAction Ignore
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
foreach (`$arn in 'arn:aws:iam::111111111111:role/A', 'arn:aws:iam::222222222222:role/B') {
    `$written = @(Use-StsRole `$arn 'loop' -SetEnvironment -EndpointUrl '$($Moto.Endpoint)' -WarningVariable w -WarningAction SilentlyContinue)
    "written=`$(`$written.Count) warnings=`$(`$w.Count)"
    if (`$w) { "`$w" }
}
"region=`$env:AWS_REGION,`$env:AWS_DEFAULT_REGION profile=[`$env:AWS_PROFILE]"
Clear-StsEnvironment
"after=`$env:AWS_PROFILE,`$env:AWS_ACCESS_KEY_ID,`$env:AWS_SECRET_ACCESS_KEY,[`$env:AWS_REGION],[`$env:AWS_SESSION_TOKEN],[`$env:AWS_CREDENTIAL_EXPIRATION]"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be 'written=0 warnings=0'
        $out[1] | Should -Be 'written=0 warnings=1'
        $out[2] | Should -BeLike '*AssumeRole runs as arn:aws:sts::111111111111:assumed-role/A/loop*earlier -SetEnvironment*Clear-StsEnvironment*'
        $out[3] | Should -Be 'region=eu-central-1,eu-central-1 profile=[]'
        $out[4] | Should -Be 'after=regioned,AKIDSTSTOOLSPESTER01,ci-job-secret,[],[],[]'
    }
}

Describe 'Use-StsRole with account ids and role names' {
    It 'assumes a role in each account piped as text, building the ARN' {
        $accounts = Join-Path $Sandbox 'accounts.txt'
        Set-Content -Path $accounts -Value "111111111111`r`n222222222222 `n"   # CRLF and a trailing blank, as files have them
        $arns = Get-Content $accounts | Where-Object { $_.Trim() } | Use-StsRole -RoleName Audit -RoleSessionName nightly @Conn | ForEach-Object { $_.AssumedRoleUser.Arn }
        $arns | Should -Be 'arn:aws:sts::111111111111:assumed-role/Audit/nightly', 'arn:aws:sts::222222222222:assumed-role/Audit/nightly'
    }

    It 'takes AccountId or Id properties (AWS.Tools Organizations accounts), and builds the ARN in the partition of the region' {
        $verbose = [pscustomobject]@{ Id = '333333333333'; Arn = 'arn:aws:organizations::111111111111:account/o-x/333333333333'; Name = 'Prod' } |
            Use-StsRole -RoleName team/Audit -EndpointUrl $Moto.Endpoint -Region cn-north-1 -AccessKey $Conn.AccessKey -SecretKey $Conn.SecretKey -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        "$verbose" | Should -BeLike '*Assuming role arn:aws-cn:iam::333333333333:role/team/Audit as session*'
        $r = [pscustomobject]@{ AccountId = '444444444444' } | Use-StsRole -RoleName Audit -EndpointUrl $Moto.Endpoint -Region us-gov-west-1 -AccessKey $Conn.AccessKey -SecretKey $Conn.SecretKey
        $r.AssumedRoleUser.Arn | Should -BeLike 'arn:aws*:sts::444444444444:assumed-role/Audit/*'
    }

    It 'still takes role ARNs from the pipeline, with any credential source' {
        ('arn:aws:iam::555555555555:role/X' | Use-StsRole -RoleSessionName piped @Conn).AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::555555555555:assumed-role/X/piped'
        $base = Get-StsSessionToken @Conn
        $arns = 'arn:aws:iam::555555555555:role/Y', 'arn:aws:iam::666666666666:role/Y' |
            Use-StsRole -RoleSessionName withcred -Credential $base.Credentials -EndpointUrl $Moto.Endpoint -Region us-east-1 | ForEach-Object { $_.AssumedRoleUser.Arn }
        $arns | Should -Be 'arn:aws:sts::555555555555:assumed-role/Y/withcred', 'arn:aws:sts::666666666666:assumed-role/Y/withcred'
    }

    It 'refuses a role ARN together with an account or role name, and an account id without a role name' {
        $at = @{ EndpointUrl = 'http://127.0.0.1:9'; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'x' }
        $err = { Use-StsRole $RoleArn -RoleName Audit @at } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ConflictingRoleTarget,*'
        $err = { Use-StsRole $RoleArn -AccountId 123456789012 @at } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ConflictingRoleTarget,*'
        $err = { Use-StsRole -AccountId 123456789012 @at } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleNameRequired,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'rejects <Case> before any call' -ForEach @(
        @{ Case = 'a short account id'; Account = '12345'; Role = 'Audit'; Id = 'InvalidAccountId' }
        @{ Case = 'a role name with a space'; Account = '123456789012'; Role = 'bad name'; Id = 'InvalidRoleName' }
        @{ Case = 'no account id'; Account = $null; Role = 'Audit'; Id = 'MissingAccountId' }
    ) {
        $at = @{ EndpointUrl = 'http://127.0.0.1:9'; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'x' }
        if ($Account) { $at['AccountId'] = $Account }
        $err = { Use-StsRole -RoleName $Role @at } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
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
        $syntax | Should -BeLike '* -AccessKey <string> *`[-SecretKey <securestring>`] `[-SessionToken <securestring>`]*'
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

Describe 'Get-StsConsoleUrl' {
    BeforeAll {
        $Federation = "$($Documented.Endpoint)/federation"
        $ConsoleRole = Use-StsRole $RoleArn 'console' @Conn
    }

    It 'signs a piped role session in to the service console of its region, and never shows the sign-in token' {
        $records = $ConsoleRole | Get-StsConsoleUrl s3 -Region eu-west-1 -FederationEndpoint $Federation -Issuer 'https://intranet.example.com/' -SessionDurationSeconds 3600 -Verbose -Debug 4>&1 5>&1
        $signIn = $records | Where-Object { $_ -is [StsTools.Model.ConsoleSignIn] }
        $signIn.Url | Should -Match ('^' + [regex]::Escape($Federation) + '\?Action=login&Issuer=https%3A%2F%2Fintranet\.example\.com%2F&Destination=https%3A%2F%2Fconsole\.aws\.amazon\.com%2Fs3%2Fhome%3Fregion%3Deu-west-1&SigninToken=SIGNIN-[0-9a-f]{32}-TOKEN$')
        $signIn.Destination | Should -Be 'https://console.aws.amazon.com/s3/home?region=eu-west-1'
        ($signIn.ValidUntil - (Get-Date)).TotalMinutes | Should -BeGreaterThan 14
        ($signIn.ValidUntil - (Get-Date)).TotalMinutes | Should -BeLessOrEqual 15
        $signIn.AccessKeyId | Should -Be $ConsoleRole.Credentials.AccessKeyId
        $token = ($signIn.Url -split 'SigninToken=')[1]
        $text = ($records | Where-Object { $_ -isnot [StsTools.Model.ConsoleSignIn] } | ForEach-Object Message) -join "`n"
        $text | Should -BeLike '*getSigninToken: calling*'
        foreach ($secret in $token, $ConsoleRole.Credentials.SecretAccessKey, $ConsoleRole.Credentials.SessionToken) {
            $text | Should -Not -BeLike "*$secret*"
            ($signIn | Out-String) + ($signIn | Format-List | Out-String) + "$signIn" | Should -Not -BeLike "*$secret*"
        }
    }

    It 'follows the partition of the region: <Region> signs in at <Federation>' -ForEach @(
        @{ Region = 'cn-north-1'; Console = 'https://console.amazonaws.cn/' }
        @{ Region = 'us-gov-west-1'; Console = 'https://console.amazonaws-us-gov.com/' }
    ) {
        # The endpoint is a loopback responder; the console home the Destination names is the partition's.
        $signIn = $ConsoleRole | Get-StsConsoleUrl ec2 -Region $Region -FederationEndpoint $Federation
        $signIn.Destination | Should -Be "$($Console)ec2/home?region=$Region"
    }

    It 'refuses before any call: <Case>' -ForEach @(
        @{ Case = 'a session duration for a federation token'; Id = 'SessionDurationNotAllowed' }
        @{ Case = 'GetSessionToken credentials'; Id = 'ConsoleNeedsRoleCredentials' }
        @{ Case = 'long-term keys'; Id = 'ConsoleNeedsTemporaryCredentials' }
        @{ Case = 'an http endpoint to another machine'; Id = 'InsecureEndpoint' }
    ) {
        $silent = 'http://127.0.0.1:9/federation'   # nothing listens: a call would fail differently
        $err = switch ($Case) {
            'a session duration for a federation token' { { Get-StsFederationToken fed-user @Conn | Get-StsConsoleUrl -SessionDurationSeconds 3600 -FederationEndpoint $silent } | Should -Throw -PassThru }
            'GetSessionToken credentials' { { Get-StsSessionToken -Force @Conn | Get-StsConsoleUrl -FederationEndpoint $silent } | Should -Throw -PassThru }
            'long-term keys' { { Get-StsConsoleUrl @Conn -FederationEndpoint $silent } | Should -Throw -PassThru }
            'an http endpoint to another machine' { { $ConsoleRole | Get-StsConsoleUrl -FederationEndpoint 'http://signin.example.com/federation' } | Should -Throw -PassThru }
        }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }

    It 'says so without the token or the secrets when the endpoint refuses the credentials' {
        $stale = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIASTALE00000000001'; SecretAccessKey = 'stale-secret-value'; SessionToken = 'expired-token'; Expiration = (Get-Date).AddHours(1) }
        $err = { $stale | Get-StsConsoleUrl -FederationEndpoint $Federation } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'FederationSignInFailed,*'
        $err.Exception.Message | Should -BeLike '*HTTP 400*'
        "$err $($err.Exception.InnerException)" | Should -Not -BeLike '*stale-secret-value*'
    }

    It 'opens the sign-in with $env:BROWSER under -Open through an owner-only page, never the token on a command line' {
        $argv = Join-Path $Sandbox 'browser-argv.txt'
        $seen = Join-Path $Sandbox 'browser-saw.txt'
        $browser = Join-Path $Sandbox 'browser.sh'
        Set-Content -Path $browser -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$argv'`nls -l `"`${1#file://}`" > '$seen.mode'`ncat `"`${1#file://}`" > '$seen'`n"
        if ($OnUnix) { chmod +x $browser } else { Set-ItResult -Skipped -Because 'the fake browser is a shell script' }
        $saved = $env:BROWSER
        $env:BROWSER = $browser
        $env:STSMODULE_SIGNIN_PAGE_SECONDS = '2'
        try {
            $out = @($ConsoleRole | Get-StsConsoleUrl -Open -FederationEndpoint $Federation)
            $out.Count | Should -Be 0
            $deadline = (Get-Date).AddSeconds(10)
            while (-not (Test-Path $seen) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $opened = Get-Content $argv -Raw
            $opened | Should -Match '^file:///.*/signin-[0-9a-f]{32}\.html$'
            $opened | Should -Not -BeLike '*SigninToken*'
            Get-Content $seen -Raw | Should -Match 'Action=login&amp;Destination=.*&amp;SigninToken=SIGNIN-'
            Get-Content "$seen.mode" -Raw | Should -BeLike '-rw-------*'
            $page = ([Uri]$opened).LocalPath
            $deadline = (Get-Date).AddSeconds(10)
            while ((Test-Path $page) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Test-Path $page | Should -BeFalse -Because 'the page is removed once the browser has read it'
            ($ConsoleRole | Get-StsConsoleUrl -Open -PassThru -FederationEndpoint $Federation) | Should -BeOfType 'StsTools.Model.ConsoleSignIn'
        }
        finally { Restore-EnvironmentVariable BROWSER $saved; Remove-Item env:STSMODULE_SIGNIN_PAGE_SECONDS -ErrorAction Ignore }
    }

    It 'never runs an opener from the current folder' {
        if (-not $OnUnix) { Set-ItResult -Skipped -Because 'the planted openers are shell scripts' }
        $folder = Join-Path $Sandbox 'cloned-repo'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $marker = Join-Path $Sandbox 'planted-ran.txt'
        foreach ($name in 'xdg-open', 'planted-browser') {
            Set-Content -Path (Join-Path $folder $name) -Value "#!/bin/sh`necho `"`$1`" > '$marker'"
            chmod +x (Join-Path $folder $name)
        }
        $savedPath = $env:PATH; $savedBrowser = $env:BROWSER
        Push-Location $folder
        try {
            $env:PATH = "/nonexistent-ststools-bin$([IO.Path]::PathSeparator).$([IO.Path]::PathSeparator)"
            Remove-Item env:BROWSER -ErrorAction Ignore
            { $ConsoleRole | Get-StsConsoleUrl -Open -FederationEndpoint $Federation } | Should -Throw -ErrorId 'BrowserNotStarted,StsTools.PowerShell.Commands.GetStsConsoleUrlCommand'
            $env:BROWSER = 'planted-browser'
            { $ConsoleRole | Get-StsConsoleUrl -Open -FederationEndpoint $Federation } | Should -Throw -ErrorId 'BrowserNotStarted,StsTools.PowerShell.Commands.GetStsConsoleUrlCommand'
            Start-Sleep -Milliseconds 300
            Test-Path $marker | Should -BeFalse
        }
        finally {
            Pop-Location
            $env:PATH = $savedPath
            Restore-EnvironmentVariable BROWSER $savedBrowser
        }
    }
}

Describe 'Invoke-StsCommand' {
    BeforeAll {
        $Inner = Use-StsRole $RoleArn 'invoke' -Region eu-north-1 -EndpointUrl $Moto.Endpoint -AccessKey $Conn.AccessKey -SecretKey $Conn.SecretKey
        $Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE'
        function Get-AwsVariable { $h = [ordered]@{}; foreach ($n in $Names) { $h[$n] = [Environment]::GetEnvironmentVariable($n) }; [pscustomobject]$h | ConvertTo-Json -Compress }
    }
    BeforeEach {
        $script:SavedInvoke = @{}; foreach ($n in $Names) { $script:SavedInvoke[$n] = [Environment]::GetEnvironmentVariable($n) }
        $env:AWS_PROFILE = 'my-own'; $env:AWS_ACCESS_KEY_ID = 'AKIAMYOWNKEY00000001'; $env:AWS_REGION = 'us-west-2'
        Remove-Item -Path 'env:AWS_SESSION_TOKEN', 'env:AWS_CREDENTIAL_EXPIRATION' -ErrorAction Ignore
        $script:Before = Get-AwsVariable
    }
    AfterEach { foreach ($n in $script:SavedInvoke.Keys) { Restore-EnvironmentVariable $n $script:SavedInvoke[$n] } }

    It 'runs the block as the piped credentials in their region, streams its output, and restores every variable' {
        $out = $Inner | Invoke-StsCommand {
            "key=$env:AWS_ACCESS_KEY_ID region=$env:AWS_REGION profile=[$env:AWS_PROFILE] expires=$([bool]$env:AWS_CREDENTIAL_EXPIRATION) piped=$($_.AssumedRoleUser.Arn)"
            (Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn
        }
        $out[0] | Should -Be "key=$($Inner.Credentials.AccessKeyId) region=eu-north-1 profile=[] expires=True piped=$($Inner.AssumedRoleUser.Arn)"
        $out[1] | Should -Be $Inner.AssumedRoleUser.Arn
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'gives boto3 (a native program) the credentials and keeps its exit code' {
        if (-not $Python) { Set-ItResult -Skipped -Because 'no Python here' }
        $out = Invoke-StsCommand -Credential $Inner.Credentials -Region ap-south-1 {
            & $Python -c "import os, sys; print(os.environ['AWS_ACCESS_KEY_ID'], os.environ['AWS_DEFAULT_REGION']); sys.exit(3)"
        }
        $LASTEXITCODE | Should -Be 3
        $out | Should -Be "$($Inner.Credentials.AccessKeyId) ap-south-1"
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'restores when the block throws, and in order when calls nest' {
        { $Inner | Invoke-StsCommand { throw 'deploy failed' } } | Should -Throw 'deploy failed'
        Get-AwsVariable | Should -Be $script:Before
        $other = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAOUTER00000000001'; SecretAccessKey = 'outer-secret'; SessionToken = 'outer-token'; Expiration = (Get-Date).AddHours(1) }
        $seen = $other | Invoke-StsCommand {
            $env:AWS_ACCESS_KEY_ID
            $Inner | Invoke-StsCommand { $env:AWS_ACCESS_KEY_ID }
            $env:AWS_ACCESS_KEY_ID
        }
        $seen | Should -Be 'ASIAOUTER00000000001', $Inner.Credentials.AccessKeyId, 'ASIAOUTER00000000001'
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'restores when Ctrl+C stops the block' {
        $ps = [powershell]::Create()   # its own runspace; the environment is the process's
        $null = $ps.AddScript("param(`$c) Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'; `$c | Invoke-StsCommand { Start-Sleep -Seconds 30 }").AddArgument($Inner)
        $async = $ps.BeginInvoke()
        $deadline = (Get-Date).AddSeconds(10)
        while ($env:AWS_ACCESS_KEY_ID -ne $Inner.Credentials.AccessKeyId -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $env:AWS_ACCESS_KEY_ID | Should -Be $Inner.Credentials.AccessKeyId -Because 'the block is running'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.Dispose()
        Get-AwsVariable | Should -Be $script:Before
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

Describe 'Get-StsSessionToken' {
    It 'returns credentials for the requested duration' {
        $s = Get-StsSessionToken 7200 -Force @Conn
        $s | Should -BeOfType 'StsTools.Model.GetSessionTokenResponse'
        $s.Credentials.Expiration | Should -BeGreaterThan ((Get-Date).AddMinutes(110))
    }

    It 'rejects <Seconds> seconds at binding, showing the range' -ForEach @(@{ Seconds = 899 }, @{ Seconds = 129601 }) {
        $err = { Get-StsSessionToken -DurationSeconds $Seconds @Conn } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $err.Exception.Message | Should -Match '\b(900|129600)\b'
    }

    It 'keeps the engine''s DurationOutOfRange for a duration_seconds that comes from a role profile' {
        $config = Join-Path $Sandbox 'config-duration'
        Set-Content -Path $config -Value "[profile long]`nrole_arn = $RoleArn`nsource_profile = long`nduration_seconds = 99999`naws_access_key_id = AKIDSTSTOOLSPESTER01`naws_secret_access_key = x`n"
        $out = Invoke-FreshPwsh "`$env:AWS_CONFIG_FILE = '$config'; `$env:AWS_EC2_METADATA_DISABLED = 'true'; Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'; try { Use-StsRole -ProfileName long -EndpointUrl 'http://127.0.0.1:9' } catch { `$_.FullyQualifiedErrorId }"
        $out | Should -BeLike 'DurationOutOfRange,*'
    }

    It 'names list parameters in the singular, with the STS field names as aliases' {
        foreach ($pair in @(@('Use-StsRole', 'Tag', 'Tags'), @('Use-StsRole', 'PolicyArn', 'PolicyArns'), @('Use-StsRole', 'TransitiveTagKey', 'TransitiveTagKeys'),
                @('Use-StsRole', 'ProvidedContext', 'ProvidedContexts'), @('Get-StsFederationToken', 'Tag', 'Tags'), @('Use-StsRoleWithSaml', 'PolicyArn', 'PolicyArns'))) {
            (Get-Command $pair[0]).Parameters[$pair[1]].Aliases | Should -Contain $pair[2]
        }
        (Use-StsRole $RoleArn 'singular-names' -Tag @{ Team = 'a' } -PolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess' @Conn).AssumedRoleUser.Arn | Should -BeLike '*/singular-names'
        $set = (Get-Command Get-StsWebIdentityToken).Parameters['SigningAlgorithm'].Attributes | Where-Object { $_ -is [ValidateSet] }
        $set.ValidValues | Should -Be 'RS256', 'ES384'
        $line = 'Get-StsWebIdentityToken -SigningAlgorithm '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object | Should -Be 'ES384', 'RS256'
    }

    It 'requires the MFA code with the serial number when it cannot prompt' {
        # Interactive sessions are asked for the code; a -NonInteractive one must get the error.
        $manifest = Join-Path $RepoRoot 'StsModule.psd1'
        $command = "Import-Module '$manifest'; try { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/bob' -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -Force } catch { `$_.FullyQualifiedErrorId }"
        $output = Invoke-FreshPwsh $command
        ($output -join "`n") | Should -BeLike '*SerialNumberWithoutTokenCode,*'
    }
}

Describe 'Get-StsCallerIdentity' {
    It 'reports the account of the given keys' {
        $id = Get-StsCallerIdentity @Conn
        $id.Account | Should -Be '123456789012'
        $id.Arn | Should -Match '^arn:aws:'
    }

    It 'answers in a host whose pipeline thread has a SynchronizationContext nobody pumps (as a GUI host may), posting nothing to it' {
        # The call starts on the pipeline thread (no thread switch before the request goes out);
        # anything posted to a GUI host's context would wait for a thread that is waiting for it.
        if (-not ('StsToolsTests.NeverPumpedContext' -as [type])) {
            Add-Type -TypeDefinition @'
namespace StsToolsTests
{
    public sealed class NeverPumpedContext : System.Threading.SynchronizationContext
    {
        public int Posts;
        public override void Post(System.Threading.SendOrPostCallback d, object state) { System.Threading.Interlocked.Increment(ref Posts); }
        public override void Send(System.Threading.SendOrPostCallback d, object state) { System.Threading.Interlocked.Increment(ref Posts); }
    }
}
'@
        }
        $context = [StsToolsTests.NeverPumpedContext]::new()
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Context, $Conn)
                    Import-Module $Manifest
                    [Threading.SynchronizationContext]::SetSynchronizationContext($Context)
                    Get-StsCallerIdentity @Conn
                    [object]::ReferenceEquals([Threading.SynchronizationContext]::Current, $Context)
                }).AddArgument((Join-Path $RepoRoot 'StsModule.psd1')).AddArgument($context).AddArgument($Conn)
            $async = $ps.BeginInvoke()
            $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'the call must not wait for the context'
            $out = $ps.EndInvoke($async)
            $ps.Streams.Error | Should -BeNullOrEmpty
            $out[0].Account | Should -Be '123456789012'
            $out[1] | Should -BeTrue -Because 'the host''s context is left as it was'
            $context.Posts | Should -Be 0
        }
        finally { $ps.Dispose() }
    }

    It 'writes its verbose and debug text when the preference variables of the caller ask for it, not only with -Verbose' {
        # Without -Verbose/-Debug and with silent preferences the text is dropped before it is
        # queued; a script or function that sets the preferences must still get all of it.
        function Get-IdentityVerbosely { $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; Get-StsCallerIdentity @Conn }
        $records = Get-IdentityVerbosely 4>&1 5>&1
        $verbose = @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $debug = @($records | Where-Object { $_ -is [Management.Automation.DebugRecord] })
        ($verbose.Message -join "`n") | Should -BeLike '*GetCallerIdentity: calling*'
        ($debug.Message -join "`n") | Should -BeLike '*GetCallerIdentity succeeded*'
        @($records | Where-Object { $_ -is [StsTools.Model.GetCallerIdentityResponse] }).Count | Should -Be 1
        @(Get-StsCallerIdentity @Conn 4>&1 5>&1 | Where-Object { $_ -is [Management.Automation.InformationalRecord] }).Count | Should -Be 0
    }

    It 'says which profile is missing' {
        $err = { Get-StsCallerIdentity -ProfileName 'no-such-profile' -EndpointUrl $Moto.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Use-StsRoleWithSaml' {
    BeforeAll {
        $SamlRole = 'arn:aws:iam::123456789012:role/SamlRole'
        $Provider = 'arn:aws:iam::123456789012:saml-provider/ExampleIdP'
    }

    It 'assumes the role named in a real SAML assertion, without credentials' {
        $assertion = New-SamlAssertion -RoleArn $SamlRole -ProviderArn $Provider -SessionName 'alice@example.com'
        $r = Use-StsRoleWithSaml -RoleArn $SamlRole -PrincipalArn $Provider -SAMLAssertion $assertion -EndpointUrl $Moto.Endpoint -Region us-east-1
        $r | Should -BeOfType 'StsTools.Model.AssumeRoleWithSAMLResponse'
        $r.AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/SamlRole/alice@example.com'
    }

    It 'reads the assertion from a file and from the pipeline' {
        $assertion = New-SamlAssertion -RoleArn $SamlRole -ProviderArn $Provider -SessionName 'from-file'
        $file = Join-Path $Sandbox 'assertion.b64'
        Set-Content -Path $file -Value $assertion
        (Use-StsRoleWithSaml $SamlRole $Provider -SamlAssertionFile $file -EndpointUrl $Moto.Endpoint -Region us-east-1).AssumedRoleUser.Arn | Should -Match '/from-file$'
        ($assertion | Use-StsRoleWithSaml $SamlRole $Provider -EndpointUrl $Moto.Endpoint -Region us-east-1).AssumedRoleUser.Arn | Should -Match '/from-file$'
    }

    It 'rejects a principal that is not a SAML provider' {
        $err = { Use-StsRoleWithSaml $SamlRole 'arn:aws:iam::123456789012:role/Nope' -SAMLAssertion 'PHNhbWw+' -EndpointUrl 'http://127.0.0.1:9' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidPrincipalArn,*'
    }
}

Describe 'Use-StsRoleWithWebIdentity' {
    BeforeEach {
        $script:SavedWeb = @{}
        foreach ($n in 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME') { $script:SavedWeb[$n] = [Environment]::GetEnvironmentVariable($n) }
    }
    AfterEach {
        foreach ($n in $script:SavedWeb.Keys) { Restore-EnvironmentVariable $n $script:SavedWeb[$n] }
    }

    It 'uses AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME when called with no arguments' {
        $tokenFile = Join-Path $Sandbox 'eks-token'
        Set-Content -Path $tokenFile -Value 'eyJhbGciOiJSUzI1NiJ9.eks.sig'
        $env:AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/IrsaRole'
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $tokenFile
        $env:AWS_ROLE_SESSION_NAME = 'pod-abc'
        $r = Use-StsRoleWithWebIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1
        $r.AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/IrsaRole/pod-abc'
    }

    It 'takes the token as a parameter' {
        $r = Use-StsRoleWithWebIdentity arn:aws:iam::123456789012:role/WebRole web-1 -WebIdentityToken 'eyJ.token.sig' -EndpointUrl $Moto.Endpoint -Region us-east-1
        $r.AssumedRoleUser.Arn | Should -Match 'assumed-role/WebRole/web-1$'
    }

    It 'says what is missing' {
        Remove-Item env:AWS_ROLE_ARN -ErrorAction SilentlyContinue
        $err = { Use-StsRoleWithWebIdentity -WebIdentityToken 'abcd' -EndpointUrl 'http://127.0.0.1:9' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'MissingRoleArn,*'
    }
}

Describe 'Get-StsFederationToken' {
    It 'returns the federated user' {
        $r = Get-StsFederationToken -Name Bob -DurationSeconds 3600 -Tags @{ Team = 'Blue' } @Conn
        $r.FederatedUser.Arn | Should -Be 'arn:aws:sts::123456789012:federated-user/Bob'
    }

    It 'rejects a one-letter name' {
        $err = { Get-StsFederationToken -Name x @Conn } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidFederatedUserName,*'
    }
}

Describe 'Get-StsAccessKeyInfo' {
    It 'returns the owning account for a key id, also from the pipeline' {
        (Get-StsAccessKeyInfo AKIAIOSFODNN7EXAMPLE @Conn).Account | Should -Be '123456789012'
        $many = 'AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE' | Get-StsAccessKeyInfo @Conn
        $many.AccessKeyId | Should -Be 'AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE'
        $many | Out-String | Should -BeLike '*AKIAI44QH8DHBEXAMPLE 123456789012*'
    }

    It 'takes the key id of a piped credentials object or response' {
        $role = Use-StsRole $RoleArn 'key-info' @Conn
        ($role | Get-StsAccessKeyInfo @Conn).Account | Should -Be '123456789012'
        ($role.Credentials | Get-StsAccessKeyInfo @Conn).Account | Should -Be '123456789012'
    }
}

Describe 'The operations moto lacks' {
    BeforeAll {
        $Doc = @{ EndpointUrl = $Documented.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'pester-secret-key-for-moto-only' }
    }

    It 'Use-StsRoot expands a short task policy name' {
        $r = Use-StsRoot 111122223333 IAMAuditRootUserCredentials -DurationSeconds 900 @Doc
        $r | Should -BeOfType 'StsTools.Model.AssumeRootResponse'
        $r.Credentials.AccessKeyId | Should -Be 'ASIAEXAMPLEROOT00001'
        $r.SourceIdentity | Should -Be 'Alice'
    }

    It 'Use-StsRoot rejects a policy that is not a root task policy' {
        $err = { Use-StsRoot 111122223333 ReadOnlyAccess @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidTaskPolicyArn,*'
    }

    It 'ConvertFrom-StsAuthorizationMessage decodes, also from a pasted error text, and -AsObject drills in' {
        $r = ConvertFrom-StsAuthorizationMessage 'EXAMPLE-encoded-authorization-message-0123456789' @Doc
        $r.DecodedMessage | Should -Match '"action":"ec2:StopInstances"'
        $o = 'You are not authorized. Encoded authorization failure message: EXAMPLE-encoded-authorization-message-0123456789' | ConvertFrom-StsAuthorizationMessage -AsObject @Doc
        $o.context.action | Should -Be 'ec2:StopInstances'
        $o.allowed | Should -BeFalse
    }

    It 'ConvertFrom-StsAuthorizationMessage reports the documented error' {
        $err = { ConvertFrom-StsAuthorizationMessage 'not-a-message' @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidAuthorizationMessageException,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'Get-StsDelegatedAccessToken returns credentials and the assumed principal' {
        $r = 'good-trade-in-token' | Get-StsDelegatedAccessToken @Doc
        $r.AssumedPrincipal | Should -Be 'arn:aws:iam::123456789012:role/Delegated'
        $err = { Get-StsDelegatedAccessToken 'expired-trade-in-token' @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ExpiredTradeInTokenException,*'
        $err.Exception.Message | Should -Not -BeLike '*expired-trade-in-token*'
    }

    It 'Get-StsWebIdentityToken returns the JWT and does not show it by default' {
        $r = Get-StsWebIdentityToken -Audience https://api.example.com -SigningAlgorithm RS256 -DurationSeconds 120 @Doc
        $r.WebIdentityToken | Should -Match '^eyJ'
        ($r | Out-String) | Should -Not -BeLike "*$($r.WebIdentityToken)*"
        $err = { Get-StsWebIdentityToken -Audience x -SigningAlgorithm HS256 @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}

Describe 'Caching' {
    BeforeAll { Clear-StsCache -Confirm:$false }

    It 'serves the same role session until -Force' {
        $a = Use-StsRole $RoleArn 'cached-1' @Conn
        $b = Use-StsRole $RoleArn 'cached-1' @Conn
        $b.Credentials.AccessKeyId | Should -Be $a.Credentials.AccessKeyId
        $c = Use-StsRole $RoleArn 'cached-1' -Force @Conn
        $c.Credentials.AccessKeyId | Should -Not -Be $a.Credentials.AccessKeyId
    }

    It 'reuses an MFA session without a new code' {
        $null = Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 123456 -Force @Conn
        { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' @Conn } | Should -Not -Throw
    }

    It 'shares sessions through the owner-only disk cache' {
        $dir = Join-Path $Sandbox 'disk-cache'
        $options = Set-StsCacheOption -DiskCache -Directory $dir -RefreshWindow 300 -PassThru
        try {
            $options.DiskEnabled | Should -BeTrue
            $options.RefreshWindow | Should -Be ([TimeSpan]::FromMinutes(5))
            $shown = Get-StsCacheOption
            $shown.DiskEnabled | Should -BeTrue
            $shown.Directory | Should -Be $dir
            $shown.DiskEnabled = $false   # a copy: the cache itself is not changed
            (Get-StsCacheOption).DiskEnabled | Should -BeTrue
            $null = Use-StsRole $RoleArn 'disk-1' @Conn
            $files = @(Get-ChildItem (Join-Path $dir 'sessions') -Filter *.json)
            $files.Count | Should -Be 1
            if ($OnUnix) { (Get-Item $files[0].FullName).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
            Clear-StsCache -Confirm:$false
            @(Get-ChildItem (Join-Path $dir 'sessions') -Filter *.json).Count | Should -Be 0
        }
        finally { Set-StsCacheOption -DiskCache:$false }
        (Get-StsCacheOption).DiskEnabled | Should -BeFalse
    }

    It 'lets runbook steps that turn it on in their environment share one session' {
        # Each step a new pwsh process, as in a runbook; the module warms its cache reader at import.
        $dir = Join-Path $Sandbox 'runbook-cache'
        $step = Join-Path $Sandbox 'runbook-step.ps1'
        Set-Content -Path $step -Value @'
param($Module, $Endpoint, $RoleArn)
Import-Module $Module
(Use-StsRole $RoleArn 'runbook' -EndpointUrl $Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey pester-secret-key-for-moto-only).Credentials.AccessKeyId
'@
        $pwsh = Get-PwshPath
        $env:STSMODULE_DISK_CACHE = '1'
        $env:STSMODULE_CACHE_DIR = $dir
        try {
            $first = & $pwsh -NoProfile -NonInteractive -File $step (Join-Path $RepoRoot 'StsModule.psd1') $Moto.Endpoint $RoleArn
            $second = & $pwsh -NoProfile -NonInteractive -File $step (Join-Path $RepoRoot 'StsModule.psd1') $Moto.Endpoint $RoleArn
            $first | Should -Match '^ASIA'
            $second | Should -Be $first
            @(Get-ChildItem (Join-Path $dir 'sessions') -Filter *.json).Count | Should -Be 1
        }
        finally {
            Remove-Item 'env:STSMODULE_DISK_CACHE', 'env:STSMODULE_CACHE_DIR' -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Test-StsCredential' {
    It 'answers for an offset like boto is_expired' {
        $creds = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAX'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = [DateTime]::UtcNow.AddMinutes(10) }
        $creds | Test-StsCredential -Within 300 | Should -BeTrue
        $creds | Test-StsCredential -Within 900 | Should -BeFalse
        $creds | Test-StsCredential -Within (New-TimeSpan -Minutes 5) | Should -BeTrue
    }

    It 'asks STS with -Remote' {
        $role = Use-StsRole $RoleArn 'remote-check' @Conn
        $role | Test-StsCredential -Remote -EndpointUrl $Moto.Endpoint -Region us-east-1 | Should -BeTrue
    }
}

Describe 'Export-StsCredential and Import-StsCredential' {
    It 'round-trips through an owner-only file' {
        $role = Use-StsRole $RoleArn 'export-1' @Conn
        $path = Join-Path $Sandbox 'export-1.json'
        $role | Export-StsCredential -Path $path
        if ($OnUnix) { (Get-Item $path).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        if ($IsWindows) {
            # Owner-only: inheritance cut, one rule, for the current user (the Windows workflow runs this).
            $role | Export-StsCredential -Path $path   # a second time: ReplaceFile keeps the old DACL, the module sets its own again
            $acl = Get-Acl $path
            $acl.AreAccessRulesProtected | Should -BeTrue
            @($acl.Access | ForEach-Object { $_.IdentityReference.Value }) | Should -Be @([Security.Principal.WindowsIdentity]::GetCurrent().Name)
        }
        $back = Import-StsCredential $path
        $back.AccessKeyId | Should -Be $role.Credentials.AccessKeyId
        $back.SecretAccessKey | Should -Be $role.Credentials.SecretAccessKey
        $back.Expiration | Should -Be $role.Credentials.Expiration.AddTicks(-($role.Credentials.Expiration.Ticks % [TimeSpan]::TicksPerSecond))
        ($back | Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1).Arn | Should -Match 'assumed-role/PesterRole/export-1$'
    }

    It 'prints the credential_process document' {
        $json = Use-StsRole $RoleArn 'export-2' @Conn | Export-StsCredential -Format CredentialProcess | ConvertFrom-Json
        $json.Version | Should -Be 1
        $json.AccessKeyId | Should -Match '^ASIA'
    }

    It 'says which file is truncated' {
        $path = Join-Path $Sandbox 'truncated.json'
        Set-Content -Path $path -Value '{"AccessKeyId":"A","SecretAcc'
        $err = { Import-StsCredential $path } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCredentialFile,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }
}

Describe 'Set-StsEnvironment and Clear-StsEnvironment' {
    BeforeEach {
        $script:SavedEnv = @{}
        foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
            $script:SavedEnv[$n] = [Environment]::GetEnvironmentVariable($n)
        }
        Clear-StsEnvironment -Confirm:$false   # forget what earlier tests had the module replace
        foreach ($n in $script:SavedEnv.Keys) { Restore-EnvironmentVariable $n $script:SavedEnv[$n] }
    }
    AfterEach {
        foreach ($n in $script:SavedEnv.Keys) { Restore-EnvironmentVariable $n $script:SavedEnv[$n] }
    }

    It 'sets the variables, Clear-StsEnvironment restores what they held, and a second one removes the keys' {
        $env:AWS_ACCESS_KEY_ID = 'AKIACIJOBKEY00000001'
        $env:AWS_SECRET_ACCESS_KEY = 'ci-job-secret'
        $env:AWS_REGION = 'us-west-2'
        $role = Use-StsRole $RoleArn 'env-cmdlets' @Conn
        $role | Set-StsEnvironment -Region ap-southeast-2
        $env:AWS_ACCESS_KEY_ID | Should -Be $role.Credentials.AccessKeyId
        $env:AWS_REGION | Should -Be 'ap-southeast-2'
        Test-StsCredential -Within 60 | Should -BeTrue
        $verbose = Clear-StsEnvironment -Confirm:$false -Verbose 4>&1 | ForEach-Object Message
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIACIJOBKEY00000001'
        $env:AWS_SECRET_ACCESS_KEY | Should -Be 'ci-job-secret'
        $env:AWS_SESSION_TOKEN | Should -BeNullOrEmpty
        $env:AWS_REGION | Should -Be 'us-west-2'
        $verbose | Should -Contain 'Restored AWS_SECRET_ACCESS_KEY (secret, not shown)'
        ($verbose -join "`n") | Should -Not -BeLike '*ci-job-secret*'
        Clear-StsEnvironment -Confirm:$false
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        $env:AWS_REGION | Should -Be 'us-west-2'
    }

    It 'leaves a variable the user changed after the module set it' {
        $role = Use-StsRole $RoleArn 'env-cmdlets' @Conn
        $role | Set-StsEnvironment
        $env:AWS_ACCESS_KEY_ID = 'AKIAUSERCHOSETHIS001'
        $verbose = Clear-StsEnvironment -Confirm:$false -Verbose 4>&1 | ForEach-Object Message
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIAUSERCHOSETHIS001'
        $verbose | Should -Contain 'Left AWS_ACCESS_KEY_ID as it is: it changed after the module set it.'
    }
}

Describe 'Set-StsProfile and role profiles' {
    BeforeAll {
        Set-Content -Path $env:AWS_SHARED_CREDENTIALS_FILE -Value "# team keys`n[base]`naws_access_key_id = AKIDPESTERBASE000001`naws_secret_access_key = base-secret`n"
        Set-Content -Path $env:AWS_CONFIG_FILE -Value ("[profile prod]`nrole_arn = arn:aws:iam::123456789012:role/ProdRole`nsource_profile = base`nrole_session_name = prod-pester`nregion = us-east-1`n" +
            "[profile plain-role]`nrole_arn = arn:aws:iam::123456789012:role/PlainRole`nsource_profile = base`nregion = us-east-1`n" +
            "[profile mfa-role]`nrole_arn = arn:aws:iam::123456789012:role/MfaRole`nsource_profile = base`nmfa_serial = arn:aws:iam::123456789012:mfa/alice`nregion = us-east-1`n" +
            "[profile mfa-audit]`nrole_arn = arn:aws:iam::210987654321:role/Audit`nsource_profile = base`nmfa_serial = arn:aws:iam::123456789012:mfa/alice`nmfa_session_duration = 3600`nregion = us-east-1`n")
    }

    It 'resolves a role profile the module''s way in every cmdlet: one session name, the cached MFA session, no SDK session' {
        $role = Use-StsRole -ProfileName mfa-role -TokenCode 123456 -EndpointUrl $Moto.Endpoint
        $role.AssumedRoleUser.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/MfaRole/StsModule-*'
        # No code and no prompt: the cached MFA session of the call above is the source.
        $me = Get-StsCallerIdentity -ProfileName mfa-role -EndpointUrl $Moto.Endpoint -Verbose 4>&1
        ($me | Where-Object { $_ -is [StsTools.Model.GetCallerIdentityResponse] }).Arn | Should -Be $role.AssumedRoleUser.Arn
        ($me | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -BeLike "*using cached credentials*role profile 'mfa-role'*"
        # Without MFA as well: the module's session name, not aws-dotnet-sdk-session-*.
        (Get-StsCallerIdentity -ProfileName plain-role -EndpointUrl $Moto.Endpoint).Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/PlainRole/StsModule-*'
        Get-StsAccessKeyInfo -AccessKeyId AKIAIOSFODNN7EXAMPLE -ProfileName plain-role -EndpointUrl $Moto.Endpoint | Should -Not -BeNullOrEmpty
    }

    It 'asks the host once for the role profile''s MFA code, then serves every cmdlet from the cached session' {
        Clear-StsCache
        $testHost = New-AnsweringHost -Answer '123456'
        $out = Invoke-InAnsweringHost $testHost @"
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
(Get-StsCallerIdentity -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)').Arn
(Use-StsRole -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)').AssumedRoleUser.Arn
(Get-StsCallerIdentity -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)').Arn
"@
        $testHost.Answering.Captions.Count | Should -Be 1
        $testHost.Answering.Captions[0] | Should -Be "MFA code for profile 'mfa-role' (arn:aws:iam::123456789012:mfa/alice)"
        @($out | Select-Object -Unique).Count | Should -Be 1
        "$out" | Should -BeLike '*assumed-role/MfaRole/StsModule-*'
        "$out" | Should -Not -BeLike '*MFA code*'
    }

    It 'asks once for the MFA code of a role profile that is the source of -RoleArn and of piped account ids' {
        Clear-StsCache
        $testHost = New-AnsweringHost -Answer '123456'
        $out = Invoke-InAnsweringHost $testHost @"
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
(Use-StsRole -RoleArn arn:aws:iam::111111111111:role/Single -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)').AssumedRoleUser.Arn
'222222222222', '333333333333' | Use-StsRole -RoleName Fan -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)' -ThrottleLimit 2 | ForEach-Object { `$_.AssumedRoleUser.Arn }
"@
        $testHost.Answering.Captions.Count | Should -Be 1
        $user = [Environment]::UserName
        $out | Should -Be "arn:aws:sts::111111111111:assumed-role/Single/StsModule-$user", "arn:aws:sts::222222222222:assumed-role/Fan/StsModule-$user", "arn:aws:sts::333333333333:assumed-role/Fan/StsModule-$user"
    }

    It 'recommends only parameters the user typed' {
        Clear-StsCache
        $err = { Get-StsCallerIdentity -ProfileName mfa-role -EndpointUrl $Moto.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SerialNumberWithoutTokenCode,*'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*-TokenCode*'
        $err = { Use-StsRole $RoleArn -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' @Conn -Force } | Should -Throw -PassThru
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*-TokenCode*' -Because '-TokenCode was not typed either'
        $err = { Use-StsRole $RoleArn 'x' @Conn } | Should -Throw -PassThru
        $err.ErrorDetails.RecommendedAction | Should -Be 'Correct the value of -RoleSessionName and run the command again.'
    }

    It 'types one MFA code for every role profile with the same source and device: one GetSessionToken, then one AssumeRole per role' {
        Clear-StsCache
        $testHost = New-AnsweringHost -Answer '123456'
        $out = Invoke-InAnsweringHost $testHost @"
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
`$calls = [Collections.Generic.List[string]]::new()
foreach (`$p in 'mfa-audit', 'mfa-role', 'mfa-audit') {
    Use-StsRole -ProfileName `$p -EndpointUrl '$($Moto.Endpoint)' -Verbose 4>&1 | ForEach-Object {
        if (`$_ -is [Management.Automation.VerboseRecord]) { if (`$_.Message -match '^(\w+): calling ') { `$calls.Add(`$Matches[1]) } }
        else { `$_.AssumedRoleUser.Arn }
    }
}
'calls=' + (`$calls -join ',')
"@
        $testHost.Answering.Captions.Count | Should -Be 1 -Because 'one code for all the roles'
        $testHost.Answering.Captions[0] | Should -Be "MFA code for profile 'mfa-audit' (arn:aws:iam::123456789012:mfa/alice)"
        $out[0] | Should -BeLike 'arn:aws:sts::210987654321:assumed-role/Audit/StsModule-*'
        $out[1] | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/MfaRole/StsModule-*'
        $out[2] | Should -Be $out[0] -Because 'the cached role session'
        $out[3] | Should -Be 'calls=GetSessionToken,AssumeRole,AssumeRole'
        # The MFA session is the user's own one too, and lasts as the profile says (mfa_session_duration = 3600).
        $mfa = Get-StsSessionToken -ProfileName base -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -EndpointUrl $Moto.Endpoint
        ($mfa.Credentials.Expiration - (Get-Date)).TotalMinutes | Should -BeGreaterThan 50
        ($mfa.Credentials.Expiration - (Get-Date)).TotalMinutes | Should -BeLessOrEqual 60
    }

    It 'shares that MFA session with later processes through the disk cache: no code for another role' {
        $dir = Join-Path $Sandbox 'mfa-disk-cache'
        $setup = "`$env:AWS_CONFIG_FILE = '$env:AWS_CONFIG_FILE'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$env:AWS_SHARED_CREDENTIALS_FILE'; `$env:AWS_EC2_METADATA_DISABLED = 'true'; " +
            "`$env:STSMODULE_DISK_CACHE = '1'; `$env:STSMODULE_CACHE_DIR = '$dir'; Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'"
        $first = Invoke-FreshPwsh "$setup; (Use-StsRole -ProfileName mfa-audit -TokenCode 123456 -EndpointUrl '$($Moto.Endpoint)').AssumedRoleUser.Arn"
        $first | Should -BeLike 'arn:aws:sts::210987654321:assumed-role/Audit/*'
        # A new -NonInteractive process, another role, no code: the MFA session comes from the disk.
        $second = Invoke-FreshPwsh "$setup; try { (Use-StsRole -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)').AssumedRoleUser.Arn } catch { `$_.FullyQualifiedErrorId }"
        $second | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/MfaRole/*'
    }

    It 'says that GetSessionToken needs an IAM user''s keys when given a role profile, before any call' {
        $err = { Get-StsSessionToken -ProfileName mfa-role -EndpointUrl 'http://127.0.0.1:9' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'LongTermCredentialsRequired,*'
        $err.Exception.Message | Should -BeLike '*-ProfileName base (its source_profile)*'
    }

    It 'fails at once under -NonInteractive naming the profile and how to pass the code' {
        $out = Invoke-FreshPwsh @"
`$env:AWS_CONFIG_FILE = '$env:AWS_CONFIG_FILE'
`$env:AWS_SHARED_CREDENTIALS_FILE = '$env:AWS_SHARED_CREDENTIALS_FILE'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
try { Get-StsCallerIdentity -ProfileName mfa-role -EndpointUrl '$($Moto.Endpoint)' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@
        $text = $out -join "`n"
        $out[0] | Should -BeLike 'SerialNumberWithoutTokenCode,*'
        $text | Should -BeLike "*Profile 'mfa-role' needs an MFA code from arn:aws:iam::123456789012:mfa/alice*Use-StsRole -ProfileName mfa-role -TokenCode*"
        $text | Should -Not -BeLike '*MFA code for*'
        $text | Should -Not -BeLike '*-SerialNumber*'
    }

    It 'follows a role profile with -ProfileName alone' {
        $r = Use-StsRole -ProfileName prod -EndpointUrl $Moto.Endpoint
        $r.AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/ProdRole/prod-pester'
    }

    It 'finds a profile Set-StsProfile wrote in the same session, on a machine that had no credentials file' {
        $dir = Join-Path $Sandbox 'new-machine'
        $null = New-Item -ItemType Directory -Force -Path $dir
        $out = Invoke-FreshPwsh @"
`$env:AWS_SHARED_CREDENTIALS_FILE = '$(Join-Path $dir 'credentials')'
`$env:AWS_CONFIG_FILE = '$(Join-Path $dir 'config')'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
try { Get-StsCallerIdentity -ProfileName fresh -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 } catch { `$_.FullyQualifiedErrorId.Split(',')[0] }
[StsTools.Model.Credentials]@{ AccessKeyId = 'AKIDSTSTOOLSPESTER01'; SecretAccessKey = 'pester-secret' } | Set-StsProfile fresh
(Get-StsCallerIdentity -ProfileName fresh -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1).Account
"@
        $out | Should -Be @('ProfileNotFound', '123456789012')
    }

    It 'says that a mistyped profile does not exist, and which one was probably meant' {
        foreach ($call in { Use-StsRole -ProfileName prdo -EndpointUrl $Moto.Endpoint }, { Get-StsCallerIdentity -ProfileName prdo -EndpointUrl $Moto.Endpoint }) {
            $err = { & $call } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike "*no profile 'prdo'*Did you mean 'prod'?*Profiles there:*base*"
        }
    }

    It 'refuses to replace long-term keys unless -Force' {
        $role = Use-StsRole $RoleArn 'over-base' @Conn
        $before = Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw
        try {
            $err = { $role | Set-StsProfile base } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ProfileHoldsLongTermKeys,*'
            $err.Exception.Message | Should -BeLike '*-Force*'
            $role | Set-StsProfile base -Force -WhatIf
            Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw | Should -Be $before
            # High impact: -Force alone asks, and a session that cannot ask says how to go on.
            $err = { $role | Set-StsProfile base -Force } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ConfirmationRequired,*'
            $err.Exception.Message | Should -BeLike '*-Confirm:$false*'
            $testHost = New-AnsweringHost -Answer '1'   # No
            $null = Invoke-InAnsweringHost $testHost ("`$r = [StsTools.Model.Credentials]@{ AccessKeyId = '$($role.Credentials.AccessKeyId)'; SecretAccessKey = '$($role.Credentials.SecretAccessKey)'; SessionToken = '$($role.Credentials.SessionToken)' }`n" +
                "Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'`n`$r | Set-StsProfile base -Force`n")
            $testHost.Answering.Captions | Should -Be @('Replace long-term keys')
            Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw | Should -Be $before -Because 'the answer was No'
            $role | Set-StsProfile base -Force -Confirm:$false
            Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw | Should -BeLike "*[[]base]*aws_access_key_id = $($role.Credentials.AccessKeyId)*"
            Get-ChildItem (Split-Path $env:AWS_SHARED_CREDENTIALS_FILE) -Filter '*.lock' | Should -BeNullOrEmpty -Because 'no lock file is left beside the credentials file'
        }
        finally { Set-Content -Path $env:AWS_SHARED_CREDENTIALS_FILE -Value $before -NoNewline }
    }

    It 'writes a profile boto3 can use, keeping the others' {
        $role = Use-StsRole $RoleArn 'to-profile' @Conn
        $role | Set-StsProfile written
        $text = Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw
        $text | Should -Match '(?s)^# team keys.*\[base\].*AKIDPESTERBASE000001.*\[written\]'
        if ($Python) {
            $arn = & $Python -c "import sys, boto3; print(boto3.Session(profile_name='written', region_name='us-east-1').client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])" $Moto.Endpoint
            $arn | Should -Be $role.AssumedRoleUser.Arn
        }
    }
}

Describe 'Messages a user can act on' {
    It 'rejects a mistyped region before any call, naming the region meant' {
        $err = { Get-StsCallerIdentity -Region eu-wst-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRegion,*'
        $err.Exception.Message | Should -BeLike "*'eu-wst-1' is not a region*Did you mean 'eu-west-1'?*"
        # A well-formed name far from every known region may be newer than the SDK: it goes through.
        $newer = $Conn.Clone(); $newer['Region'] = 'xx-newregion-9'
        (Get-StsCallerIdentity @newer).Account | Should -Be '123456789012'
    }

    It 'warns when expired credentials are imported or put into the environment' {
        $old = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAEXPIRED000000001'; SecretAccessKey = 'expired-secret'; SessionToken = 't'; Expiration = (Get-Date).AddHours(-3) }
        $path = Join-Path $Sandbox 'expired.json'
        $old | Export-StsCredential -Path $path
        $null = Import-StsCredential $path -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -BeLike "*credentials in $path expired at *Z, 3 hours ago: AWS will reject them*"
        $saved = @{}; foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE') { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            $old | Set-StsEnvironment -WarningVariable w2 -WarningAction SilentlyContinue
            "$w2" | Should -BeLike '*ASIAEXPIRED000000001 expired at*'
            "$w2" | Should -Not -BeLike '*expired-secret*'
        }
        finally { foreach ($n in $saved.Keys) { Restore-EnvironmentVariable $n $saved[$n] } }
        $fresh = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAFRESH00000000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) }
        $fresh | Export-StsCredential -Path $path
        $err = { $old | Export-StsCredential -Path $path -NoClobber } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        (Import-StsCredential $path).AccessKeyId | Should -Be 'ASIAFRESH00000000001'
        $null = Import-StsCredential $path -WarningVariable w3
        $w3.Count | Should -Be 0
    }

    It 'says what a $null on the pipeline means' {
        $err = { $null | Set-StsEnvironment -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike '*no credentials: the value is $null*'
        $err.Exception.Message | Should -Not -BeLike '*"obj"*'
    }
}

Describe 'For AWS.Tools users' {
    It 'gives an Expiration that Get-Date arithmetic gets right in another time zone' {
        # In a fresh pwsh: .NET reads the local time zone once per process.
        $saved = $env:TZ
        $env:TZ = 'America/New_York'
        try {
            $out = Invoke-FreshPwsh @"
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
`$r = Use-StsRole '$RoleArn' 'time-zone' -DurationSeconds 3600 -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x
[int](`$r.Credentials.Expiration - (Get-Date)).TotalMinutes
[int](New-TimeSpan -End `$r.Credentials.Expiration).TotalMinutes
`$r.Credentials.Expiration -gt (Get-Date).AddMinutes(50)
(Get-Date).ToString('zzz')
`$r.Credentials | Set-StsEnvironment
`$env:AWS_CREDENTIAL_EXPIRATION -eq `$r.Credentials.Expiration.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
(`$r.Credentials | Export-StsCredential | ConvertFrom-Json).Expiration.ToUniversalTime() -eq `$r.Credentials.Expiration.ToUniversalTime().AddTicks(-(`$r.Credentials.Expiration.Ticks % 10000000))
"@
        }
        finally { Restore-EnvironmentVariable TZ $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[3] | Should -Match '^-0[45]:00$' -Because 'the child ran in New York time'
        [int]$out[0] | Should -BeIn 59, 60
        [int]$out[1] | Should -BeIn 59, 60
        $out[2] | Should -Be 'True' -Because 'Expiration -gt (Get-Date) compares instants'
        $out[4] | Should -Be 'True' -Because 'AWS_CREDENTIAL_EXPIRATION is ISO 8601 UTC'
        $out[5] | Should -Be 'True' -Because 'the exported file holds the same instant'
    }

    It 'takes -DurationInSeconds, and a cached session serves only a request it lasts long enough for' {
        $short = Use-StsRole $RoleArn 'nightly-duration' -DurationSeconds 900 @Conn
        $long = Use-StsRole $RoleArn 'nightly-duration' -DurationInSeconds 43200 @Conn
        $long.Credentials.AccessKeyId | Should -Not -Be $short.Credentials.AccessKeyId
        $long.Credentials.Expiration | Should -BeGreaterThan ((Get-Date).AddHours(11.9))
        (Use-StsRole $RoleArn 'nightly-duration' -DurationSeconds 3600 @Conn).Credentials.AccessKeyId | Should -Be $long.Credentials.AccessKeyId
    }

    It 'writes + and / of secrets as they are in exported JSON' {
        $path = Join-Path $Sandbox 'plus.json'
        [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAPLUSSLASH0000001'; SecretAccessKey = 'a+b/c=d'; SessionToken = 'FwoG+/x=='; Expiration = [DateTime]::UtcNow.AddHours(1) } |
            Export-StsCredential -Path $path
        $text = Get-Content $path -Raw
        $text | Should -BeLike '*"a+b/c=d"*'
        $text | Should -BeLike '*"FwoG+/x=="*'
        (Import-StsCredential $path).SecretAccessKey | Should -Be 'a+b/c=d'
    }
}

Describe 'Credential values that could inject lines' {
    BeforeAll {
        $Marker = Join-Path $Sandbox 'pwned'
        $Evil = [StsTools.Model.Credentials]@{
            AccessKeyId = 'ASIAINJECTION0000001'; SecretAccessKey = 'injection-secret'; Expiration = [DateTime]::UtcNow.AddHours(1)
            SessionToken = "FwoGZXIvYXdzEJr`n[default]`ncredential_process = sh -c 'touch $Marker'"
        }
    }

    It 'are refused by every writer, which write nothing, and boto3 then runs nothing' {
        $before = Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw
        foreach ($write in { $Evil | Set-StsProfile injected }, { $Evil | Set-StsEnvironment }, { $Evil | Export-StsCredential -Path (Join-Path $Sandbox 'injected-export.json') }, { $Evil | Export-StsCredential -Format CredentialProcess }) {
            $err = { & $write } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCredentialValue,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -BeLike '*SessionToken*'
            $err.Exception.Message | Should -Not -BeLike '*credential_process*'
        }
        Get-Content $env:AWS_SHARED_CREDENTIALS_FILE -Raw | Should -Be $before
        $env:AWS_SESSION_TOKEN | Should -BeNullOrEmpty
        Test-Path (Join-Path $Sandbox 'injected-export.json') | Should -BeFalse
        if ($Python) {
            $null = & $Python -c "import boto3; boto3.Session().get_credentials()" 2>&1
            Test-Path $Marker | Should -BeFalse
            & $Python -c "import boto3; print(boto3.Session(profile_name='base').get_credentials().access_key)" | Should -Be 'AKIDPESTERBASE000001'
        }
    }

    It 'are refused when a credential file carries them' {
        $json = Join-Path $Sandbox 'injected.json'
        Set-Content -Path $json -Value (@{ AccessKeyId = $Evil.AccessKeyId; SecretAccessKey = $Evil.SecretAccessKey; SessionToken = $Evil.SessionToken } | ConvertTo-Json)
        $err = { Import-StsCredential $json } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCredentialFile,*'
        $err.Exception.Message | Should -BeLike '*SessionToken*'
    }
}

Describe 'Endpoints' {
    It 'follows AWS_ENDPOINT_URL_STS and says so in verbose output' {
        $env:AWS_ENDPOINT_URL_STS = $Moto.Endpoint
        try {
            $records = Get-StsCallerIdentity -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey pester-secret-key-for-moto-only -Verbose 4>&1
            ($records | Where-Object { $_ -is [StsTools.Model.GetCallerIdentityResponse] }).Account | Should -Be '123456789012'
            ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -BeLike "*$($Moto.Endpoint) (from AWS_ENDPOINT_URL_STS)*"
        }
        finally { Remove-Item env:AWS_ENDPOINT_URL_STS }
    }

    It "follows the sts endpoint_url of a profile's services section" {
        # In a fresh pwsh: the AWS SDK reads the config file's location once per process.
        $config = Join-Path $Sandbox 'config-services'
        Set-Content -Path $config -Value "[profile local-emulator]`nservices = local`nregion = us-east-1`naws_access_key_id = AKIDSTSTOOLSPESTER01`naws_secret_access_key = pester-secret-key-for-moto-only`n[services local]`nsts =`n  endpoint_url = $($Moto.Endpoint)`n"
        $out = Invoke-FreshPwsh @"
`$env:AWS_CONFIG_FILE = '$config'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
`$records = Get-StsCallerIdentity -ProfileName local-emulator -Verbose 4>&1
(`$records | Where-Object { `$_ -is [StsTools.Model.GetCallerIdentityResponse] }).Account
(`$records | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] }).Message -join ' '
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be '123456789012'
        $out[1] | Should -BeLike "*$($Moto.Endpoint) (from the sts endpoint_url of the services section 'local'*"
    }

    It 'refuses plain http to another machine before sending anything, and -AllowInsecureEndpoint warns' {
        $err = { Get-StsCallerIdentity -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -EndpointUrl http://sts.example.com } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureEndpoint,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        (Get-Command Get-StsCallerIdentity).Parameters['AllowInsecureEndpoint'].SwitchParameter | Should -BeTrue
    }
}

Describe 'Secrets off the command line' {
    # A moto that checks SigV4 signatures after two setup calls, and an IAM user's real key pair.
    BeforeAll {
        $Signed = Start-MotoServer -Environment @{ INITIAL_NO_AUTH_ACTION_COUNT = '2' }
        $setup = Join-Path $Sandbox 'create-user.py'
        Set-Content -Path $setup -Value @(
            'import sys, boto3'
            "iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='setup', aws_secret_access_key='setup')"
            "iam.create_user(UserName='alice')"
            "k = iam.create_access_key(UserName='alice')['AccessKey']"
            "print(k['AccessKeyId'] + ' ' + k['SecretAccessKey'])"
        )
        $KeyId, $Secret = (& $Python $setup $Signed.Endpoint) -split ' '
        $SecureSecret = ConvertTo-SecureString $Secret -AsPlainText -Force
    }
    AfterAll { Stop-MotoServer $Signed }

    It 'signs with a SecureString -SecretKey (Read-Host -AsSecureString, Get-Secret)' {
        (Get-StsCallerIdentity -EndpointUrl $Signed.Endpoint -Region us-east-1 -AccessKey $KeyId -SecretKey $SecureSecret).Arn | Should -Be 'arn:aws:iam::123456789012:user/alice'
        # The control: the text PowerShell would otherwise have bound does not sign.
        $err = { Get-StsCallerIdentity -EndpointUrl $Signed.Endpoint -Region us-east-1 -AccessKey $KeyId -SecretKey 'System.Security.SecureString' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SignatureDoesNotMatch,*'
    }

    It 'signs with a PSCredential as -Credential' {
        $credential = [pscredential]::new($KeyId, $SecureSecret)
        (Get-StsCallerIdentity -EndpointUrl $Signed.Endpoint -Region us-east-1 -Credential $credential).Arn | Should -Be 'arn:aws:iam::123456789012:user/alice'
    }

    It 'Test-StsCredential -Remote tests the keys or the profile it is given' {
        $at = @{ EndpointUrl = $Signed.Endpoint; Region = 'us-east-1' }
        Test-StsCredential -Remote -AccessKey $KeyId -SecretKey $SecureSecret @at | Should -BeTrue
        Test-StsCredential -Remote -AccessKey $KeyId -SecretKey 'not-the-secret' @at | Should -BeFalse
        [StsTools.Model.Credentials]@{ AccessKeyId = $KeyId; SecretAccessKey = $Secret } | Set-StsProfile alice-keys
        Test-StsCredential -Remote -ProfileName alice-keys @at | Should -BeTrue
        $err = { Test-StsCredential -ProfileName alice-keys } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ExpiryUnknown,*'
        $err.Exception.Message | Should -BeLike '*-Remote*'
    }

    It 'asks for an MFA code on the host, not the output, and not at all under -NonInteractive' {
        $manifest = Join-Path $RepoRoot 'StsModule.psd1'
        $out = Invoke-FreshPwsh "Import-Module '$manifest'; try { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/bob' -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -Force } catch { `$_.FullyQualifiedErrorId }"
        ($out -join "`n") | Should -BeLike '*SerialNumberWithoutTokenCode,*'
        ($out -join "`n") | Should -Not -BeLike '*MFA code for*'
    }
}

Describe 'Paths and file sizes' {
    BeforeAll {
        $Sample = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAPATHSAMPLE000001'; SecretAccessKey = 'path-secret'; SessionToken = 'path-token'; Expiration = [DateTime]::UtcNow.AddHours(1) }
    }

    It 'refuses a path of another provider instead of writing a file named like it' {
        Remove-Item (Join-Path ([Environment]::CurrentDirectory) 'StsToolsExport') -ErrorAction SilentlyContinue
        $err = { $Sample | Export-StsCredential -Path Env:\StsToolsExport } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path (Join-Path ([Environment]::CurrentDirectory) 'StsToolsExport') | Should -BeFalse
        Test-Path Env:\StsToolsExport | Should -BeFalse
        { Import-StsCredential -Path Variable:\Nope } | Should -Throw -ErrorId 'NotAFileSystemPath,*'
    }

    It 'resolves relative paths against the current PowerShell location' {
        $here = Join-Path $Sandbox 'relative'
        $null = New-Item -ItemType Directory -Force -Path $here
        Push-Location $here
        try {
            $Sample | Export-StsCredential -Path ./relative.json
            (Import-StsCredential ./relative.json).AccessKeyId | Should -Be $Sample.AccessKeyId
        }
        finally { Pop-Location }
        Test-Path (Join-Path $here 'relative.json') | Should -BeTrue
    }

    It 'refuses a credential file larger than any credential file can be' {
        $big = Join-Path $Sandbox 'big.json'
        [IO.File]::WriteAllText($big, '{"AccessKeyId":"' + ('A' * (3 * 1024 * 1024)) + '"}')
        $err = { Import-StsCredential $big } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'FileTooLarge,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }
}

Describe 'Get-StsRegion' {
    It 'lists regions with partition and endpoint' {
        $r = Get-StsRegion us-east-1
        $r.Partition | Should -Be 'aws'
        $r.Endpoint | Should -Be 'https://sts.us-east-1.amazonaws.com'
        @(Get-StsRegion 'cn-*').Partition | Select-Object -Unique | Should -Be 'aws-cn'
        Get-StsRegion mars-north-1 -ErrorVariable notFound -ErrorAction SilentlyContinue
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'RegionNotFound,*'
    }
}
