#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Invoke-StsCommand in real pwsh against moto_server on loopback.
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

Describe 'Invoke-StsCommand' {
    BeforeAll {
        $Inner = Use-StsRole $RoleArn 'invoke' -Region eu-north-1 -EndpointUrl $Moto.Endpoint -AccessKey $Conn.AccessKey -SecretKey $Conn.SecretKey
        $Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE'
        function Get-AwsVariable { $h = [ordered]@{}; foreach ($n in $Names) { $h[$n] = [Environment]::GetEnvironmentVariable($n) }; [pscustomobject]$h | ConvertTo-Json -Compress }
    }
    BeforeEach {
        $script:SavedInvoke = @{}; foreach ($n in $Names) { $script:SavedInvoke[$n] = [Environment]::GetEnvironmentVariable($n) }
        $env:AWS_PROFILE = 'my-own'; $env:AWS_ACCESS_KEY_ID = 'AKIAMYOWNKEY00000001'; $env:AWS_REGION = 'us-west-2'
        Remove-Item -Path 'env:AWS_SESSION_TOKEN', 'env:AWS_CREDENTIAL_EXPIRATION' -ErrorAction Ignore
        $script:Before = Get-AwsVariable
    }
    AfterEach { foreach ($n in $script:SavedInvoke.Keys) { Restore-EnvironmentVariable $n $script:SavedInvoke[$n] } }

    It 'runs the block as the piped credentials in their region, streams its output, and restores every variable' {
        $out = $Inner | Invoke-StsCommand {
            "key=$env:AWS_ACCESS_KEY_ID region=$env:AWS_REGION profile=[$env:AWS_PROFILE] expires=$([bool]$env:AWS_CREDENTIAL_EXPIRATION) piped=$($_.AssumedRoleUser.Arn)"
            (Get-StsCallerIdentity -EndpointUrl $Moto.Endpoint).Arn
        }
        $out[0] | Should -Be "key=$($Inner.Credentials.AccessKeyId) region=eu-north-1 profile=[] expires=True piped=$($Inner.AssumedRoleUser.Arn)"
        $out[1] | Should -Be $Inner.AssumedRoleUser.Arn
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'gives boto3 (a native program) the credentials and keeps its exit code' {
        if (-not $Python) { Set-ItResult -Skipped -Because 'no Python here' }
        $out = Invoke-StsCommand -Credential $Inner.Credentials -Region ap-south-1 {
            & $Python -c "import os, sys; print(os.environ['AWS_ACCESS_KEY_ID'], os.environ['AWS_DEFAULT_REGION']); sys.exit(3)"
        }
        $LASTEXITCODE | Should -Be 3
        $out | Should -Be "$($Inner.Credentials.AccessKeyId) ap-south-1"
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'restores when the block throws, and in order when calls nest' {
        { $Inner | Invoke-StsCommand { throw 'deploy failed' } } | Should -Throw 'deploy failed'
        Get-AwsVariable | Should -Be $script:Before
        $other = [StsTools.Model.Credentials]@{ AccessKeyId = 'ASIAOUTER00000000001'; SecretAccessKey = 'outer-secret'; SessionToken = 'outer-token'; Expiration = (Get-Date).AddHours(1) }
        $seen = $other | Invoke-StsCommand {
            $env:AWS_ACCESS_KEY_ID
            $Inner | Invoke-StsCommand { $env:AWS_ACCESS_KEY_ID }
            $env:AWS_ACCESS_KEY_ID
        }
        $seen | Should -Be 'ASIAOUTER00000000001', $Inner.Credentials.AccessKeyId, 'ASIAOUTER00000000001'
        Get-AwsVariable | Should -Be $script:Before
    }

    It 'restores when Ctrl+C stops the block' {
        $ps = [powershell]::Create()   # its own runspace; the environment is the process's
        $null = $ps.AddScript("param(`$c) Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'; `$c | Invoke-StsCommand { Start-Sleep -Seconds 30 }").AddArgument($Inner)
        $async = $ps.BeginInvoke()
        $deadline = (Get-Date).AddSeconds(10)
        while ($env:AWS_ACCESS_KEY_ID -ne $Inner.Credentials.AccessKeyId -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $env:AWS_ACCESS_KEY_ID | Should -Be $Inner.Credentials.AccessKeyId -Because 'the block is running'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.Dispose()
        Get-AwsVariable | Should -Be $script:Before
    }
}
