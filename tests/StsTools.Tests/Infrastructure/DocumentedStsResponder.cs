using System;
using System.Collections.Generic;
using System.Security;
using System.Threading.Tasks;

namespace StsTools.Tests.Infrastructure;

/// <summary>
/// Answers the STS operations moto lacks (AssumeRoot, DecodeAuthorizationMessage,
/// GetDelegatedAccessToken, GetWebIdentityToken) with the XML shapes of the AWS STS API
/// reference, after checking the Action and its required parameters; bad input gets the
/// documented error response.
/// </summary>
internal static class DocumentedStsResponder
{
    public const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string DecodedJson = "{\"allowed\":false,\"explicitDeny\":false,\"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"AIDACKCEVSQ6C2EXAMPLE\",\"name\":\"Bob\",\"arn\":\"arn:aws:iam::123456789012:user/Bob\"},\"action\":\"ec2:StopInstances\",\"resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/i-dd01c9bd\",\"conditions\":{\"items\":[{\"key\":\"ec2:Tenancy\",\"values\":{\"items\":[{\"value\":\"default\"}]}}]}}}";
    public const string ValidEncodedMessage = "EXAMPLE-encoded-authorization-message-0123456789";
    public const string ExpiredTradeInToken = "expired-trade-in-token";
    public const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbSJ9.c2lnbmF0dXJl";

    public static LoopbackStsServer Start() => new(req => Task.FromResult(Answer(req)));

    private static CannedResponse Answer(RecordedRequest req)
    {
        var f = req.Form;
        string? Get(string k) => f.TryGetValue(k, out var v) ? v : null;
        var expiration = DateTime.UtcNow.AddMinutes(15).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        string Creds() => $"<Credentials><AccessKeyId>ASIAEXAMPLEROOT00001</AccessKeyId><SecretAccessKey>responder-secret-access-key</SecretAccessKey><SessionToken>responder-session-token</SessionToken><Expiration>{expiration}</Expiration></Credentials>";
        switch (req.Action)
        {
            case "AssumeRoot":
                if (Get("TargetPrincipal") is null || Get("TaskPolicyArn.arn") is null) return Error(400, "MissingParameter", "TargetPrincipal and TaskPolicyArn are required");
                if (!Get("TaskPolicyArn.arn")!.Contains(":policy/root-task/")) return Error(400, "ValidationError", "Not a root task policy");
                return Ok("AssumeRoot", $"<SourceIdentity>Alice</SourceIdentity>{Creds()}");
            case "DecodeAuthorizationMessage":
                if (Get("EncodedMessage") != ValidEncodedMessage) return Error(400, "InvalidAuthorizationMessageException", "The message is not a valid authorization message.");
                return Ok("DecodeAuthorizationMessage", $"<DecodedMessage>{SecurityElement.Escape(DecodedJson)}</DecodedMessage>");
            case "GetDelegatedAccessToken":
                if (Get("TradeInToken") is null) return Error(400, "MissingParameter", "TradeInToken is required");
                if (Get("TradeInToken") == ExpiredTradeInToken) return Error(400, "ExpiredTradeInTokenException", "The trade-in token has expired.");
                return Ok("GetDelegatedAccessToken", $"{Creds()}<PackedPolicySize>7</PackedPolicySize><AssumedPrincipal>arn:aws:iam::123456789012:role/Delegated</AssumedPrincipal>");
            case "GetWebIdentityToken":
                if (Get("Audience.member.1") is null || Get("SigningAlgorithm") is null) return Error(400, "MissingParameter", "Audience and SigningAlgorithm are required");
                return Ok("GetWebIdentityToken", $"<WebIdentityToken>{Jwt}</WebIdentityToken><Expiration>{expiration}</Expiration>");
            default:
                return Error(400, "InvalidAction", $"Could not find operation {req.Action} for version 2011-06-15");
        }
    }

    private static CannedResponse Ok(string action, string result) => new(200,
        $"<{action}Response xmlns=\"{Ns}\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{action}Response>");

    private static CannedResponse Error(int status, string code, string message) => new(status,
        $"<ErrorResponse xmlns=\"{Ns}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");
}
