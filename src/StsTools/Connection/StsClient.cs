using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;

namespace StsTools.Connection;

/// <summary>The SDK's STS client with <see cref="ExchangeCaptureHandler"/> added on the outside.</summary>
internal sealed class StsClient : AmazonSecurityTokenServiceClient
{
    public StsClient(AWSCredentials credentials, AmazonSecurityTokenServiceConfig config) : base(credentials, config) { }

    public StsClient(AmazonSecurityTokenServiceConfig config) : base(new AnonymousAWSCredentials(), config) { }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandler(new ExchangeCaptureHandler());
    }
}
