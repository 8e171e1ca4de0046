#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Set-StsProfile in real pwsh against moto_server on loopback.
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
