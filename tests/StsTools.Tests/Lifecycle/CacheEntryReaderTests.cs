using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using StsTools.Caching;
using StsTools.Model;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>
/// The disk cache is written by System.Text.Json and read by <see cref="CacheEntryReader"/>: the
/// reader must give back exactly what was written, and treat anything else as a miss.
/// </summary>
public sealed class CacheEntryReaderTests
{
    private static readonly DateTime Expiry = new(2026, 11, 22, 23, 58, 29, 447, DateTimeKind.Utc);

    private static CacheEntry<AssumeRoleResponse> RoleEntry(string? sourceIdentity) => new()
    {
        Version = 1,
        Operation = "AssumeRole",
        Key = "5480ebf7",
        Response = new AssumeRoleResponse
        {
            Credentials = new Credentials { AccessKeyId = "ASIAREADER", SecretAccessKey = "se+cr/et=", SessionToken = "tok\u00e9n\"\\", Expiration = Expiry },
            AssumedRoleUser = new AssumedRoleUser { AssumedRoleId = "AROA:reader", Arn = "arn:aws:sts::123456789012:assumed-role/R/reader" },
            PackedPolicySize = 6,
            SourceIdentity = sourceIdentity,
            ResponseMetadata = new ResponseMetadata
            {
                RequestId = "req-1", HTTPStatusCode = 200, RetryAttempts = 2, HostId = null,
                HTTPHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amzn-requestid"] = "req-1", ["content-type"] = "text/xml" },
            },
        },
    };

