#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Use-StsRoleWithWebIdentity in real pwsh against moto_server on loopback.
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
