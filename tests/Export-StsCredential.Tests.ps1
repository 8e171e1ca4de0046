#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Export-StsCredential in real pwsh against moto_server on loopback.
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

Describe 'Export-StsCredential and Import-StsCredential' {
    It 'round-trips through an owner-only file' {
        $role = Use-StsRole $RoleArn 'export-1' @Conn
        $path = Join-Path $Sandbox 'export-1.json'
        $role | Export-StsCredential -Path $path
        if ($OnUnix) { (Get-Item $path).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        if ($IsWindows) {
            # Owner-only: inheritance cut, one rule, for the current user (the Windows workflow runs this).
            $role | Export-StsCredential -Path $path   # a second time: ReplaceFile keeps the old DACL, the module sets its own again
            $acl = Get-Acl $path
            $acl.AreAccessRulesProtected | Should -BeTrue
            @($acl.Access | ForEach-Object { $_.IdentityReference.Value }) | Should -Be @([Security.Principal.WindowsIdentity]::GetCurrent().Name)
        }
        $back = Import-StsCredential $path
        $back.AccessKeyId | Should -Be $role.Credentials.AccessKeyId
        $back.SecretAccessKey | Should -Be $role.Credentials.SecretAccessKey
        $back.Expiration | Should -Be $role.Credentials.Expiration.AddTicks(-($role.Credentials.Expiration.Ticks % [TimeSpan]::TicksPerSecond))
        ($back | Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint -Region us-east-1).Arn | Should -Match 'assumed-role/PesterRole/export-1$'
    }

    It 'prints the credential_process document' {
        $json = Use-StsRole $RoleArn 'export-2' @Conn | Export-StsCredential -Format CredentialProcess | ConvertFrom-Json
        $json.Version | Should -Be 1
        $json.AccessKeyId | Should -Match '^ASIA'
    }

    It 'says which file is truncated' {
        $path = Join-Path $Sandbox 'truncated.json'
        Set-Content -Path $path -Value '{"AccessKeyId":"A","SecretAcc'
        $err = { Import-StsCredential $path } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCredentialFile,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }
}
