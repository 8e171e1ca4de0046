using System.Management.Automation;
using StsTools.Model;

namespace StsTools.PowerShell.Commands;

/// <summary>Lists the AWS accounts the IAM Identity Center sign-in can reach (every page of ListAccounts).</summary>
[Cmdlet(VerbsCommon.Get, "StsSsoAccount")]
[OutputType(typeof(SsoAccount))]
public sealed class GetStsSsoAccountCommand : SsoCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = Settings();
        var connection = SsoConnection;
        var accounts = Run((log, ct) => Service.ListSsoAccountsAsync(settings, connection, log, ct));
        if (accounts is not null) WriteObject(accounts, enumerateCollection: true);
    }
}
