using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StsTools.Caching;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Input;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Requests;
using StsTools.Storage;
using StsTools.Tests.Infrastructure;
using Xunit;
using StsTools.Validation;

namespace StsTools.Tests.Reliability;

/// <summary>
/// Random and mutated input for every validator and every file the module reads: the result is
/// the module's own validation error or a clean value, never an unhandled exception.
/// </summary>
public sealed class PropertyTests
{
    /// <summary>Cases per property; the README's testing section reports the total.</summary>
    public const int Cases = 300;

    private static void Expect<TException>(Action action) where TException : Exception
    {
        try { action(); }
        catch (TException) { }
    }

    [Property(MaxTest = Cases)]
    public void Role_arns(string value) => Expect<StsValidationException>(() => StsInputValidator.RoleArn(value, "RoleArn"));

    [Property(MaxTest = Cases)]
    public void Role_arn_shaped_text(NonNegativeInt account, string name, bool path) =>
        Expect<StsValidationException>(() => StsInputValidator.RoleArn($"arn:aws:iam::{account.Get:D12}:role/{(path ? "p/" : "")}{name}", "RoleArn"));

    [Property(MaxTest = Cases)]
    public void Region_names_are_checked_as_the_documented_pattern_would(byte[] picks)
    {
        // Strings over the characters that matter, so that many are region-shaped.
        var text = new string(picks.Select(b => "aez09-A_"[b % 8]).ToArray());
        var pattern = System.Text.RegularExpressions.Regex.IsMatch(text, @"^[a-z]{2,}(-[a-z0-9]+)+\z");
        Xunit.Assert.Equal(pattern, StsTools.Connection.SourceCredentialResolver.IsRegionName(text));
    }

    [Property(MaxTest = Cases)]
    public void Session_names_external_ids_source_identities(string value)
    {
        Expect<StsValidationException>(() => StsInputValidator.RoleSessionName(value));
        Expect<StsValidationException>(() => StsInputValidator.ExternalId(value));
        Expect<StsValidationException>(() => StsInputValidator.SourceIdentity(value));
        Expect<StsValidationException>(() => StsInputValidator.AccessKeyId(value));
        Expect<StsValidationException>(() => StsInputValidator.EncodedMessage(value));
        Expect<StsValidationException>(() => StsInputValidator.TradeInToken(value));
        Expect<StsValidationException>(() => StsInputValidator.Policy(value));
    }

    [Property(MaxTest = Cases)]
    public void Durations_and_mfa(int seconds, string serial, string code)
    {
        Expect<StsValidationException>(() => StsInputValidator.Duration(seconds, StsInputValidator.AssumeRoleMaxDurationSeconds));
        Expect<StsValidationException>(() => StsInputValidator.Duration(seconds, 0, StsInputValidator.AssumeRootMaxDurationSeconds, "DurationSeconds"));
        Expect<StsValidationException>(() => StsInputValidator.MfaFormat(serial, code));
        Expect<StsValidationException>(() => StsInputValidator.MfaPair(serial, code));
    }

