using System.Management.Automation;
using StsTools.Model;

namespace StsTools.PowerShell.Commands;

/// <summary>Lists the roles (permission sets) the IAM Identity Center sign-in can use in an account, or in every account.</summary>
[Cmdlet(VerbsCommon.Get, "StsSsoRole")]
[OutputType(typeof(SsoRole))]
public sealed class GetStsSsoRoleCommand : SsoCmdletBase
{
    /// <summary>The account (12 digits); binds from piped accounts. Without it, the roles of every account.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string? AccountId { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = Settings();
        var connection = SsoConnection;
        if (string.IsNullOrEmpty(AccountId))
        {
            var accounts = Run((log, ct) => Service.ListSsoAccountsAsync(settings, connection, log, ct));
            foreach (var account in accounts ?? new SsoAccount[0]) List(settings, connection, account.AccountId);
            return;
        }
        List(settings, connection, AccountId!.Trim());
    }

    private void List(Sso.SsoSettings settings, Connection.ConnectionOptions connection, string accountId)
    {
        // One account's failure (no access, a malformed id) is that item's error; the next goes on.
        var roles = Run((log, ct) => Service.ListSsoRolesAsync(settings, accountId, connection, log, ct), OnFailure.ItemsOwn);
        if (roles is not null) WriteObject(roles, enumerateCollection: true);
    }
}
