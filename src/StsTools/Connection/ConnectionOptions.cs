using Amazon.Runtime;
using StsTools.Model;

namespace StsTools.Connection;

/// <summary>
/// Where to call STS and as whom: the common parameters of every cmdlet. Everything left null
/// is found the way the AWS CLI finds it (see <see cref="SourceCredentialResolver"/>).
/// </summary>
public sealed class ConnectionOptions
{
    /// <summary>The region, for example <c>eu-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>A profile in the shared config/credentials files.</summary>
    public string? ProfileName { get; set; }

    /// <summary>Credentials returned by an earlier call (any of the module's credentials objects).</summary>
    public Credentials? Credential { get; set; }

    /// <summary>An explicit access key id.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret key that goes with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The session token that goes with temporary <see cref="AccessKey"/>s.</summary>
    public string? SessionToken { get; set; }

    /// <summary>A custom STS endpoint (a VPC endpoint, a FIPS endpoint, a local emulator).</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// How long one HTTP attempt may take before it is abandoned (the SDK then retries, at most
    /// twice). Default: STSMODULE_TIMEOUT_SECONDS, else 30 seconds.
    /// </summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>Accept a plain-http endpoint on a host other than this machine (with a warning).</summary>
    public bool AllowInsecureEndpoint { get; set; }

    /// <summary>
    /// The MFA code for the <c>mfa_serial</c> of the role profile <see cref="ProfileName"/> names (the
    /// cmdlets ask for it at the prompt when a call needs one).
    /// </summary>
    public string? ProfileTokenCode { get; set; }

    /// <summary>Source credentials the engine already resolved (a role profile's source), with a secret-free description.</summary>
    /// <summary>
    /// The runspace the call is made for: while another runspace holds the environment's gate
    /// (an Invoke-StsCommand block), the call reads the AWS variables as they were before it.
    /// </summary>
    public System.Guid EnvironmentOwner { get; set; }

    internal (AWSCredentials Credentials, string Description)? ResolvedSource { get; set; }

    /// <summary>
    /// When set, a cache miss fetches with the source this returns (a role profile's MFA session)
    /// rather than <see cref="ResolvedSource"/>, which still keys the cache.
    /// </summary>
    internal System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<(AWSCredentials Credentials, string Description)>>? FetchSource { get; set; }

    internal ConnectionOptions Clone() => (ConnectionOptions)MemberwiseClone();
}