    [Property(MaxTest = Cases)]
    public void Whole_assume_role_requests(string arn, string session, string[] policyArns, string policy, int? duration,
        Dictionary<string, string>? tags, string[] transitive, string externalId, string serial, string code, string sourceIdentity)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = arn, RoleSessionName = session, Policy = policy, DurationSeconds = duration, ExternalId = externalId,
            SerialNumber = serial, TokenCode = code, SourceIdentity = sourceIdentity,
            PolicyArns = (policyArns ?? Array.Empty<string>()).Select(a => new PolicyDescriptorType(a)).ToList(),
            Tags = (tags ?? new Dictionary<string, string>()).Select(kv => new Tag(kv.Key, kv.Value)).ToList(),
            TransitiveTagKeys = (transitive ?? Array.Empty<string>()).ToList(),
        };
        Expect<StsValidationException>(() => StsInputValidator.ValidateAssumeRole(request));
    }

    [Property(MaxTest = Cases)]
    public void Other_operations(string principal, string assertion, string target, string policy, int? duration, string[] audience, string algorithm, string name)
    {
        Expect<StsValidationException>(() => StsInputValidator.ValidateAssumeRoleWithSaml(new AssumeRoleWithSAMLRequest { RoleArn = "arn:aws:iam::123456789012:role/R", PrincipalArn = principal, SAMLAssertion = assertion, DurationSeconds = duration }));
        Expect<StsValidationException>(() => StsInputValidator.ValidateAssumeRoot(new AssumeRootRequest { TargetPrincipal = target, TaskPolicyArn = new PolicyDescriptorType(RootTaskPolicies.Expand(policy ?? "", "us-east-1")), DurationSeconds = duration }));
        Expect<StsValidationException>(() => StsInputValidator.ValidateGetWebIdentityToken(new GetWebIdentityTokenRequest { Audience = (audience ?? Array.Empty<string>()).ToList(), SigningAlgorithm = algorithm, DurationSeconds = duration }));
        Expect<StsValidationException>(() => StsInputValidator.ValidateGetFederationToken(new GetFederationTokenRequest { Name = name, DurationSeconds = duration }));
    }

    [Property(MaxTest = Cases)]
    public void Tag_input_of_any_shape(Dictionary<string, string>? map, string[] texts, int choice)
    {
        object? input = (choice % 3) switch { 0 => map is null ? null : new Hashtable(map), 1 => texts, _ => texts?.Cast<object>().Append(map is null ? "a=b" : new Hashtable(map)).ToArray() };
        Expect<StsValidationException>(() => StsInputValidator.Tags(TagConverter.Convert(input)));
    }

    [Property(MaxTest = Cases)]
    public void Expiration_text(string text) => Expect<StsValidationException>(() => CredentialsConverter.Expiration(text));

    [Property(MaxTest = Cases)]
    public void Credential_files_of_random_text(NonNull<string> text) =>
        Expect<StsToolsException>(() => CredentialFile.Parse(text.Get, "random"));

    [Property(MaxTest = Cases)]
    public void Mutated_credential_files(PositiveInt position, char replacement, bool truncate, bool processFormat)
    {
        var valid = CredentialFile.Serialize(new Credentials { AccessKeyId = "ASIAMUTATE000001", SecretAccessKey = "s", SessionToken = "t", Expiration = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            processFormat ? CredentialFileFormat.CredentialProcess : CredentialFileFormat.Json);
        var at = position.Get % valid.Length;
        var mutated = truncate ? valid.Substring(0, at) : valid.Substring(0, at) + replacement + valid.Substring(at + 1);
        Expect<StsToolsException>(() => CredentialFile.Parse(mutated, "mutated"));
    }

    [Property(MaxTest = Cases)]
    public void Export_then_import_round_trips_exactly(NonEmptyString key, NonEmptyString secret, string token, PositiveInt secondsFromEpoch, bool processFormat)
    {
        // Any values the checks accept come back exactly; any they refuse are refused at export
        // with InvalidCredentialValue. The values mapped onto the accepted alphabet exercise the
        // first half on every run.
        static string Printable(string text) => new(text.Select(c => (char)(' ' + c % 95)).ToArray());
        var expiration = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(secondsFromEpoch.Get);
        var raw = new Credentials { AccessKeyId = key.Get, SecretAccessKey = secret.Get, SessionToken = token ?? string.Empty, Expiration = expiration };
        var accepted = new Credentials
        {
            AccessKeyId = "ASIA" + KeyHash.Hex(key.Get, 8).ToUpperInvariant(), SecretAccessKey = Printable(secret.Get),
            SessionToken = Printable(token ?? string.Empty), Expiration = expiration,
        };
        var format = processFormat ? CredentialFileFormat.CredentialProcess : CredentialFileFormat.Json;
        foreach (var credentials in new[] { raw, accepted })
        {
            if (CredentialValues.Problem(credentials) is not null)
            {
                var refused = Assert.Throws<StsValidationException>(() => CredentialFile.Serialize(credentials, format));
                Assert.Equal("InvalidCredentialValue", refused.ErrorId);
                continue;
            }
            var back = CredentialFile.Parse(CredentialFile.Serialize(credentials, format), "round-trip");
            if (back.AccessKeyId != credentials.AccessKeyId || back.SecretAccessKey != credentials.SecretAccessKey ||
                back.SessionToken != credentials.SessionToken || back.Expiration != credentials.Expiration || back.Expiration.Kind != DateTimeKind.Local)
                throw new InvalidOperationException("round trip changed the credentials");
        }
        Assert.Null(CredentialValues.Problem(accepted));
    }

    [Property(MaxTest = Cases)]
    public void Shared_files_of_random_text(NonNull<string> text, NonEmptyString section, NonEmptyString value)
    {
        var document = IniDocument.Parse(text.Get);
        var before = document.Sections.Distinct().Where(s => s != section.Get).ToDictionary(s => s, s => document.Get(s)!.ToDictionary(kv => kv.Key, kv => kv.Value));
        var name = section.Get.Replace("[", "").Replace("]", "").Replace("\n", "").Replace("\r", "").Trim();
        var v = value.Get.Replace("\n", " ").Replace("\r", " ").Trim();
        if (name.Length == 0 || v.Length == 0 || name.Contains('=') || before.ContainsKey(name)) return;
        document.Set(name, new[] { new KeyValuePair<string, string>("aws_access_key_id", v) }, new[] { "aws_session_token" });
        var reread = IniDocument.Parse(document.ToString());
        if (reread.Get(name)?["aws_access_key_id"] != v) throw new InvalidOperationException("the value did not survive");
        foreach (var (other, values) in before)
        {
            var now = reread.Get(other);
            if (now is null || !values.All(kv => now.TryGetValue(kv.Key, out var x) && x == kv.Value))
                throw new InvalidOperationException($"section '{other}' changed");
        }
    }

    [Property(MaxTest = 100)]
    public void Role_profiles_in_random_config_files(NonNull<string> config, NonNull<string> credentials)
    {
        var dir = Path.Combine(TestEnvironment.Sandbox, "prop-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config"), "[profile p]\n" + config.Get);
        File.WriteAllText(Path.Combine(dir, "credentials"), credentials.Get);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_CONFIG_FILE"] = Path.Combine(dir, "config"), ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(dir, "credentials") });
        Expect<StsToolsException>(() => RoleProfile.Find("p", env));
        RoleProfile.StaticKeys("p", env);
    }

    [Property(MaxTest = 100)]
    public void Cache_entries_of_random_or_mutated_content_are_misses(NonNull<string> garbage, PositiveInt position, bool mutateValid)
    {
        var dir = Path.Combine(TestEnvironment.Sandbox, "propcache-" + Guid.NewGuid().ToString("n"));
        var fetches = 0;
        Task<GetSessionTokenResponse> Fetch()
        {
            Interlocked.Increment(ref fetches);
            return Task.FromResult(new GetSessionTokenResponse { Credentials = new Credentials { AccessKeyId = "ASIAFETCHED", SecretAccessKey = "s", SessionToken = "t", Expiration = DateTime.UtcNow.AddHours(1) } });
        }
        new CredentialCache(new CacheOptions { DiskEnabled = true, Directory = dir }).GetOrFetchAsync("GetSessionToken", "k", false, Fetch, null, CancellationToken.None).GetAwaiter().GetResult();
        var entry = Directory.GetFiles(Path.Combine(dir, CredentialCache.EntriesFolder), "*.json").Single();
        var valid = File.ReadAllText(entry);
        var at = position.Get % valid.Length;
        File.WriteAllText(entry, mutateValid ? valid.Substring(0, at) + garbage.Get + valid.Substring(Math.Min(valid.Length, at + garbage.Get.Length)) : garbage.Get);
        var result = new CredentialCache(new CacheOptions { DiskEnabled = true, Directory = dir }).GetOrFetchAsync("GetSessionToken", "k", false, Fetch, null, CancellationToken.None).GetAwaiter().GetResult();
        if (string.IsNullOrEmpty(result.Credentials.AccessKeyId) || string.IsNullOrEmpty(result.Credentials.SecretAccessKey))
            throw new InvalidOperationException("a damaged entry was served");
    }
}
