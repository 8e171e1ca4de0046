using System.Collections.Generic;
using System.Linq;
using StsTools.Model;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

/// <summary>
/// The module's request parts as the SDK's, written once for every operation (the mirror of
/// <see cref="ResponseMapper"/>): an empty list is left out of the request, as the AWS CLI does.
/// </summary>
internal static class RequestMapper
{
    public static List<Sdk.Tag>? Tags(IList<Tag> tags) =>
        tags.Count == 0 ? null : tags.Select(t => new Sdk.Tag { Key = t.Key, Value = t.Value }).ToList();

    public static List<Sdk.PolicyDescriptorType>? Policies(IList<PolicyDescriptorType> policies) =>
        policies.Count == 0 ? null : policies.Select(p => Policy(p.arn)).ToList();

    public static Sdk.PolicyDescriptorType Policy(string? arn) => new() { Arn = arn };

    public static List<Sdk.ProvidedContext>? ProvidedContexts(IList<ProvidedContext> contexts) =>
        contexts.Count == 0 ? null : contexts.Select(c => new Sdk.ProvidedContext { ProviderArn = c.ProviderArn, ContextAssertion = c.ContextAssertion }).ToList();

    public static List<string>? Strings(IList<string> values) => values.Count == 0 ? null : values.ToList();
}
