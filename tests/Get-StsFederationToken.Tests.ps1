#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-StsFederationToken in real pwsh against moto_server on loopback.
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
