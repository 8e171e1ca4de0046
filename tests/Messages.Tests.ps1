#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Messages a first-time user meets, in the pinned pwsh against moto: expired credentials, region
# typos from every source, a profile that holds no credentials, a session ARN given as a role
# ARN, and what "no credentials" says it looked at.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    $RepoRoot = Split-Path -Parent $PSScriptRoot
    $Sandbox = Join-Path ([IO.Path]::GetTempPath()) ("ststools-messages-" + [Guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Sandbox
    $Names = 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION'
    $Saved = @{}; foreach ($n in $Names) { $Saved[$n] = [Environment]::GetEnvironmentVariable($n); Remove-Item "env:$n" -ErrorAction Ignore }
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $env:AWS_CONFIG_FILE = Join-Path $Sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Sandbox 'credentials'
    Set-Content -Path $env:AWS_CONFIG_FILE -Value "[profile region-only]`nregion = eu-west-1`n`n[profile typo-region]`nregion = eu-wset-1`n"
    Set-Content -Path $env:AWS_SHARED_CREDENTIALS_FILE -Value "[typo-region]`naws_access_key_id = AKIDMESSAGES00000001`naws_secret_access_key = s`n"
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $RepoRoot 'StsModule.psd1') -Force
    $Moto = Start-MotoServer
    $Keys = @{ AccessKey = 'AKIDMESSAGES00000002'; SecretKey = 's' }
    function Get-TestCredential { [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAPROFILE000000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) } }
}

