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
    /// <param name="CallsSts">Whether the cmdlet calls STS and so carries the connection parameters.</param>
    /// <param name="WritesOutput">Whether the cmdlet writes objects (and so declares [OutputType]).</param>
    /// <param name="Signed">Whether the STS call is signed, so the cmdlet takes a credential source (AssumeRoleWithSAML and AssumeRoleWithWebIdentity are not).</param>
    public sealed record Entry(string Cmdlet, string? RequestTypeDef, string? ResponseTypeDef, IReadOnlyCollection<string> DefaultedRequiredFields,
        bool PipelinesCredentials = true, bool CallsSts = true, bool WritesOutput = true, bool Signed = true);

    private static readonly string[] None = new string[0];

    public static readonly IReadOnlyList<Entry> All = new[]
    {
        new Entry("Use-StsRole", "AssumeRoleRequestTypeDef", "AssumeRoleResponseTypeDef", new[] { "RoleArn", "RoleSessionName" }),
        new Entry("Get-StsSessionToken", "GetSessionTokenRequestTypeDef", "GetSessionTokenResponseTypeDef", None),
        new Entry("Get-StsCallerIdentity", null, "GetCallerIdentityResponseTypeDef", None),
        new Entry("Use-StsRoleWithSaml", "AssumeRoleWithSAMLRequestTypeDef", "AssumeRoleWithSAMLResponseTypeDef", None, PipelinesCredentials: false, Signed: false),
        new Entry("Use-StsRoleWithWebIdentity", "AssumeRoleWithWebIdentityRequestTypeDef", "AssumeRoleWithWebIdentityResponseTypeDef", new[] { "RoleArn", "RoleSessionName", "WebIdentityToken" }, PipelinesCredentials: false, Signed: false),
        new Entry("Use-StsRoot", "AssumeRootRequestTypeDef", "AssumeRootResponseTypeDef", None),
        new Entry("Get-StsFederationToken", "GetFederationTokenRequestTypeDef", "GetFederationTokenResponseTypeDef", None),
        new Entry("Get-StsAccessKeyInfo", "GetAccessKeyInfoRequestTypeDef", "GetAccessKeyInfoResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("ConvertFrom-StsAuthorizationMessage", "DecodeAuthorizationMessageRequestTypeDef", "DecodeAuthorizationMessageResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("Get-StsDelegatedAccessToken", "GetDelegatedAccessTokenRequestTypeDef", "GetDelegatedAccessTokenResponseTypeDef", None, PipelinesCredentials: false),
        new Entry("Get-StsWebIdentityToken", "GetWebIdentityTokenRequestTypeDef", "GetWebIdentityTokenResponseTypeDef", None),
        new Entry("Test-StsCredential", null, null, None),
        new Entry("Clear-StsCache", null, null, None, CallsSts: false, WritesOutput: false),
        new Entry("Get-StsCacheOption", null, null, None, CallsSts: false),
        new Entry("Invoke-StsCommand", null, null, None, CallsSts: false),
        new Entry("Get-StsConsoleUrl", null, null, None, PipelinesCredentials: false),
        new Entry("Set-StsCacheOption", null, null, None, CallsSts: false),
        new Entry("Export-StsCredential", null, null, None, CallsSts: false),
        new Entry("Import-StsCredential", null, null, None, CallsSts: false),
        new Entry("Set-StsEnvironment", null, null, None, CallsSts: false, WritesOutput: false),
        new Entry("Clear-StsEnvironment", null, null, None, CallsSts: false, WritesOutput: false),
        new Entry("Set-StsProfile", null, null, None, CallsSts: false, WritesOutput: false),
        new Entry("Get-StsRegion", null, null, None, CallsSts: false),
        new Entry("Connect-StsSso", null, null, None, CallsSts: false),
        new Entry("Disconnect-StsSso", null, null, None, CallsSts: false, WritesOutput: false),
        new Entry("Get-StsSsoAccount", null, null, None, CallsSts: false),
        new Entry("Get-StsSsoRole", null, null, None, CallsSts: false),
        new Entry("Get-StsSsoRoleCredential", null, null, None, CallsSts: false),
    };

    /// <summary>The parameters every cmdlet that calls STS shares.</summary>
    public static readonly string[] CommonParameters = { "Region", "ProfileName", "EndpointUrl", "TimeoutSeconds" };

    /// <summary>The credential-source parameters of the signed operations (with -ProfileName), each source a parameter set.</summary>
    public static readonly string[] SourceParameters = { "Credential", "AccessKey", "SecretKey", "SessionToken" };

    /// <summary>The credential-source parameter sets: the default (-ProfileName or nothing), -AccessKey and -Credential.</summary>
    public static readonly string[] SourceSets = { "Profile", "AccessKey", "Credential" };
}
