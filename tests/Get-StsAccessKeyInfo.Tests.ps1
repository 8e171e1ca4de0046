#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-StsAccessKeyInfo in real pwsh against moto_server on loopback.
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
