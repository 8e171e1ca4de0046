#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The operations moto lacks (Use-StsRoot, ConvertFrom-StsAuthorizationMessage, Get-StsDelegatedAccessToken, Get-StsWebIdentityToken), against the loopback responder of documented answers.
# Shared setup (sandbox, module, moto, the documented-answers responder): Initialize-StsTestSession in TestHelpers.psm1.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester: BeforeAll sets the variables the It blocks use, which the rule does not follow.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Initialize-StsTestSession -Documented
}

AfterAll {
    Complete-StsTestSession
}

Describe 'The operations moto lacks' {
    BeforeAll {
        $Doc = @{ EndpointUrl = $Documented.Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDSTSTOOLSPESTER01'; SecretKey = 'pester-secret-key-for-moto-only' }
    }

    It 'Use-StsRoot expands a short task policy name' {
        $r = Use-StsRoot 111122223333 IAMAuditRootUserCredentials -DurationSeconds 900 @Doc
        $r | Should -BeOfType 'StsTools.Model.AssumeRootResponse'
        $r.Credentials.AccessKeyId | Should -Be 'ASIAEXAMPLEROOT00001'
        $r.SourceIdentity | Should -Be 'Alice'
    }

    It 'Use-StsRoot rejects a policy that is not a root task policy' {
        $err = { Use-StsRoot 111122223333 ReadOnlyAccess @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidTaskPolicyArn,*'
    }

    It 'ConvertFrom-StsAuthorizationMessage decodes, also from a pasted error text, and -AsObject drills in' {
        $r = ConvertFrom-StsAuthorizationMessage 'EXAMPLE-encoded-authorization-message-0123456789' @Doc
        $r.DecodedMessage | Should -Match '"action":"ec2:StopInstances"'
        $o = 'You are not authorized. Encoded authorization failure message: EXAMPLE-encoded-authorization-message-0123456789' | ConvertFrom-StsAuthorizationMessage -AsObject @Doc
        $o.context.action | Should -Be 'ec2:StopInstances'
        $o.allowed | Should -BeFalse
    }

    It 'ConvertFrom-StsAuthorizationMessage reports the documented error' {
        $err = { ConvertFrom-StsAuthorizationMessage 'not-a-message' @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidAuthorizationMessageException,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'Get-StsDelegatedAccessToken returns credentials and the assumed principal' {
        $r = 'good-trade-in-token' | Get-StsDelegatedAccessToken @Doc
        $r.AssumedPrincipal | Should -Be 'arn:aws:iam::123456789012:role/Delegated'
        $err = { Get-StsDelegatedAccessToken 'expired-trade-in-token' @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ExpiredTradeInTokenException,*'
        $err.Exception.Message | Should -Not -BeLike '*expired-trade-in-token*'
    }

    It 'Get-StsWebIdentityToken returns the JWT and does not show it by default' {
        $r = Get-StsWebIdentityToken -Audience https://api.example.com -SigningAlgorithm RS256 -DurationSeconds 120 @Doc
        $r.WebIdentityToken | Should -Match '^eyJ'
        ($r | Out-String) | Should -Not -BeLike "*$($r.WebIdentityToken)*"
        $err = { Get-StsWebIdentityToken -Audience x -SigningAlgorithm HS256 @Doc } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}
