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
    /// <summary>AssumeRoot: a short privileged root session in a member account, for one root task.</summary>
    public Task<AssumeRootResponse> AssumeRootAsync(AssumeRootRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new System.ArgumentNullException(nameof(request));
        var taskPolicy = RootTaskPolicies.Expand(request.TaskPolicyArn?.arn ?? string.Empty, connection?.Region);
        var expanded = new AssumeRootRequest { TargetPrincipal = request.TargetPrincipal, TaskPolicyArn = new PolicyDescriptorType(taskPolicy), DurationSeconds = request.DurationSeconds };
        StsInputValidator.ValidateAssumeRoot(expanded);
        var sdkRequest = new Sdk.AssumeRootRequest
        {
            TargetPrincipal = expanded.TargetPrincipal,
            TaskPolicyArn = RequestMapper.Policy(taskPolicy),
            DurationSeconds = expanded.DurationSeconds,
        };
        log?.Verbose($"Assuming root in {expanded.TargetPrincipal} for task policy {taskPolicy}.");
        return CallAsync("AssumeRoot", expanded.TargetPrincipal, connection!, log, true,
            (client, ct) => client.AssumeRootAsync(sdkRequest, ct),
            r => new AssumeRootResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                SourceIdentity = r.SourceIdentity,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
    }
}
