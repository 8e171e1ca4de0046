using System;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Requests;
using StsTools.Service;

// Usage: StsTools.CacheProbe ENDPOINT CACHE-DIR ROLE-ARN
// Prints the access key id it got, so the caller can see every process got the same session.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: StsTools.CacheProbe ENDPOINT CACHE-DIR ROLE-ARN");
    return 2;
}
using var sts = new StsService(new DictionaryEnvironmentVariables());
sts.CacheOptions = new CacheOptions { DiskEnabled = true, Directory = args[1] };
var response = await sts.AssumeRoleAsync(
    new AssumeRoleRequest { RoleArn = args[2], RoleSessionName = "probe" },
    new ConnectionOptions { EndpointUrl = args[0], Region = "us-east-1", AccessKey = "AKIDSTSTOOLSPROBE001", SecretKey = "probe-secret" });
Console.WriteLine(response.Credentials.AccessKeyId);
return 0;
