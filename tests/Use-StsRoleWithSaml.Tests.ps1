#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Use-StsRoleWithSaml in real pwsh against moto_server on loopback.
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
