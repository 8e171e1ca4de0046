#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Test-StsCredential in real pwsh against moto_server on loopback.
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
