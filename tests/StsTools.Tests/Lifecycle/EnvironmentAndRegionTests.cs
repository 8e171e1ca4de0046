using System;
using System.Collections.Generic;
using System.Linq;
using StsTools.Env;
using StsTools.Input;
using StsTools.Model;
using Xunit;

namespace StsTools.Tests.Lifecycle;

public sealed class EnvironmentAndRegionTests
{
    [Fact]
    public void Clear_removes_what_Apply_set_and_reads_back_nothing()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_PROFILE"] = "keep-me-out-of-it" });
        var creds = new Credentials { AccessKeyId = "ASIACLEAR0000001", SecretAccessKey = "secret-x", SessionToken = "token-x", Expiration = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        CredentialEnvironment.Apply(env, creds, "eu-west-3");
        var read = CredentialEnvironment.Read(env)!;
        Assert.Equal("ASIACLEAR0000001", read.AccessKeyId);
        Assert.Equal("token-x", read.SessionToken);
        Assert.Equal(creds.Expiration, read.Expiration);

        var changes = CredentialEnvironment.Clear(env, includeRegion: false);
        Assert.Null(CredentialEnvironment.Read(env));
        Assert.Equal("eu-west-3", env.Get("AWS_REGION"));
        Assert.All(changes, c => Assert.DoesNotContain("secret-x", c.ToString()));
        Assert.All(changes, c => Assert.DoesNotContain("token-x", c.ToString()));
        CredentialEnvironment.Clear(env, includeRegion: true);
        Assert.Empty(env.Values);
    }

    [Fact]
    public void Regions_carry_partition_and_STS_endpoint()
    {
        var all = StsRegions.All();
        Assert.Contains(all, r => r.Name == "us-east-1" && r.Partition == "aws" && r.Endpoint == "https://sts.us-east-1.amazonaws.com");
        Assert.Contains(all, r => r.Name == "cn-north-1" && r.Partition == "aws-cn" && r.Endpoint == "https://sts.cn-north-1.amazonaws.com.cn");
        Assert.Contains(all, r => r.Name == "us-gov-west-1" && r.Partition == "aws-us-gov");
        Assert.Equal(all.Count, all.Select(r => r.Name).Distinct().Count());
        Assert.Equal("Europe (Ireland)", StsRegions.Get("EU-WEST-1")!.DisplayName);
        Assert.Null(StsRegions.Get("mars-north-1"));
    }
}