AfterAll {
    Stop-MotoServer $Moto
    foreach ($n in $Saved.Keys) { Restore-EnvironmentVariable $n $Saved[$n] }
    Remove-Module StsModule -ErrorAction SilentlyContinue
    Remove-Item $Sandbox -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'What a first-time user is told' {
    AfterEach { foreach ($n in 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION') { Remove-Item "env:$n" -ErrorAction Ignore } }

    It 'warns before signing with credentials that have expired, from -Credential or the environment' {
        $old = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAEXPIRED000000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(-2) }
        $null = Get-StsCallerIdentity -Credential $old -EndpointUrl $Moto.Endpoint -Region us-east-1 -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike '*credentials of ASIAEXPIRED000000001 (-Credential) expired at * ago: AWS will reject them*'
        $env:AWS_ACCESS_KEY_ID = 'ASIAEXPIRED000000002'; $env:AWS_SECRET_ACCESS_KEY = 's'; $env:AWS_SESSION_TOKEN = 't'
        $env:AWS_CREDENTIAL_EXPIRATION = [DateTime]::UtcNow.AddMinutes(-30).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $null = Use-StsRole arn:aws:iam::123456789012:role/Late -EndpointUrl $Moto.Endpoint -Region us-east-1 -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike '*credentials of ASIAEXPIRED000000002 in AWS_ACCESS_KEY_ID (AWS_CREDENTIAL_EXPIRATION) expired at *'
        $fresh = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAFRESH00000000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) }
        $null = Get-StsCallerIdentity -Credential $fresh -EndpointUrl $Moto.Endpoint -Region us-east-1 -WarningVariable quiet
        $quiet | Should -BeNullOrEmpty
    }

    It 'catches a region typo from <Source> as from -Region, naming where it came from' -ForEach @(
        @{ Source = 'AWS_REGION'; Setup = { $env:AWS_REGION = 'eu-wset-1' }; Call = { Get-StsCallerIdentity @Keys -EndpointUrl $Moto.Endpoint }; Named = 'the AWS_REGION/AWS_DEFAULT_REGION environment variables' }
        @{ Source = 'AWS_DEFAULT_REGION'; Setup = { $env:AWS_DEFAULT_REGION = 'eu-wset-1' }; Call = { Get-StsCallerIdentity @Keys -EndpointUrl $Moto.Endpoint }; Named = 'the AWS_REGION/AWS_DEFAULT_REGION environment variables' }
        @{ Source = 'a profile'; Setup = { }; Call = { Get-StsCallerIdentity -ProfileName typo-region -EndpointUrl $Moto.Endpoint }; Named = "profile 'typo-region'" }
    ) {
        & $Setup
        $err = { & $Call } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRegion,*'
        $err.Exception.Message | Should -BeLike "*'eu-wset-1' (from $Named)*Did you mean 'eu-west-1'?*"
    }

    It 'says that a profile holding only a region has no credentials, and what it holds' {
        $err = { Get-StsCallerIdentity -ProfileName region-only -EndpointUrl $Moto.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ProfileHasNoCredentials,*'
        $err.Exception.Message | Should -BeLike "*Profile 'region-only' exists but holds no credentials (it has: region = eu-west-1)*"
    }

    It 'suggests the role ARN for a session ARN or a user ARN given as -RoleArn' {
        $err = { Use-StsRole -RoleArn arn:aws:sts::123456789012:assumed-role/Deploy/nightly @Keys -EndpointUrl $Moto.Endpoint -Region us-east-1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRoleArn,*'
        $err.Exception.Message | Should -BeLike "*Did you mean 'arn:aws:iam::123456789012:role/Deploy'?*role session*"
        $err = { Use-StsRole -RoleArn arn:aws:iam::123456789012:user/alice @Keys -EndpointUrl $Moto.Endpoint -Region us-east-1 } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*Did you mean 'arn:aws:iam::123456789012:role/alice'?*user's ARN*"
    }

    It 'never follows a redirect from an endpoint to another host' {
        $silent = Start-SilentListener
        $redirector = Start-StsProxy -Upstream $Moto.Endpoint -Redirect "$($silent.Endpoint)/"
        try {
            $err = { Use-StsRoleWithWebIdentity -RoleArn arn:aws:iam::123456789012:role/Web -RoleSessionName web -WebIdentityToken 'header.payload.signature' -EndpointUrl $redirector.Endpoint -Region us-east-1 -TimeoutSeconds 5 } | Should -Throw -PassThru
            $err.Exception.Message | Should -Not -BeLike '*header.payload.signature*'
            Start-Sleep -Milliseconds 300
            Get-PendingConnectionCount $silent | Should -Be 0 -Because 'the token must not be sent where the redirect points'
        }
        finally {
            Stop-MotoServer $redirector
            $silent.Listener.Stop()
        }
    }

    It 'says the local clock is off, and by how much, when STS answers that the signature expired' {
        $skewed = Start-StsProxy -Upstream $Moto.Endpoint -ClockOffsetMinutes 40
        try {
            $err = { Get-StsCallerIdentity @Keys -EndpointUrl $skewed.Endpoint -Region us-east-1 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'SignatureDoesNotMatch,*'
            $err.Exception.Message | Should -Match "This machine's clock is about 40 minutes behind AWS's"
        }
        finally { Stop-MotoServer $skewed }
    }

    It 'writes the region the credentials came with into the profile, so boto3 can use it at once' {
        $role = Use-StsRole arn:aws:iam::123456789012:role/WithRegion @Keys -EndpointUrl $Moto.Endpoint -Region ap-southeast-2
        $role | Set-StsProfile with-region
        $role.Credentials | Set-StsProfile creds-only-region
        Get-TestCredential | Set-StsProfile explicit-region -Region eu-north-1
        $config = Get-Content $env:AWS_CONFIG_FILE -Raw
        $config | Should -Match '\[profile with-region\]\s+region = ap-southeast-2'
        $config | Should -Match '\[profile creds-only-region\]\s+region = ap-southeast-2'
        $config | Should -Match '\[profile explicit-region\]\s+region = eu-north-1'
        $config | Should -Match '\[profile region-only\]\s+region = eu-west-1' -Because 'every other line stays'
        $region = & (Get-Python) -c "import boto3; print(boto3.Session(profile_name='with-region').region_name)"
        $region | Should -Be 'ap-southeast-2'
    }

    It 'warns when Import-StsCredential reads a file others could have written' {
        if (-not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'Unix modes and owners' }
        $file = Join-Path $Sandbox 'shared.json'
        Get-TestCredential | Export-StsCredential -Path $file
        $null = Import-StsCredential $file -WarningVariable quiet
        $quiet | Should -BeNullOrEmpty
        chmod 666 $file
        $null = Import-StsCredential $file -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike '*could have been written by someone else: other users can write it*'
        chmod 600 $file
        if ((id -u) -eq '0') {
            chown nobody $file
            $null = Import-StsCredential $file -WarningVariable warned -WarningAction SilentlyContinue
            "$warned" | Should -BeLike '*another user (uid *) owns it*'
        }
    }

    It 'names under -WhatIf what each command would really do, with the real session names and targets' {
        Add-Content -Path $env:AWS_CONFIG_FILE -Value "`n[profile deploy-role]`nrole_arn = arn:aws:iam::123456789012:role/Deploy`nsource_profile = typo-region`nrole_session_name = nightly`n"
        $manifest = Join-Path $RepoRoot 'StsModule.psd1'
        $user = [Environment]::UserName
        $lines = Invoke-FreshPwsh @"
Import-Module '$manifest'
`$c = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAWHATIFCRED000001'; SecretAccessKey = 's'; SessionToken = 't'; Expiration = (Get-Date).AddHours(1) }
Use-StsRole arn:aws:iam::123456789012:role/Admin -AccessKey AKIDWHATIF0000000001 -SecretKey s -WhatIf
Use-StsRole -ProfileName deploy-role -WhatIf
Get-StsSessionToken -ProfileName typo-region -SetEnvironment -WhatIf
Use-StsRoleWithWebIdentity -RoleArn arn:aws:iam::123456789012:role/Web -WebIdentityToken a.b.c -WhatIf
Use-StsRoot -TargetPrincipal 123456789012 -TaskPolicyArn S3UnlockBucketPolicy -Credential `$c -WhatIf
Get-StsFederationToken -Name bob -Credential `$c -WhatIf
`$c | Set-StsEnvironment -WhatIf
Clear-StsEnvironment -WhatIf
`$c | Set-StsProfile whatif-profile -WhatIf
`$c | Export-StsCredential -Path ./whatif.json -WhatIf
Clear-StsCache -WhatIf
Connect-StsSso -StartUrl https://corp.awsapps.com/start -SsoRegion us-east-1 -WhatIf
Disconnect-StsSso -StartUrl https://corp.awsapps.com/start -SsoRegion us-east-1 -WhatIf
"@
        $whatIf = @($lines | Where-Object { $_ -like 'What if:*' })
        $whatIf.Count | Should -Be 13 -Because ($lines -join "`n")
        $whatIf | ForEach-Object { $_ | Should -Not -Match '<user>|<[a-z]+>' }
        $whatIf[0] | Should -BeLike "*AssumeRole as session 'StsModule-$user' with the credentials of access key AKID...0001*on target*arn:aws:iam::123456789012:role/Admin*"
        $whatIf[1] | Should -BeLike "*AssumeRole as session 'nightly' with the credentials of profile 'typo-region'*arn:aws:iam::123456789012:role/Deploy (profile 'deploy-role')*"
        $whatIf[2] | Should -BeLike "*GetSessionToken, then set this session's AWS_* environment variables*the credentials of profile 'typo-region'*"
        $whatIf[3] | Should -BeLike "*AssumeRoleWithWebIdentity as session 'StsModule-$user'*arn:aws:iam::123456789012:role/Web*"
        $whatIf[4] | Should -BeLike '*AssumeRoot for task policy*S3UnlockBucketPolicy*123456789012*'
        $whatIf[5] | Should -BeLike "*GetFederationToken*federated user 'bob'*"
        $whatIf[6] | Should -BeLike '*Set the credentials ASIAWHATIFCRED000001*AWS_* environment variables*'
        $whatIf[7] | Should -BeLike '*Remove the credentials*AWS_* environment variables*'
        $whatIf[8] | Should -BeLike '*Write profile `[whatif-profile`]*ASIAWHATIFCRED000001*'
        $whatIf[9] | Should -BeLike '*Write the credentials of ASIAWHATIFCRED000001*whatif.json*'
        $whatIf[10] | Should -BeLike '*Clear cached*'
        $whatIf[11] | Should -BeLike '*Sign in to IAM Identity Center*https://corp.awsapps.com/start*'
        $whatIf[12] | Should -BeLike '*Sign out of IAM Identity Center*https://corp.awsapps.com/start*'
    }

    It 'keeps the role and session of an assumed role, and the key id of a sign-in, within <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $roles = 'Deploy/nightly-build-0001', 'Deploy/nightly-build-0002' | ForEach-Object {
            [StsTools.Model.AssumeRoleResponse]@{
                AssumedRoleUser = [StsTools.Model.AssumedRoleUser]@{ Arn = "arn:aws:sts::123456789012:assumed-role/$_"; AssumedRoleId = 'AROAEXAMPLE:x' }
                Credentials     = Get-TestCredential
            }
        }
        $table = ($roles | Format-Table | Out-String -Width $Width) -split "`n" | Where-Object { $_.Trim() }
        $table[0] | Should -Match '^AccessKeyId\s+Expiration\s+AssumedRole'
        ($table | Where-Object { $_ -like '*Deploy/nightly-build-0001*' }) | Should -Not -BeNullOrEmpty
        ($table | Where-Object { $_ -like '*Deploy/nightly-build-0002*' }) | Should -Not -BeNullOrEmpty
        $table | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $signIn = [StsTools.Model.ConsoleSignIn]@{ Destination = 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=very-long-dashboard-name-for-production'; AccessKeyId = 'ASIASIGNINKEY0000001'; ValidUntil = (Get-Date).AddMinutes(15) }
        $lines = ($signIn | Format-Table | Out-String -Width $Width) -split "`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^AccessKeyId\s+ValidUntil\s+Destination'
        $lines[2] | Should -BeLike 'ASIASIGNINKEY0000001 *'
    }

    It 'shows every default view whole within <Width> columns, each expiry in one labelled form' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        # A realistic, long sample of every type that has a view; a view of a type missing here fails.
        $expires = [datetime]::new(2026, 12, 5, 10, 9, 45, [DateTimeKind]::Utc)
        $iso = '2026-12-05T10:09:45Z'
        $credentials = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAVIEWSAMPLE000001'; SecretAccessKey = 'view-secret'; SessionToken = 'view-token'; Expiration = $expires }
        $meta = [StsTools.Model.ResponseMetadata]@{ RequestId = 'c6104cbe-af31-11e0-8154-cbc7ccf896c7'; HTTPStatusCode = 200; RetryAttempts = 1 }
        $user = [StsTools.Model.AssumedRoleUser]@{ Arn = 'arn:aws:sts::123456789012:assumed-role/OrganizationAccountAccessRole/nightly-build-0001'; AssumedRoleId = 'AROA3XFRBF535PLBIFPI4:nightly-build-0001' }
        $samples = @{
            'StsTools.Model.Credentials'                        = $credentials
            'StsTools.Model.AssumeRoleResponse'                 = [StsTools.Model.AssumeRoleResponse]@{ Credentials = $credentials; AssumedRoleUser = $user; ResponseMetadata = $meta }
            'StsTools.Model.GetSessionTokenResponse'            = [StsTools.Model.GetSessionTokenResponse]@{ Credentials = $credentials; ResponseMetadata = $meta }
            'StsTools.Model.GetCallerIdentityResponse'          = [StsTools.Model.GetCallerIdentityResponse]@{ UserId = 'AROA3XFRBF535PLBIFPI4:nightly-build-0001'; Account = '123456789012'; Arn = $user.Arn; ResponseMetadata = $meta }
            'StsTools.Model.ResponseMetadata'                   = $meta
            'StsTools.Model.AssumeRoleWithSAMLResponse'         = [StsTools.Model.AssumeRoleWithSAMLResponse]@{ Credentials = $credentials; AssumedRoleUser = $user; Subject = 'alice@example.com'; Issuer = 'https://idp.example.com/saml'; ResponseMetadata = $meta }
            'StsTools.Model.AssumeRoleWithWebIdentityResponse'  = [StsTools.Model.AssumeRoleWithWebIdentityResponse]@{ Credentials = $credentials; AssumedRoleUser = $user; SubjectFromWebIdentityToken = 'system:serviceaccount:prod:deployer'; Provider = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'; ResponseMetadata = $meta }
            'StsTools.Model.AssumeRootResponse'                 = [StsTools.Model.AssumeRootResponse]@{ Credentials = $credentials; SourceIdentity = 'admin-alice'; ResponseMetadata = $meta }
            'StsTools.Model.GetFederationTokenResponse'         = [StsTools.Model.GetFederationTokenResponse]@{ Credentials = $credentials; FederatedUser = [StsTools.Model.FederatedUser]@{ Arn = 'arn:aws:sts::123456789012:federated-user/release-manager-0001'; FederatedUserId = '123456789012:release-manager-0001' }; ResponseMetadata = $meta }
            'StsTools.Model.GetDelegatedAccessTokenResponse'    = [StsTools.Model.GetDelegatedAccessTokenResponse]@{ Credentials = $credentials; AssumedPrincipal = 'arn:aws:iam::123456789012:role/DelegatedAccessForPartnerTools'; ResponseMetadata = $meta }
            'StsTools.Model.GetWebIdentityTokenResponse'        = [StsTools.Model.GetWebIdentityTokenResponse]@{ WebIdentityToken = 'eyJ' + ('a' * 800); Expiration = $expires; ResponseMetadata = $meta }
            'StsTools.Model.ConsoleSignIn'                      = [StsTools.Model.ConsoleSignIn]@{ Url = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=secret'; Destination = 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1'; AccessKeyId = 'ASIAVIEWSAMPLE000001'; ValidUntil = $expires; SessionExpiration = $expires }
            'StsTools.Model.GetAccessKeyInfoResponse'           = [StsTools.Model.GetAccessKeyInfoResponse]@{ Account = '123456789012'; ResponseMetadata = $meta } | Add-Member -NotePropertyName AccessKeyId -NotePropertyValue 'AKIAVIEWSAMPLE000001' -PassThru
            'StsTools.Model.DecodeAuthorizationMessageResponse' = [StsTools.Model.DecodeAuthorizationMessageResponse]@{ DecodedMessage = '{"allowed":false,"explicitDeny":false}'; ResponseMetadata = $meta }
            'StsTools.Input.StsRegionInfo'                      = Get-StsRegion ap-southeast-2
            'StsTools.Model.SsoSignIn'                          = [StsTools.Model.SsoSignIn]@{ SsoSession = 'corp-production'; StartUrl = 'https://d-1234567890.awsapps.com/start'; SsoRegion = 'eu-west-1'; ExpiresAt = $expires; CanRefresh = $true; TokenFile = '/home/alice/.aws/sso/cache/0123456789abcdef0123456789abcdef01234567.json' }
            'StsTools.Model.SsoAccount'                         = [StsTools.Model.SsoAccount]@{ AccountId = '123456789012'; AccountName = 'production-workloads-eu'; EmailAddress = 'aws-production-workloads-eu@example.com' }
            'StsTools.Model.SsoRole'                            = [StsTools.Model.SsoRole]@{ AccountId = '123456789012'; RoleName = 'AWSAdministratorAccess' }
            'StsTools.Model.SsoRoleCredentials'                 = [StsTools.Model.SsoRoleCredentials]@{ AccountId = '123456789012'; RoleName = 'AWSAdministratorAccess'; Credentials = $credentials }
        }
        $views = Get-FormatData -TypeName 'StsTools.*' -PowerShellVersion $PSVersionTable.PSVersion | ForEach-Object { foreach ($v in $_.FormatViewDefinition) { [pscustomobject]@{ Type = $_.TypeNames[0]; View = $v } } }
        @($views).Count | Should -BeGreaterOrEqual 20
        foreach ($entry in $views) {
            $sample = $samples[$entry.Type]
            $sample | Should -Not -BeNullOrEmpty -Because "every view needs a sample; none for $($entry.Type)"
            $control = $entry.View.Control
            $because = "view $($entry.View.Name) ($($control.GetType().Name)) at $Width columns"
            if ($control -is [System.Management.Automation.TableControl]) {
                $lines = ($sample | Format-Table -View $entry.View.Name | Out-String -Width $Width) -split "`n" | Where-Object { $_.Trim() }
                $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width -Because $because }
                # Every header whole, on one line (the next line is the dashes); every fixed-width
                # column's value whole, and at 120 columns every value.
                $lines[1] | Should -Match '^[- ]+$' -Because "$because, headers on one line"
                $columns = $control.Rows[0].Columns
                for ($i = 0; $i -lt $control.Headers.Count; $i++) {
                    $label = $control.Headers[$i].Label
                    if (-not $label) { $label = $columns[$i].DisplayEntry.Value }
                    $lines[0] | Should -BeLike "*$label*" -Because $because
                    $display = $columns[$i].DisplayEntry
                    $value = if ($display.ValueType -eq 'ScriptBlock') { "$(& ([scriptblock]::Create('param($_) ' + $display.Value)) $sample)" } else { "$($sample.($display.Value))" }
                    if ($control.Headers[$i].Width -gt 0 -or $Width -ge 120) {
                        $lines[-1] | Should -BeLike "*$([WildcardPattern]::Escape($value.Trim()))*" -Because "$because, column $label"
                    }
                    if ($label -in 'Expiration', 'ValidUntil', 'ExpiresAt') { $value | Should -Be $iso -Because $because }
                }
            }
            else {
                $text = $sample | Format-List -View $entry.View.Name | Out-String -Width $Width
                ($text -split "`n") | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width -Because $because }
                foreach ($label in 'Expiration', 'ValidUntil', 'SessionExpiration') {
                    if ($text -match "(?m)^$label\s*:\s*(\S+)") { $Matches[1] | Should -Be $iso -Because "$because, $label" }
                }
            }
        }
        # The sign-in's portal whole even at 80 columns (the start URL's host).
        ($samples['StsTools.Model.SsoSignIn'] | Out-String -Width $Width) | Should -BeLike '*d-1234567890.awsapps.com*'
        # Outside the views, the same form: the ...Utc properties CSV and JSON carry, and the text of credentials.
        ($credentials | ConvertTo-Csv | ConvertFrom-Csv).ExpirationUtc | Should -Be $iso
        $samples['StsTools.Model.ConsoleSignIn'].ValidUntilUtc | Should -Be $iso
        $samples['StsTools.Model.SsoSignIn'].ExpiresAtUtc | Should -Be $iso
        $samples['StsTools.Model.GetWebIdentityTokenResponse'].ExpirationUtc | Should -Be $iso
        "$credentials" | Should -BeLike "*$iso*"
        ($credentials | Out-String) + ($credentials | Format-List | Out-String) | Should -Not -BeLike '*view-secret*'
    }

    It 'says what it looked at when there are no credentials, in its own words' {
        $err = { Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CredentialsNotFound,*'
        $err.Exception.Message | Should -BeLike '*Looked at: the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables (not set); the default profile (no credentials in *); EC2 instance metadata (off: AWS_EC2_METADATA_DISABLED=true)*'
        $err.Exception.Message | Should -Not -BeLike '*webIdentityTokenFile*'
        $env:AWS_PROFILE = 'region-only'
        $err = { Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1 } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*profile 'region-only' of AWS_PROFILE (it holds no credentials)*"
    }
}

Describe 'Messages a user can act on' {
    BeforeAll {
        $Conn = @{ EndpointUrl = $Moto.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'pester-secret-key-for-moto-only' }
    }

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
