using System.Linq;
using System.Threading.Tasks;
using StsTools.Caching;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>The hashes that name cache files and pool keys: standard SHA-256, the same on every thread.</summary>
public sealed class KeyHashTests
{
    [Fact]
    public void Is_sha256_in_lowercase_hex()
    {
        // FIPS 180-2's test vector: the names of cache entries written by earlier versions stay valid.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", KeyHash.Hex("abc"));
        Assert.Equal("ba7816bf8f01cfea", KeyHash.Hex("abc", bytes: 8));
    }

    [Fact]
    public void Threads_hashing_at_once_get_the_same_answers()
    {
        var expected = Enumerable.Range(0, 200).Select(i => KeyHash.Hex("key " + i)).ToArray();
        var results = new string[8][];
        Parallel.For(0, 8, t => results[t] = Enumerable.Range(0, 200).Select(i => KeyHash.Hex("key " + i)).ToArray());
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
