using System;
using System.Management.Automation;
using StsTools.Errors;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Internal;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Runs a script block with credentials in the AWS_* environment variables, then puts every variable back as it was.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "StsCommand")]
[OutputType(typeof(object))]
public sealed class InvokeStsCommandCommand : LocalCmdletBase
{
    /// <summary>What to run: PowerShell commands, scripts, native programs (aws, terraform, ...).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    /// <summary>The credentials: a result of any cmdlet that returns them, or a credentials object (binds from the pipeline; $_ in the block).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Credential", "Credentials")]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>AWS_REGION and AWS_DEFAULT_REGION inside the block; default the region of the call that produced the credentials.</summary>
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
                "IncompleteCredential", ErrorCategory.InvalidArgument, null));
            return;
        }
        WarnIfExpired(credentials, $"of {credentials.AccessKeyId}");
        var region = Region ?? Service.RegionOf(PSObjects.Unwrap(InputObject));
        var scope = Run(log => Service.EnterCredentialScope(credentials, region, log));
        if (scope is null) return;
        using (scope)
        {
            RunBlock();
        }
    }

    // A nested pipeline in this runspace, so the block's output streams down our pipeline as it
    // comes (a long `aws s3 sync` shows its lines as they are written), its other streams reach
    // ours, $LASTEXITCODE is the block's, and Ctrl+C stops it (StopProcessing below).
    private System.Management.Automation.PowerShell? _running;

    private void RunBlock()
    {
        using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand("ForEach-Object").AddParameter("Process", ScriptBlock).AddParameter("InputObject", InputObject);
        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) => WriteObject(output[e.Index]);
        ps.Streams.Error.DataAdded += (_, e) => WriteError(ps.Streams.Error[e.Index]);
        ps.Streams.Warning.DataAdded += (_, e) => WriteWarning(ps.Streams.Warning[e.Index].Message);
        ps.Streams.Verbose.DataAdded += (_, e) => WriteVerbose(ps.Streams.Verbose[e.Index].Message);
        ps.Streams.Debug.DataAdded += (_, e) => WriteDebug(ps.Streams.Debug[e.Index].Message);
        ps.Streams.Information.DataAdded += (_, e) => WriteInformation(ps.Streams.Information[e.Index]);
        _running = ps;
        try
        {
            ps.Invoke(null, output);
        }
        catch (RuntimeException ex) when (ex is not PipelineStoppedException)
        {
            // The block's own terminating error, as it was: the caller's try/catch sees it unchanged.
            ThrowTerminatingError(ex.ErrorRecord);
        }
        finally
        {
            _running = null;
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _running?.Stop();
}
