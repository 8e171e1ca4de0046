using System;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Internal;
using StsTools.PowerShell.Transformation;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Runs a script block with credentials in the AWS_* environment variables (then puts every variable back), or a program with them in its own environment.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "StsCommand", DefaultParameterSetName = ScriptBlockSet)]
[OutputType(typeof(object))]
public sealed class InvokeStsCommandCommand : LocalCmdletBase
{
    /// <summary>The set of -ScriptBlock: the credentials in this process's environment while it runs.</summary>
    public const string ScriptBlockSet = "ScriptBlock";
    /// <summary>The set of -FilePath: a child process with the credentials in its own environment.</summary>
    public const string FilePathSet = "FilePath";

    /// <summary>What to run: PowerShell commands, scripts, native programs (aws, terraform, ...).</summary>
    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 0)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>A program to start as a child process with the credentials in its environment only (a name on PATH or a path).</summary>
    [Parameter(ParameterSetName = FilePathSet, Mandatory = true)]
    public string FilePath { get; set; } = null!;

    /// <summary>The program's arguments, each passed as one argument (no shell, no quoting needed).</summary>
    [Parameter(ParameterSetName = FilePathSet)]
    [Alias("Args")]
    public string[]? ArgumentList { get; set; }

    /// <summary>The credentials: a result of any cmdlet that returns them, or a credentials object (binds from the pipeline; $_ in the block).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Credential", "Credentials")]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>AWS_REGION and AWS_DEFAULT_REGION for the block or program; default the region of the call that produced the credentials.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var credentials = CredentialsTransformationAttribute.ToCredentials(InputObject);
        if (credentials is null || string.IsNullOrEmpty(credentials.AccessKeyId))
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException("The input carries no credentials: pipe a result of Use-StsRole, Get-StsSessionToken and the like, or a credentials object."),
                ErrorIds.IncompleteCredential, ErrorCategory.InvalidArgument, null));
            return;
        }
        WarnIfExpired(credentials, $"of {credentials.AccessKeyId}");
        var region = Region ?? Service.RegionOf(PSObjects.Unwrap(InputObject));
        if (ParameterSetName == FilePathSet)
        {
            RunProgram(credentials, region);
            return;
        }
        // Held until the block ends: other runspaces' Invoke-StsCommand and environment writes
        // wait, and their calls read the variables as they were before (EnvironmentGate).
        var owner = RunspaceOwner.Current;
        var scope = Run((log, ct) => Service.EnterCredentialScopeAsync(credentials, region, owner, log, ct));
        if (scope is null) return; // Ctrl+C while waiting
        using (scope)
        using (RunspaceOwner.EnterBlock(owner))
        {
            RunBlock();
        }
    }

    // The block runs as a steppable pipeline sharing this command's runtime (as a proxy function's
    // does): its output goes down our pipeline as it is written (a long `aws s3 sync` shows its
    // lines as they come), its other streams are ours, so they reach Start-Transcript and the
    // caller's redirections; a downstream `Select-Object -First` stops it the way it stops any
    // command; $LASTEXITCODE is the block's; Ctrl+C stops it with the pipeline.
    private void RunBlock()
    {
        // The block and the item reach the wrapper as variables of the caller's scope, which it
        // binds in Begin; they are gone before the block runs, so it never sees them.
        var variables = SessionState.PSVariable;
        variables.Set(BlockVariable, ScriptBlock);
        variables.Set(ItemVariable, InputObject);
        // A pipeline that expects input runs its first command's process block only for input
        // handed to Process; one that does not runs it once by itself.
        var expectsInput = MyInvocation.ExpectingInput;
        SteppablePipeline steppable;
        try
        {
            steppable = ScriptBlock.Create(expectsInput ? Wrapper : Wrapper + " -InputObject $" + ItemVariable).GetSteppablePipeline(CommandOrigin.Internal);
            steppable.Begin(this);
        }
        finally
        {
            variables.Remove(BlockVariable);
            variables.Remove(ItemVariable);
        }
        using (steppable)
        {
            if (expectsInput) steppable.Process(InputObject); else steppable.Process();
            steppable.End();
        }
    }

    private const string BlockVariable = "__StsToolsInvokeBlock";
    private const string ItemVariable = "__StsToolsInvokeItem";
    private const string Wrapper = "ForEach-Object -Process $" + BlockVariable;

    private ChildProgram? _program;

    private void RunProgram(Credentials credentials, string? region)
    {
        var path = ChildProgram.Resolve(this, FilePath);
        var environment = Run(log => Service.ChildEnvironment(System.Environment.GetEnvironmentVariables(), credentials, region, RunspaceOwner.Current, log));
        if (environment is null) return;
        using var program = new ChildProgram(path, ArgumentList ?? new string[0], environment, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        _program = program;
        try
        {
            var exitCode = program.Run(this);
            SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
            // As PowerShell 7.3+ does for a native command it runs itself: under this preference a
            // non-zero exit is an error that -ErrorAction and $ErrorActionPreference act on.
            if (exitCode != 0 && LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("PSNativeCommandUseErrorActionPreference")))
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"Program \"{System.IO.Path.GetFileName(path)}\" ended with non-zero exit code: {exitCode}."),
                    ErrorIds.ProgramExitCode, ErrorCategory.NotSpecified, FilePath));
        }
        finally
        {
            _program = null;
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing()
    {
        _program?.Stop();
        base.StopProcessing();
    }
}
