using System;
using System.Threading.Tasks;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Storage;

// Modes (see the tests that start them):
//   assume ENDPOINT CACHE-DIR ROLE-ARN      AssumeRole through the disk cache; prints the access key id
//   write-file PATH TAG                     rewrites PATH with credential JSON forever (to be killed)
//   set-profile CREDENTIALS-FILE NAME N     writes profile NAME into the credentials file N times
//   calls ENDPOINT CONFIG-DIR               GetCallerIdentity with explicit keys, a profile and env keys
//   default-chain ENDPOINT                  GetCallerIdentity with no credentials at all (the SDK chain probes)
//   defaults-mode ENDPOINT                  GetCallerIdentity under this process's real environment
//                                           (AWS_DEFAULTS_MODE, AWS_CONFIG_FILE), then the raw SDK's
//                                           own client under it; prints "engine ..." and "raw ..."
return args.Length == 0 ? Usage() : args[0] switch
{
    "assume" when args.Length == 4 => await Assume(args[1], args[2], args[3]),
    "write-file" when args.Length == 3 => WriteForever(args[1], args[2]),
    "set-profile" when args.Length == 4 => await SetProfile(args[1], args[2], int.Parse(args[3])),
    "calls" when args.Length == 3 => await Calls(args[1], args[2]),
    "default-chain" when args.Length == 2 => await DefaultChain(args[1]),
    "defaults-mode" when args.Length == 2 => await DefaultsModeCalls(args[1]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: StsTools.TestProcess assume|write-file|set-profile|calls ...");
    return 2;
}

static async Task<int> Assume(string endpoint, string cacheDir, string roleArn)
{
    using var sts = new StsService(new DictionaryEnvironmentVariables());
    sts.CacheOptions = new CacheOptions { DiskEnabled = true, Directory = cacheDir };
    var response = await sts.AssumeRoleAsync(
        new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "probe" },
        new ConnectionOptions { EndpointUrl = endpoint, Region = "us-east-1", AccessKey = "AKIDSTSTOOLSPROBE001", SecretKey = "probe-secret" });
    Console.WriteLine(response.Credentials.AccessKeyId);
    return 0;
}

static int WriteForever(string path, string tag)
{
    // Large values make each write take long enough to be interrupted part-way.
    var padding = new string('x', 512 * 1024);
    for (var i = 0; ; i++)
    {
        var credentials = new Credentials { AccessKeyId = $"ASIA{tag}{i:D12}", SecretAccessKey = padding, SessionToken = padding, Expiration = DateTime.UtcNow.AddHours(1) };
        CredentialFile.Save(path, credentials, CredentialFileFormat.Json);
        if (i == 0) Console.WriteLine("writing");
    }
}

static async Task<int> SetProfile(string credentialsFile, string name, int times)
{
    var env = new DictionaryEnvironmentVariables();
    env.Set("AWS_SHARED_CREDENTIALS_FILE", credentialsFile);
    for (var i = 0; i < times; i++)
        await CredentialsFileWriter.SetProfileAsync(name, new Credentials { AccessKeyId = $"ASIA{name.ToUpperInvariant()}{i:D8}", SecretAccessKey = "s-" + name, SessionToken = "t-" + name }, env);
    return 0;
}

static async Task<int> DefaultChain(string endpoint)
{
    using var sts = new StsService(new DictionaryEnvironmentVariables());
    try
    {
        await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = endpoint, Region = "us-east-1" });
        return 0;
    }
    catch (StsTools.Errors.StsToolsException ex)
    {
        Console.WriteLine(ex.ErrorId);
        return 1;
    }
}

static async Task<int> Calls(string endpoint, string configDir)
{
    // The environment the test set decides where metadata and container credentials would be probed.
    var env = new DictionaryEnvironmentVariables();
    env.Set("AWS_CONFIG_FILE", System.IO.Path.Combine(configDir, "config"));
    env.Set("AWS_SHARED_CREDENTIALS_FILE", System.IO.Path.Combine(configDir, "credentials"));
    using var sts = new StsService(env);
    await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = endpoint, AccessKey = "AKIDEXPLICIT00000001", SecretKey = "s" });
    await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = endpoint, Region = "eu-west-1", AccessKey = "AKIDEXPLICIT00000001", SecretKey = "s" });
    await sts.AssumeRoleFromProfileAsync("role", new AssumeRoleRequest(), new ConnectionOptions { EndpointUrl = endpoint });
    env.Set("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT1");
    env.Set("AWS_SECRET_ACCESS_KEY", "s");
    await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = endpoint });
    Console.WriteLine("done");
    return 0;
}

static async Task<int> DefaultsModeCalls(string endpoint)
{
    using (var sts = new StsService(ProcessEnvironmentVariables.Instance))
    {
        try
        {
            var identity = await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = endpoint, Region = "us-east-1", AccessKey = "AKIDDEFAULTSMODE0001", SecretKey = "s" });
            Console.WriteLine("engine " + identity.Arn);
        }
        catch (StsTools.Errors.StsToolsException ex)
        {
            Console.WriteLine("engine " + ex.ErrorId + ": " + ex.Message);
        }
    }
    try
    {
        using var raw = new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(new Amazon.Runtime.BasicAWSCredentials("AKIDDEFAULTSMODE0001", "s"),
            new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
        var identity = await raw.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());
        Console.WriteLine("raw " + identity.Arn);
    }
    catch (Amazon.Runtime.AmazonClientException ex)
    {
        Console.WriteLine("raw failed: " + ex.Message);
    }
    return 0;
}
