using System.Collections.Generic;

namespace StsTools.Tests.Surface;

/// <summary>Which STS operation each cmdlet wraps: the request and response type defs it must mirror.</summary>
public static class CmdletCatalog
{
    public sealed record Entry(string Cmdlet, string? RequestTypeDef, string ResponseTypeDef, IReadOnlyCollection<string> DefaultedRequiredFields);

    public static readonly IReadOnlyList<Entry> All = new[]
    {
        new Entry("Use-StsRole", "AssumeRoleRequestTypeDef", "AssumeRoleResponseTypeDef", new[] { "RoleSessionName" }),
        new Entry("Get-StsSessionToken", "GetSessionTokenRequestTypeDef", "GetSessionTokenResponseTypeDef", new string[0]),
        new Entry("Get-StsCallerIdentity", null, "GetCallerIdentityResponseTypeDef", new string[0]),
    };

    /// <summary>The parameters every cmdlet that calls STS shares.</summary>
    public static readonly string[] CommonParameters = { "Region", "ProfileName", "Credential", "AccessKey", "SecretKey", "SessionToken", "EndpointUrl" };
}
