#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The session cache: memory and disk, refresh window, concurrent processes.
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

Describe 'Caching' {
    BeforeAll { Clear-StsCache -Confirm:$false }

    It 'serves the same role session until -Force' {
        $a = Use-StsRole $RoleArn 'cached-1' @Conn
        $b = Use-StsRole $RoleArn 'cached-1' @Conn
        $b.Credentials.AccessKeyId | Should -Be $a.Credentials.AccessKeyId
        $c = Use-StsRole $RoleArn 'cached-1' -Force @Conn
        $c.Credentials.AccessKeyId | Should -Not -Be $a.Credentials.AccessKeyId
    }

    It 'reuses an MFA session without a new code' {
        $null = Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' -TokenCode 123456 -Force @Conn
        { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/alice' @Conn } | Should -Not -Throw
    }

    It 'shares sessions through the owner-only disk cache' {
        $dir = Join-Path $Sandbox 'disk-cache'
        $options = Set-StsCacheOption -DiskCache -Directory $dir -RefreshWindow 300 -PassThru
        try {
            $options.DiskEnabled | Should -BeTrue
            $options.RefreshWindow | Should -Be ([TimeSpan]::FromMinutes(5))
            $shown = Get-StsCacheOption
            $shown.DiskEnabled | Should -BeTrue
            $shown.Directory | Should -Be $dir
            $shown.DiskEnabled = $false   # a copy: the cache itself is not changed
            (Get-StsCacheOption).DiskEnabled | Should -BeTrue
            $null = Use-StsRole $RoleArn 'disk-1' @Conn
            $files = @(Get-ChildItem (Join-Path $dir 'sessions') -Filter *.json)
            $files.Count | Should -Be 1
            if ($OnUnix) { (Get-Item $files[0].FullName).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
            Clear-StsCache -Confirm:$false
            @(Get-ChildItem (Join-Path $dir 'sessions') -Filter *.json).Count | Should -Be 0
        }
        finally { Set-StsCacheOption -DiskCache:$false }
        (Get-StsCacheOption).DiskEnabled | Should -BeFalse
    }

    It 'lets runbook steps that turn it on in their environment share one session' {
        # Each step a new pwsh process, as in a runbook; the module warms its cache reader at import.
        $dir = Join-Path $Sandbox 'runbook-cache'
        $step = Join-Path $Sandbox 'runbook-step.ps1'
        Set-Content -Path $step -Value @'
param($Module, $Endpoint, $RoleArn)
Import-Module $Module
(Use-StsRole $RoleArn 'runbook' -EndpointUrl $Endpoint -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey pester-secret-key-for-moto-only).Credentials.AccessKeyId
'@
        $pwsh = Get-PwshPath
        $env:STSMODULE_DISK_CACHE = '1'
        $env:STSMODULE_CACHE_DIR = $dir
        try {
            $first = & $pwsh -NoProfile -NonInteractive -File $step (Join-Path $RepoRoot 'StsModule.psd1') $Moto.Endpoint $RoleArn
            $second = & $pwsh -NoProfile -NonInteractive -File $step (Join-Path $RepoRoot 'StsModule.psd1') $Moto.Endpoint $RoleArn
            $first | Should -Match '^ASIA'
            $second | Should -Be $first
            @(Get-ChildItem (Join-Path $dir 'sessions') -Filter *.json).Count | Should -Be 1
        }
        finally {
            Remove-Item 'env:STSMODULE_DISK_CACHE', 'env:STSMODULE_CACHE_DIR' -ErrorAction SilentlyContinue
        }
    }
}
