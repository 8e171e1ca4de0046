using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;

namespace StsTools.Connection;

/// <summary>The SDK's STS client with <see cref="ExchangeCaptureHandler"/> added on the outside and <see cref="AttemptReporter"/> inside the retries.</summary>
internal sealed class StsClient : AmazonSecurityTokenServiceClient
{
    public StsClient(AWSCredentials credentials, AmazonSecurityTokenServiceConfig config) : base(credentials, config) { }

    public StsClient(AmazonSecurityTokenServiceConfig config) : base(new AnonymousAWSCredentials(), config) { }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandler(new ExchangeCaptureHandler());
        // Inside the retry handler: it sees each attempt, and reports a failed one at once.
        pipeline.AddHandlerAfter<RetryHandler>(new AttemptReporter());
    }
}
