using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StsTools.Caching;
using StsTools.Model;
using StsTools.Requests;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>
/// The cache key comes from the whole request: changing any request property but the MFA code
/// and the duration changes it, including properties added later, so a cached session made with
/// other parameters is never served.
/// </summary>
public sealed class RequestKeyTests
{
    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal) { "TokenCode", "DurationSeconds" };

    public static IEnumerable<object[]> CachedRequestProperties() =>
        new[] { typeof(AssumeRoleRequest), typeof(GetSessionTokenRequest) }
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => new object[] { t.Name, p.Name }));

    [Theory]
    [MemberData(nameof(CachedRequestProperties))]
    public void Changing_any_request_property_changes_the_key_except_the_code_and_the_duration(string requestType, string property)
    {
        var type = typeof(AssumeRoleRequest).Assembly.GetType("StsTools.Requests." + requestType)!;
        var before = Sample(type);
        var after = Sample(type);
        var info = type.GetProperty(property)!;
        Change(after, info);
        var same = RequestKey.Of(before, Excluded) == RequestKey.Of(after, Excluded);
        Assert.Equal(Excluded.Contains(property), same);
    }

    [Fact]
    public void Equal_requests_give_equal_keys_and_values_cannot_run_into_each_other()
    {
        Assert.Equal(RequestKey.Of(Sample(typeof(AssumeRoleRequest)), Excluded), RequestKey.Of(Sample(typeof(AssumeRoleRequest)), Excluded));
        var a = new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/A", ExternalId = "x\nSourceIdentity:1:y" };
        var b = new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/A", ExternalId = "x", SourceIdentity = "y" };
        Assert.NotEqual(RequestKey.Of(a, Excluded), RequestKey.Of(b, Excluded));
        var tags1 = new AssumeRoleRequest { Tags = { new Tag("a", "b=c") } };
        var tags2 = new AssumeRoleRequest { Tags = { new Tag("a=b", "c") } };
        Assert.NotEqual(RequestKey.Of(tags1, Excluded), RequestKey.Of(tags2, Excluded));
    }

    [Fact]
    public void An_override_takes_the_place_of_the_requests_own_value()
    {
        var request = new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/A" };
        var named = new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/A", RoleSessionName = "generated" };
        Assert.Equal(RequestKey.Of(named, Excluded), RequestKey.Of(request, Excluded, new Dictionary<string, string?> { ["RoleSessionName"] = "generated" }));
    }

    private static object Sample(Type type)
    {
        var request = Activator.CreateInstance(type)!;
        foreach (var p in type.GetProperties().Where(p => p.CanWrite)) Change(request, p);
        return request;
    }

    // Gives the property a value, or another value than it has: each call changes it.
    private static void Change(object request, PropertyInfo p)
    {
        var t = p.PropertyType;
        var current = p.GetValue(request);
        if (t == typeof(string)) p.SetValue(request, (current as string ?? "value") + "-changed");
        else if (t == typeof(int?) || t == typeof(int)) p.SetValue(request, (current as int? ?? 1000) + 1);
        else if (current is IList list)
        {
            var element = t.IsGenericType ? t.GetGenericArguments()[0] : typeof(string);
            list.Add(element == typeof(string) ? "item" + list.Count
                : element == typeof(Tag) ? new Tag("k" + list.Count, "v")
                : element == typeof(PolicyDescriptorType) ? new PolicyDescriptorType("arn:aws:iam::aws:policy/P" + list.Count)
                : element == typeof(ProvidedContext) ? new ProvidedContext { ProviderArn = "arn:aws:iam::aws:contextProvider/P" + list.Count, ContextAssertion = "c" }
                : throw new NotSupportedException($"No sample for a list of {element.Name}: teach the test the new request property {p.Name}."));
        }
        else throw new NotSupportedException($"No sample for {t.Name}: teach the test the new request property {p.Name}.");
    }
}