    private static string Write<T>(CacheEntry<T> entry) where T : class, ICredentialsResponse =>
        JsonSerializer.Serialize(entry, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<CacheEntry<T>>)CacheJsonContext.Default.GetTypeInfo(typeof(CacheEntry<T>))!);

    private static CacheEntry<T> Read<T>(string json) where T : class, ICredentialsResponse => CacheEntryReader.Read<T>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData(null)]
    [InlineData("alice@example.com")]
    public void Reads_back_exactly_what_the_serializer_wrote(string? sourceIdentity)
    {
        var json = Write(RoleEntry(sourceIdentity));
        var read = Read<AssumeRoleResponse>(json);
        Assert.Equal(json, Write(read));
        Assert.Equal(DateTimeKind.Local, read.Response!.Credentials.Expiration.Kind);
        Assert.Equal("req-1", read.Response.ResponseMetadata.HTTPHeaders["X-Amzn-RequestId"]);
    }

    [Fact]
    public void Reads_session_token_entries_too()
    {
        var entry = new CacheEntry<GetSessionTokenResponse>
        {
            Version = 1, Operation = "GetSessionToken", Key = "k",
            Response = new GetSessionTokenResponse { Credentials = RoleEntry(null).Response!.Credentials, ResponseMetadata = new ResponseMetadata { RequestId = "r" } },
        };
        var json = Write(entry);
        Assert.Equal(json, Write(Read<GetSessionTokenResponse>(json)));
    }

    [Fact]
    public void Skips_unknown_properties_and_a_byte_order_mark()
    {
        var json = Write(RoleEntry(null)).Replace("\"Version\":1,", "\"Version\":1,\"Future\":{\"a\":[1,2,{\"b\":null}]},");
        var read = CacheEntryReader.Read<AssumeRoleResponse>(Concat(Encoding.UTF8.GetPreamble(), Encoding.UTF8.GetBytes(json)));
        Assert.Equal(Write(RoleEntry(null)), Write(read));
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var all = new byte[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    [Theory]
    [InlineData("\"Version\":1,", "\"Version\":\"1\",")]
    [InlineData("\"PackedPolicySize\":6", "\"PackedPolicySize\":6.5")]
    [InlineData("\"Expiration\":\"2026-11-22T23:58:29.447Z\"", "\"Expiration\":\"tomorrow\"")]
    [InlineData("\"AccessKeyId\":\"ASIAREADER\"", "\"AccessKeyId\":42")]
    [InlineData("\"HTTPHeaders\":{", "\"HTTPHeaders\":[{")]
    public void Wrongly_typed_values_are_misses(string from, string to)
    {
        var json = Write(RoleEntry(null));
        Assert.Contains(from, json);
        Assert.ThrowsAny<JsonException>(() => Read<AssumeRoleResponse>(json.Replace(from, to)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Truncated_or_foreign_documents_are_misses(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read<AssumeRoleResponse>(json));

    [Fact]
    public void Content_after_the_entry_is_a_miss()
    {
        var json = Write(RoleEntry(null));
        Assert.ThrowsAny<JsonException>(() => Read<AssumeRoleResponse>(json + json));
    }

    [Property(MaxTest = 300)]
    public void On_any_mutation_the_reader_agrees_with_the_serializer_or_misses(PositiveInt position, NonNull<string> insert, PositiveInt cut)
    {
        var valid = Write(RoleEntry("src"));
        var at = position.Get % valid.Length;
        var mutated = valid.Substring(0, at) + insert.Get + valid.Substring(Math.Min(valid.Length, at + cut.Get % 8));
        CacheEntry<AssumeRoleResponse>? ours = null, theirs = null;
        try { ours = Read<AssumeRoleResponse>(mutated); }
        catch (JsonException) { }
        try { theirs = JsonSerializer.Deserialize(mutated, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<CacheEntry<AssumeRoleResponse>>)CacheJsonContext.Default.GetTypeInfo(typeof(CacheEntry<AssumeRoleResponse>))!); }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException) { }
        // Where both read the entry they must read the same thing; where the reader accepts more
        // than the serializer would, what it read must still be a whole entry.
        if (ours is not null && theirs is not null && theirs.Response?.ResponseMetadata?.HTTPHeaders is not null)
            Assert.Equal(Write(theirs), Write(ours));
    }

    // Every response that carries credentials, whether cached today or not: one reader reads them
    // all, so caching another operation needs no parser of its own.
    public static IEnumerable<object[]> CredentialResponseTypes() =>
        typeof(ICredentialsResponse).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(ICredentialsResponse).IsAssignableFrom(t))
            .Select(t => new object[] { t.Name });

    [Theory]
    [MemberData(nameof(CredentialResponseTypes))]
    public void Reads_any_credentials_response_shape_as_the_serializer_writes_it(string typeName)
    {
        var type = typeof(ICredentialsResponse).Assembly.GetTypes().Single(t => t.Name == typeName);
        var entryType = typeof(CacheEntry<>).MakeGenericType(type);
        var entry = Activator.CreateInstance(entryType)!;
        entryType.GetProperty("Version")!.SetValue(entry, 1);
        entryType.GetProperty("Operation")!.SetValue(entry, typeName);
        entryType.GetProperty("Response")!.SetValue(entry, Filled(type, depth: 0));
        // The serializer with the cache's options, and its contract for the reader (reflection-based
        // here: the source-generated context lists only the types cached today).
        var options = new JsonSerializerOptions { Converters = { new UtcDateTimeConverter() }, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        var json = JsonSerializer.Serialize(entry, entryType, options);
        var read = typeof(CacheEntryReaderTests).GetMethod(nameof(ReadWith), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type)
            .Invoke(null, new object[] { Encoding.UTF8.GetBytes(json), options })!;
        Assert.Equal(json, JsonSerializer.Serialize(read, entryType, options));
        Assert.DoesNotContain(":null", json.Replace("\"HostId\":null", "")); // every property was filled, so every one was read
    }

    private static object ReadWith<T>(byte[] utf8, JsonSerializerOptions contract) where T : class, ICredentialsResponse => CacheEntryReader.Read<T>(utf8, contract);

    [Fact]
    public void Every_response_the_cache_keeps_is_in_the_contract_it_reads_by()
    {
        // What StsService caches (CachedCallAsync) must be readable through CacheJsonContext.
        foreach (var type in new[] { typeof(AssumeRoleResponse), typeof(GetSessionTokenResponse) })
            Assert.NotNull(CacheJsonContext.Default.GetTypeInfo(typeof(CacheEntry<>).MakeGenericType(type)));
    }

    // An instance with every settable property set to a value that is not its default.
    private static object Filled(Type type, int depth)
    {
        if (type == typeof(string)) return "v" + depth + "+/é";
        if (type == typeof(int)) return 7;
        if (type == typeof(long)) return 7L;
        if (type == typeof(bool)) return true;
        if (type == typeof(DateTime)) return Expiry;
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Filled(underlying, depth);
        if (type == typeof(Dictionary<string, string>)) return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "text/xml" };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (System.Collections.IList)Activator.CreateInstance(type)!;
            list.Add(Filled(type.GetGenericArguments()[0], depth + 1));
            return list;
        }
        var value = Activator.CreateInstance(type)!;
        foreach (var p in type.GetProperties().Where(p => p.CanWrite && p.GetSetMethod() is not null && p.Name != "HostId"))
            p.SetValue(value, Filled(p.PropertyType, depth + 1));
        return value;
    }
}
