using StsTools.Connection;
using StsTools.Env;
using StsTools.Model;
using StsTools.Service;

namespace StsTools.Tests.Infrastructure;

internal static class Connections
{
    /// <summary>Explicit test keys against the given endpoint: no chain, no metadata, no real AWS.</summary>
    public static ConnectionOptions To(string endpoint, string region = "us-east-1") => new()
    {
        EndpointUrl = endpoint,
        Region = region,
        AccessKey = MotoServer.AccessKey,
        SecretKey = MotoServer.SecretKey,
    };

    public static ConnectionOptions With(string endpoint, Credentials credentials) => new()
    {
        EndpointUrl = endpoint,
        Region = "us-east-1",
        Credential = credentials,
    };

    /// <summary>A service whose environment is an empty dictionary, isolated from the process.</summary>
    public static StsService IsolatedService() => new(new DictionaryEnvironmentVariables());
}
