#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 tests of the real cmdlets against a real moto_server on loopback.
# Run with: pwsh ./build.ps1 -Task Test   (builds first, bootstraps a pinned Pester 5)

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
    $Conn = @{
        EndpointUrl = $Moto.Endpoint
        Region      = 'us-east-1'
        AccessKey   = 'AKIDSTSTOOLSPESTER01'
        SecretKey   = 'pester-secret-key-for-moto-only'
    }
    $RoleArn = 'arn:aws:iam::123456789012:role/PesterRole'
}

AfterAll {
    Stop-MotoServer $Moto
    Remove-Module StsModule -ErrorAction SilentlyContinue
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The module' {
    It 'exports exactly the cmdlets of the manifest' {
        $names = (Get-Command -Module StsModule).Name | Sort-Object
        $names | Should -Be @('Get-StsCallerIdentity', 'Get-StsSessionToken', 'Use-StsRole')
    }

    It 'declares the output type of <Name>' -ForEach @(
        @{ Name = 'Use-StsRole'; Type = 'StsTools.Model.AssumeRoleResponse' }
        @{ Name = 'Get-StsSessionToken'; Type = 'StsTools.Model.GetSessionTokenResponse' }
        @{ Name = 'Get-StsCallerIdentity'; Type = 'StsTools.Model.GetCallerIdentityResponse' }
    ) {
        (Get-Command $Name).OutputType.Name | Should -Be $Type
    }

    It 'gives <_> the common connection parameters' -ForEach @('Use-StsRole', 'Get-StsSessionToken', 'Get-StsCallerIdentity') {
        (Get-Command $_).Parameters.Keys | Should -Contain 'EndpointUrl'
    }
}

Describe 'Use-StsRole' {
    It 'assumes a role and returns the STS response shape' {
        $r = Use-StsRole -RoleArn $RoleArn -RoleSessionName 'pester-1' -DurationSeconds 1800 @Conn
        $r | Should -BeOfType 'StsTools.Model.AssumeRoleResponse'
        $r.AssumedRoleUser.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/PesterRole/pester-1'
        $r.Credentials.AccessKeyId | Should -Match '^ASIA'
        $r.Credentials.Expiration.Kind | Should -Be 'Utc'
        $r.Credentials.Expiration | Should -BeGreaterThan ([DateTime]::UtcNow.AddMinutes(25))
        $r.ResponseMetadata.HTTPStatusCode | Should -Be 200
        $r.ResponseMetadata.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'names the session StsModule-<user> when no name is given' {
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
        @{ Case = 'a malformed ARN'; Splat = @{ RoleArn = 'not-an-arn' }; ErrorId = 'InvalidRoleArn' }
        @{ Case = 'a short session name'; Splat = @{ RoleSessionName = 'x' }; ErrorId = 'InvalidRoleSessionName' }
        @{ Case = 'a too long duration'; Splat = @{ DurationSeconds = 50000 }; ErrorId = 'DurationOutOfRange' }
        @{ Case = 'a five-digit MFA code'; Splat = @{ SerialNumber = 'arn:aws:iam::123456789012:mfa/bob'; TokenCode = '12345' }; ErrorId = 'InvalidTokenCode' }
        @{ Case = 'a bad external id'; Splat = @{ ExternalId = 'has space' }; ErrorId = 'InvalidExternalId' }
        @{ Case = '51 tags'; Splat = @{ Tags = (1..51 | ForEach-Object { "k$_=v" }) }; ErrorId = 'TooManyTags' }
    ) {
        $params = @{ RoleArn = $RoleArn; RoleSessionName = 'ok-name' } + $Conn
        foreach ($k in $Splat.Keys) { $params[$k] = $Splat[$k] }
        $params['EndpointUrl'] = 'http://127.0.0.1:9'   # nothing listens there: a network call would fail differently
        $err = { Use-StsRole @params } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
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
}

Describe '-SetEnvironment' {
    BeforeEach {
        $script:Saved = @{}
        foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE') {
            $script:Saved[$n] = [Environment]::GetEnvironmentVariable($n)
        }
    }
    AfterEach {
        foreach ($n in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($n, $script:Saved[$n]) }
    }

    It 'makes the session, boto3 and the next cmdlet act as the role' {
        $env:AWS_PROFILE = 'profile-that-is-gone'
        $r = Use-StsRole $RoleArn 'env-set' -SetEnvironment @Conn -Region eu-west-1
        $env:AWS_ACCESS_KEY_ID | Should -Be $r.Credentials.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY | Should -Be $r.Credentials.SecretAccessKey
        $env:AWS_SESSION_TOKEN | Should -Be $r.Credentials.SessionToken
        $env:AWS_REGION | Should -Be 'eu-west-1'
        $env:AWS_DEFAULT_REGION | Should -Be 'eu-west-1'
        $env:AWS_CREDENTIAL_EXPIRATION | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
        $env:AWS_PROFILE | Should -BeNullOrEmpty

        (Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn | Should -Be $r.AssumedRoleUser.Arn
        if (Get-Command python3 -ErrorAction SilentlyContinue) {
            $arn = python3 -c "import sys, boto3; print(boto3.client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])" $Moto.Endpoint
            $arn | Should -Be $r.AssumedRoleUser.Arn
        }
    }

    It 'changes nothing under -WhatIf' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAUNCHANGED'
        $null = Use-StsRole $RoleArn 'whatif' -SetEnvironment -WhatIf @Conn
        $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIAUNCHANGED'
    }

    It 'works for Get-StsSessionToken too' {
        $s = Get-StsSessionToken -DurationSeconds 900 -SetEnvironment @Conn
        $env:AWS_ACCESS_KEY_ID | Should -Be $s.Credentials.AccessKeyId
    }
}

Describe 'Get-StsSessionToken' {
    It 'returns credentials for the requested duration' {
        $s = Get-StsSessionToken 7200 @Conn
        $s | Should -BeOfType 'StsTools.Model.GetSessionTokenResponse'
        $s.Credentials.Expiration | Should -BeGreaterThan ([DateTime]::UtcNow.AddMinutes(110))
    }

    It 'rejects <Seconds> seconds' -ForEach @(@{ Seconds = 899 }, @{ Seconds = 129601 }) {
        $err = { Get-StsSessionToken -DurationSeconds $Seconds @Conn } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
    }

    It 'requires the MFA code with the serial number' {
        $err = { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/bob' @Conn } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SerialNumberWithoutTokenCode,*'
    }
}

Describe 'Get-StsCallerIdentity' {
    It 'reports the account of the given keys' {
        $id = Get-StsCallerIdentity @Conn
        $id.Account | Should -Be '123456789012'
        $id.Arn | Should -Match '^arn:aws:'
    }

    It 'says which profile is missing' {
        $err = { Get-StsCallerIdentity -ProfileName 'no-such-profile' -EndpointUrl $Moto.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
