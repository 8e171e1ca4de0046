using System.Collections.Generic;

namespace StsTools.Tests.Surface;

/// <summary>Which STS operation each cmdlet wraps: the request and response type defs it must mirror.</summary>
public static class CmdletCatalog
{
    /// <param name="Cmdlet">The cmdlet name.</param>
    /// <param name="RequestTypeDef">The STS request type def whose fields are parameters (null: the request has none).</param>
    /// <param name="ResponseTypeDef">The STS response type def the output type mirrors.</param>
    /// <param name="DefaultedRequiredFields">Required STS fields the cmdlet fills itself when omitted (a generated session name, the EKS environment).</param>
    /// <param name="PipelinesCredentials">Whether -Credential binds from the pipeline (false where the pipeline carries the cmdlet's own subject).</param>
    public sealed record Entry(string Cmdlet, string? RequestTypeDef, string ResponseTypeDef, IReadOnlyCollection<string> DefaultedRequiredFields, bool PipelinesCredentials = true);

    private static readonly string[] None = new string[0];

    public static readonly IReadOnlyList<Entry> All = new[]
    {
        new Entry("Use-StsRole", "AssumeRoleRequestTypeDef", "AssumeRoleResponseTypeDef", new[] { "RoleSessionName" }),
        new Entry("Get-StsSessionToken", "GetSessionTokenRequestTypeDef", "GetSessionTokenResponseTypeDef", None),
        new Entry("Get-StsCallerIdentity", null, "GetCallerIdentityResponseTypeDef", None),
        new Entry("Use-StsRoleWithSaml", "AssumeRoleWithSAMLRequestTypeDef", "AssumeRoleWithSAMLResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("Use-StsRoleWithWebIdentity", "AssumeRoleWithWebIdentityRequestTypeDef", "AssumeRoleWithWebIdentityResponseTypeDef", new[] { "RoleArn", "RoleSessionName", "WebIdentityToken" }, PipelinesCredentials: false),
        new Entry("Use-StsRoot", "AssumeRootRequestTypeDef", "AssumeRootResponseTypeDef", None),
        new Entry("Get-StsFederationToken", "GetFederationTokenRequestTypeDef", "GetFederationTokenResponseTypeDef", None),
        new Entry("Get-StsAccessKeyInfo", "GetAccessKeyInfoRequestTypeDef", "GetAccessKeyInfoResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("ConvertFrom-StsAuthorizationMessage", "DecodeAuthorizationMessageRequestTypeDef", "DecodeAuthorizationMessageResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("Get-StsDelegatedAccessToken", "GetDelegatedAccessTokenRequestTypeDef", "GetDelegatedAccessTokenResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("Get-StsWebIdentityToken", "GetWebIdentityTokenRequestTypeDef", "GetWebIdentityTokenResponseTypeDef", None),
    };

    /// <summary>The parameters every cmdlet that calls STS shares.</summary>
    public static readonly string[] CommonParameters = { "Region", "ProfileName", "Credential", "AccessKey", "SecretKey", "SessionToken", "EndpointUrl" };
}
