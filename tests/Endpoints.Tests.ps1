#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Endpoint resolution: AWS_ENDPOINT_URL_STS, profile services sections, plain http.
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

Describe 'Endpoints' {
    It 'follows AWS_ENDPOINT_URL_STS and says so in verbose output' {
        $env:AWS_ENDPOINT_URL_STS = $Moto.Endpoint
        try {
            $records = Get-StsCallerIdentity -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey pester-secret-key-for-moto-only -Verbose 4>&1
            ($records | Where-Object { $_ -is [StsTools.Model.GetCallerIdentityResponse] }).Account | Should -Be '123456789012'
            ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -BeLike "*$($Moto.Endpoint) (from AWS_ENDPOINT_URL_STS)*"
        }
        finally { Remove-Item env:AWS_ENDPOINT_URL_STS }
    }

    It "follows the sts endpoint_url of a profile's services section" {
        # In a fresh pwsh: the AWS SDK reads the config file's location once per process.
        $config = Join-Path $Sandbox 'config-services'
        Set-Content -Path $config -Value "[profile local-emulator]`nservices = local`nregion = us-east-1`naws_access_key_id = AKIDSTSTOOLSPESTER01`naws_secret_access_key = pester-secret-key-for-moto-only`n[services local]`nsts =`n  endpoint_url = $($Moto.Endpoint)`n"
        $out = Invoke-FreshPwsh @"
`$env:AWS_CONFIG_FILE = '$config'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'
`$records = Get-StsCallerIdentity -ProfileName local-emulator -Verbose 4>&1
(`$records | Where-Object { `$_ -is [StsTools.Model.GetCallerIdentityResponse] }).Account
(`$records | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] }).Message -join ' '
"@
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out[0] | Should -Be '123456789012'
        $out[1] | Should -BeLike "*$($Moto.Endpoint) (from the sts endpoint_url of the services section 'local'*"
    }

    It 'refuses plain http to another machine before sending anything, and -AllowInsecureEndpoint warns' {
        $err = { Get-StsCallerIdentity -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -EndpointUrl http://sts.example.com } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureEndpoint,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        (Get-Command Get-StsCallerIdentity).Parameters['AllowInsecureEndpoint'].SwitchParameter | Should -BeTrue
    }
}
