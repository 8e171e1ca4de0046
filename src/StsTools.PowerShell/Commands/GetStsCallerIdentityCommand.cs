using System.Management.Automation;
using StsTools.Model;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Returns the account, ARN and user id of the credentials in use (STS GetCallerIdentity).
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsCallerIdentity", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(GetCallerIdentityResponse))]
public sealed class GetStsCallerIdentityCommand : CredentialPipelineCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var response = Call((service, connection, log, ct) => service.GetCallerIdentityAsync(connection, log, ct));
        if (response is not null) WriteObject(response);
    }
}
