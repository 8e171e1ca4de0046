#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-StsCallerIdentity in real pwsh against moto_server on loopback.
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

Describe 'Get-StsCallerIdentity' {
    It 'reports the account of the given keys' {
        $id = Get-StsCallerIdentity @Conn
        $id.Account | Should -Be '123456789012'
        $id.Arn | Should -Match '^arn:aws:'
    }

    It 'answers in a host whose pipeline thread has a SynchronizationContext nobody pumps (as a GUI host may), posting nothing to it' {
        # The call starts on the pipeline thread (no thread switch before the request goes out);
        # anything posted to a GUI host's context would wait for a thread that is waiting for it.
        if (-not ('StsToolsTests.NeverPumpedContext' -as [type])) {
            Add-Type -TypeDefinition @'
namespace StsToolsTests
{
    public sealed class NeverPumpedContext : System.Threading.SynchronizationContext
    {
        public int Posts;
        public override void Post(System.Threading.SendOrPostCallback d, object state) { System.Threading.Interlocked.Increment(ref Posts); }
        public override void Send(System.Threading.SendOrPostCallback d, object state) { System.Threading.Interlocked.Increment(ref Posts); }
    }
}
'@
        }
        $context = [StsToolsTests.NeverPumpedContext]::new()
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Context, $Conn)
                    Import-Module $Manifest
                    [Threading.SynchronizationContext]::SetSynchronizationContext($Context)
                    Get-StsCallerIdentity @Conn
                    [object]::ReferenceEquals([Threading.SynchronizationContext]::Current, $Context)
                }).AddArgument((Join-Path $RepoRoot 'StsModule.psd1')).AddArgument($context).AddArgument($Conn)
            $async = $ps.BeginInvoke()
            $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'the call must not wait for the context'
            $out = $ps.EndInvoke($async)
            $ps.Streams.Error | Should -BeNullOrEmpty
            $out[0].Account | Should -Be '123456789012'
            $out[1] | Should -BeTrue -Because 'the host''s context is left as it was'
            $context.Posts | Should -Be 0
        }
        finally { $ps.Dispose() }
    }

    It 'writes its verbose and debug text when the preference variables of the caller ask for it, not only with -Verbose' {
        # Without -Verbose/-Debug and with silent preferences the text is dropped before it is
        # queued; a script or function that sets the preferences must still get all of it.
        function Get-IdentityVerbosely { $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; Get-StsCallerIdentity @Conn }
        $records = Get-IdentityVerbosely 4>&1 5>&1
        $verbose = @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $debug = @($records | Where-Object { $_ -is [Management.Automation.DebugRecord] })
        ($verbose.Message -join "`n") | Should -BeLike '*GetCallerIdentity: calling*'
        ($debug.Message -join "`n") | Should -BeLike '*GetCallerIdentity succeeded*'
        @($records | Where-Object { $_ -is [StsTools.Model.GetCallerIdentityResponse] }).Count | Should -Be 1
        @(Get-StsCallerIdentity @Conn 4>&1 5>&1 | Where-Object { $_ -is [Management.Automation.InformationalRecord] }).Count | Should -Be 0
    }

    It 'says which profile is missing' {
        $err = { Get-StsCallerIdentity -ProfileName 'no-such-profile' -EndpointUrl $Moto.Endpoint } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
