#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Use-StsRole in real pwsh against moto_server on loopback.
# Shared setup (sandbox, module, moto): Initialize-StsTestSession in TestHelpers.psm1.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession
}

AfterAll {
    Complete-StsTestSession
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
