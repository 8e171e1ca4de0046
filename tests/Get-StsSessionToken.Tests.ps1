#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-StsSessionToken in real pwsh against moto_server on loopback.
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

Describe 'Get-StsSessionToken' {
    It 'returns credentials for the requested duration' {
        $s = Get-StsSessionToken 7200 -Force @Conn
        $s | Should -BeOfType 'StsTools.Model.GetSessionTokenResponse'
        $s.Credentials.Expiration | Should -BeGreaterThan ((Get-Date).AddMinutes(110))
    }

    It 'rejects <Seconds> seconds at binding, showing the range' -ForEach @(@{ Seconds = 899 }, @{ Seconds = 129601 }) {
        $err = { Get-StsSessionToken -DurationSeconds $Seconds @Conn } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $err.Exception.Message | Should -Match '\b(900|129600)\b'
    }

    It 'keeps the engine''s DurationOutOfRange for a duration_seconds that comes from a role profile' {
        $config = Join-Path $Sandbox 'config-duration'
        Set-Content -Path $config -Value "[profile long]`nrole_arn = $RoleArn`nsource_profile = long`nduration_seconds = 99999`naws_access_key_id = AKIDSTSTOOLSPESTER01`naws_secret_access_key = x`n"
        $out = Invoke-FreshPwsh "`$env:AWS_CONFIG_FILE = '$config'; `$env:AWS_EC2_METADATA_DISABLED = 'true'; Import-Module '$(Join-Path $RepoRoot 'StsModule.psd1')'; try { Use-StsRole -ProfileName long -EndpointUrl 'http://127.0.0.1:9' } catch { `$_.FullyQualifiedErrorId }"
        $out | Should -BeLike 'DurationOutOfRange,*'
    }

    It 'names list parameters in the singular, with the STS field names as aliases' {
        foreach ($pair in @(@('Use-StsRole', 'Tag', 'Tags'), @('Use-StsRole', 'PolicyArn', 'PolicyArns'), @('Use-StsRole', 'TransitiveTagKey', 'TransitiveTagKeys'),
                @('Use-StsRole', 'ProvidedContext', 'ProvidedContexts'), @('Get-StsFederationToken', 'Tag', 'Tags'), @('Use-StsRoleWithSaml', 'PolicyArn', 'PolicyArns'))) {
            (Get-Command $pair[0]).Parameters[$pair[1]].Aliases | Should -Contain $pair[2]
        }
        (Use-StsRole $RoleArn 'singular-names' -Tag @{ Team = 'a' } -PolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess' @Conn).AssumedRoleUser.Arn | Should -BeLike '*/singular-names'
        $set = (Get-Command Get-StsWebIdentityToken).Parameters['SigningAlgorithm'].Attributes | Where-Object { $_ -is [ValidateSet] }
        $set.ValidValues | Should -Be 'RS256', 'ES384'
        $line = 'Get-StsWebIdentityToken -SigningAlgorithm '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object | Should -Be 'ES384', 'RS256'
    }

    It 'requires the MFA code with the serial number when it cannot prompt' {
        # Interactive sessions are asked for the code; a -NonInteractive one must get the error.
        $manifest = Join-Path $RepoRoot 'StsModule.psd1'
        $command = "Import-Module '$manifest'; try { Get-StsSessionToken -SerialNumber 'arn:aws:iam::123456789012:mfa/bob' -EndpointUrl '$($Moto.Endpoint)' -Region us-east-1 -AccessKey AKIDSTSTOOLSPESTER01 -SecretKey x -Force } catch { `$_.FullyQualifiedErrorId }"
        $output = Invoke-FreshPwsh $command
        ($output -join "`n") | Should -BeLike '*SerialNumberWithoutTokenCode,*'
    }
}
