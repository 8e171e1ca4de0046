#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Paths and file sizes: providers, relative paths, size limits.
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

Describe 'Paths and file sizes' {
    BeforeAll {
        $Sample = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAPATHSAMPLE000001'; SecretAccessKey = 'path-secret'; SessionToken = 'path-token'; Expiration = [DateTime]::UtcNow.AddHours(1) }
    }

    It 'refuses a path of another provider instead of writing a file named like it' {
        Remove-Item (Join-Path ([Environment]::CurrentDirectory) 'StsToolsExport') -ErrorAction SilentlyContinue
        $err = { $Sample | Export-StsCredential -Path Env:\StsToolsExport } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path (Join-Path ([Environment]::CurrentDirectory) 'StsToolsExport') | Should -BeFalse
        Test-Path Env:\StsToolsExport | Should -BeFalse
        { Import-StsCredential -Path Variable:\Nope } | Should -Throw -ErrorId 'NotAFileSystemPath,*'
    }

    It 'resolves relative paths against the current PowerShell location' {
        $here = Join-Path $Sandbox 'relative'
        $null = New-Item -ItemType Directory -Force -Path $here
        Push-Location $here
        try {
            $Sample | Export-StsCredential -Path ./relative.json
            (Import-StsCredential ./relative.json).AccessKeyId | Should -Be $Sample.AccessKeyId
        }
        finally { Pop-Location }
        Test-Path (Join-Path $here 'relative.json') | Should -BeTrue
    }

    It 'refuses a credential file larger than any credential file can be' {
        $big = Join-Path $Sandbox 'big.json'
        [IO.File]::WriteAllText($big, '{"AccessKeyId":"' + ('A' * (3 * 1024 * 1024)) + '"}')
        $err = { Import-StsCredential $big } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'FileTooLarge,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }
}
