using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Model;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>DecodeAuthorizationMessage: the details behind an "encoded authorization failure message".</summary>
    public Task<DecodeAuthorizationMessageResponse> DecodeAuthorizationMessageAsync(string encodedMessage, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.EncodedMessage(encodedMessage);
        return CallAsync("DecodeAuthorizationMessage", "EncodedMessage", connection, log, true,
            (client, ct) => client.DecodeAuthorizationMessageAsync(new Sdk.DecodeAuthorizationMessageRequest { EncodedMessage = encodedMessage.Trim() }, ct),
            r => new DecodeAuthorizationMessageResponse { DecodedMessage = r.DecodedMessage ?? string.Empty, ResponseMetadata = ResponseMapper.Metadata(r) },
            cancellationToken);
    }
}
