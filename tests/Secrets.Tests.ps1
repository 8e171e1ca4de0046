#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Secrets: credential values that could inject lines, and secrets kept off the command line.
# Shared setup (sandbox, module, moto): Initialize-StsTestSession in TestHelpers.psm1.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingConvertToSecureStringWithPlainText', '', Justification = 'Throw-away secrets of the local moto server, made SecureStrings to test that -SecretKey takes one.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession
}

AfterAll {
    Complete-StsTestSession
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
        # A credentials file as a user has it: every writer must leave it exactly so.
        Set-Content -Path $env:AWS_SHARED_CREDENTIALS_FILE -Value "[base]`naws_access_key_id = AKIDPESTERBASE000001`naws_secret_access_key = base-secret`n"
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
