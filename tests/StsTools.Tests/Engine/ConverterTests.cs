using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using StsTools.Errors;
using StsTools.Input;
using StsTools.Model;
using StsTools.Validation;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>How PowerShell-style input becomes tags, credentials and session names.</summary>
public sealed class ConverterTests
{
    [Fact]
    public void A_hashtable_becomes_one_tag_per_entry()
    {
        var tags = TagConverter.Convert(new OrderedDictionary { ["Project"] = "Apollo", ["Team"] = 7 });
        Assert.Equal(new[] { "Project=Apollo", "Team=7" }, tags.ConvertAll(t => t.ToString()));
    }

    [Fact]
    public void A_key_value_hashtable_is_one_tag_object()
    {
        var tags = TagConverter.Convert(new Hashtable { ["key"] = "Project", ["Value"] = "Apollo" });
        Assert.Equal("Project=Apollo", Assert.Single(tags).ToString());
    }

    [Fact]
    public void Strings_tag_objects_and_lists_mix()
    {
        var tags = TagConverter.Convert(new object[] { "Env=prod", new Tag("A", "b"), new Hashtable { ["C"] = "d" }, "Url=https://x/?a=b" });
        Assert.Equal(new[] { "Env=prod", "A=b", "C=d", "Url=https://x/?a=b" }, tags.ConvertAll(t => t.ToString()));
    }

    [Fact]
    public void A_string_without_equals_is_rejected()
    {
        var ex = Assert.Throws<StsValidationException>(() => TagConverter.Convert("Project"));
        Assert.Equal("InvalidTag", ex.ErrorId);
    }

    [Fact]
    public void Credentials_are_read_from_any_credentials_shaped_object()
    {
        var bag = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AccessKeyId"] = "ASIAEXAMPLE", ["SecretAccessKey"] = "s", ["SessionToken"] = "t", ["Expiration"] = "2030-01-02T03:04:05Z",
        };
        var c = CredentialsConverter.FromProperties(n => bag.TryGetValue(n, out var v) ? v : null)!;
        Assert.Equal("ASIAEXAMPLE", c.AccessKeyId);
        Assert.Equal("t", c.SessionToken);
        Assert.Equal(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc), c.Expiration.ToUniversalTime());
        Assert.Equal(DateTimeKind.Local, c.Expiration.Kind);
    }

    [Fact]
    public void An_object_without_access_key_is_not_credentials()
    {
        Assert.Null(CredentialsConverter.FromProperties(_ => null));
    }

    [Fact]
    public void A_garbled_expiration_is_invalid_data()
    {
        var ex = Assert.Throws<StsValidationException>(() => CredentialsConverter.FromProperties(n => n switch { "AccessKeyId" => "A", "Expiration" => "soon", _ => null }));
        Assert.Equal("InvalidCredentialExpiration", ex.ErrorId);
        Assert.Equal(StsErrorCategory.InvalidData, ex.Category);
    }

    [Theory]
    [InlineData("alice", "StsModule-alice")]
    [InlineData("DOMAIN\\bob smith", "StsModule-DOMAIN_bob_smith")]
    [InlineData("", "StsModule-session")]
    public void Default_session_names_are_valid(string user, string expected)
    {
        var name = SessionNames.Default(user);
        Assert.Equal(expected, name);
        StsInputValidator.RoleSessionName(name);
    }

    [Fact]
    public void A_long_user_name_is_cut_to_64_characters()
    {
        var name = SessionNames.Default(new string('u', 100));
        Assert.Equal(64, name.Length);
        StsInputValidator.RoleSessionName(name);
    }

    [Fact]
    public void Credentials_ToString_hides_secret_and_token()
    {
        var c = new Credentials { AccessKeyId = "ASIAVISIBLE", SecretAccessKey = "SECRETVALUE", SessionToken = "TOKENVALUE", Expiration = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        Assert.Equal("ASIAVISIBLE (expires 2030-01-01T00:00:00Z)", c.ToString());
    }

    [Fact]
    public void Regions_include_the_commercial_partition()
    {
        Assert.Contains("us-east-1", StsRegions.Names);
        Assert.Contains("eu-central-1", StsRegions.Names);
    }
}
