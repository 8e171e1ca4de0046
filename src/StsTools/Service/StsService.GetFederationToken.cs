using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>GetFederationToken: credentials for a federated user of the calling IAM user.</summary>
    public Task<GetFederationTokenResponse> GetFederationTokenAsync(GetFederationTokenRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.ValidateGetFederationToken(request);
        var sdkRequest = new Sdk.GetFederationTokenRequest
        {
            Name = request.Name,
            Policy = request.Policy,
            DurationSeconds = request.DurationSeconds,
            PolicyArns = RequestMapper.Policies(request.PolicyArns),
            Tags = RequestMapper.Tags(request.Tags),
        };
        log?.Verbose($"Getting a federation token for '{request.Name}'.");
#pragma warning disable CS0618 // PackedPolicySize is deprecated in the SDK, yet part of the STS response shape we mirror
        return CallAsync("GetFederationToken", request.Name, connection, log, true,
            (client, ct) => client.GetFederationTokenAsync(sdkRequest, ct),
            r => new GetFederationTokenResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                FederatedUser = new FederatedUser { FederatedUserId = r.FederatedUser?.FederatedUserId ?? string.Empty, Arn = r.FederatedUser?.Arn ?? string.Empty },
                PackedPolicySize = r.PackedPolicySize ?? 0,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
#pragma warning restore CS0618
    }
}
