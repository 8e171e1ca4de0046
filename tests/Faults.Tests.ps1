#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Faults of the endpoint: time-outs, refused connections, 5xx and throttling, malformed answers.
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

Describe 'Faults' {
    It 'times out instead of hanging when the server never answers' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()   # accepts connections into the backlog, never answers
        try {
            $params = $Conn.Clone()
            $params['EndpointUrl'] = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $err = { Get-StsCallerIdentity @params -TimeoutSeconds 1 } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
            $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err.Exception.Message | Should -BeLike '*within 1 s, in each of up to 3 attempts*-TimeoutSeconds*'
            # Each silent attempt is told as it ends, before the next one starts.
            $lines = [Collections.Generic.List[string]]::new()
            try { Get-StsCallerIdentity @params -TimeoutSeconds 1 -Verbose 4>&1 | ForEach-Object { if ($_ -is [Management.Automation.VerboseRecord]) { $lines.Add($_.Message) } } } catch { $null = $_ }
            $lines | Should -Contain 'Attempt 1 failed (no answer in time); the AWS SDK retries transient failures after a back-off (3 attempts in all unless AWS_MAX_ATTEMPTS or max_attempts says otherwise).'
        }
        finally { $listener.Stop() }
    }
}
