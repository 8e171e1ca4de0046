#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What AWS.Tools users expect: Expiration arithmetic, -DurationInSeconds, exported JSON.
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

Describe 'For AWS.Tools users' {
    It 'gives an Expiration that Get-Date arithmetic gets right in another time zone' {
        # In a fresh pwsh: .NET reads the local time zone once per process.
        $saved = $env:TZ
        $env:TZ = 'America/New_York'
        try {
            $out = Invoke-FreshPwsh @"
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
`$r = Use-StsRole '$RoleArn' 'time-zone' -DurationSeconds 3600 -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x
[int](`$r.Credentials.Expiration - (Get-Date)).TotalMinutes
[int](New-TimeSpan -End `$r.Credentials.Expiration).TotalMinutes
`$r.Credentials.Expiration -gt (Get-Date).AddMinutes(50)
(Get-Date).ToString('zzz')
`$r.Credentials | Set-StsEnvironment
`$env:AWS_CREDENTIAL_EXPIRATION -eq `$r.Credentials.Expiration.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
(`$r.Credentials | Export-StsCredential | ConvertFrom-Json).Expiration.ToUniversalTime() -eq `$r.Credentials.Expiration.ToUniversalTime().AddTicks(-(`$r.Credentials.Expiration.Ticks % 10000000))
"@
        }
        finally { Restore-EnvironmentVariable TZ $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[3] | Should -Match '^-0[45]:00$' -Because 'the child ran in New York time'
        [int]$out[0] | Should -BeIn 59, 60
        [int]$out[1] | Should -BeIn 59, 60
        $out[2] | Should -Be 'True' -Because 'Expiration -gt (Get-Date) compares instants'
        $out[4] | Should -Be 'True' -Because 'AWS_CREDENTIAL_EXPIRATION is ISO 8601 UTC'
        $out[5] | Should -Be 'True' -Because 'the exported file holds the same instant'
    }

    It 'takes -DurationInSeconds, and a cached session serves only a request it lasts long enough for' {
        $short = Use-StsRole $RoleArn 'nightly-duration' -DurationSeconds 900 @Conn
        $long = Use-StsRole $RoleArn 'nightly-duration' -DurationInSeconds 43200 @Conn
        $long.Credentials.AccessKeyId | Should -Not -Be $short.Credentials.AccessKeyId
        $long.Credentials.Expiration | Should -BeGreaterThan ((Get-Date).AddHours(11.9))
        (Use-StsRole $RoleArn 'nightly-duration' -DurationSeconds 3600 @Conn).Credentials.AccessKeyId | Should -Be $long.Credentials.AccessKeyId
    }

    It 'writes + and / of secrets as they are in exported JSON' {
        $path = Join-Path $Sandbox 'plus.json'
        [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAPLUSSLASH0000001'; SecretAccessKey = 'a+b/c=d'; SessionToken = 'FwoG+/x=='; Expiration = [DateTime]::UtcNow.AddHours(1) } |
            Export-StsCredential -Path $path
        $text = Get-Content $path -Raw
        $text | Should -BeLike '*"a+b/c=d"*'
        $text | Should -BeLike '*"FwoG+/x=="*'
        (Import-StsCredential $path).SecretAccessKey | Should -Be 'a+b/c=d'
    }
}
