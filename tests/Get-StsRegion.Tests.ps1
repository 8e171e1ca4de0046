#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-StsRegion in real pwsh against moto_server on loopback.
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

Describe 'Get-StsRegion' {
    It 'lists regions with partition and endpoint' {
        $r = Get-StsRegion us-east-1
        $r.Partition | Should -Be 'aws'
        $r.Endpoint | Should -Be 'https://sts.us-east-1.amazonaws.com'
        @(Get-StsRegion 'cn-*').Partition | Select-Object -Unique | Should -Be 'aws-cn'
        Get-StsRegion mars-north-1 -ErrorVariable notFound -ErrorAction SilentlyContinue
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'RegionNotFound,*'
    }
}
