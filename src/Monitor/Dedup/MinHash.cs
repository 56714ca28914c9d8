using System.Numerics;
using System.Runtime.InteropServices;

namespace Monitor.Dedup;

/// <summary>
/// MinHash signatures of shingle sets: for each of k hash functions, the smallest hash over the set. Two sets agree
/// on a position with probability equal to their Jaccard similarity, so k small integers stand for a whole text.
/// Written here because no maintained .NET MinHash library exists (the NuGet packages found are unmaintained ports
/// with per-hash 64-bit modular arithmetic); this one is ~100 lines and vectorised.
/// Hash i of a shingle is a bijection on 32 bits, two rounds of xor with a seed and multiplication by an odd constant
/// with a xor-shift between (a murmur-style finaliser with per-function constants), computed for
/// <see cref="Vector{T}.Count"/> functions at once.
/// </summary>
public sealed class MinHash
{
    private readonly uint[] _seeds;
    private readonly uint[] _multipliers;
    private readonly uint[] _multipliers2;

    public MinHash(int hashCount, ulong seed = 0x5EED_0F_D0C5UL)
    {
        if (hashCount <= 0 || hashCount % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(hashCount), hashCount, "must be a positive multiple of 8");
        HashCount = hashCount;
        _seeds = new uint[hashCount];
        _multipliers = new uint[hashCount];
        _multipliers2 = new uint[hashCount];
        // SplitMix64: fixed, well-spread constants; signatures must be the same in every process (they are stored).
        var state = seed;
        for (var i = 0; i < hashCount; i++)
        {
            _seeds[i] = unchecked((uint)Next(ref state));
            _multipliers[i] = unchecked((uint)Next(ref state)) | 1;
            _multipliers2[i] = unchecked((uint)Next(ref state)) | 1;
        }
    }

    public int HashCount { get; }

    public uint[] Signature(ReadOnlySpan<ulong> shingles)
    {
        var signature = new uint[HashCount];
        Signature(shingles, signature);
        return signature;
    }

    /// <summary>Writes the signature of <paramref name="shingles"/> (duplicates do not matter) into <paramref name="signature"/>.</summary>
    public void Signature(ReadOnlySpan<ulong> shingles, Span<uint> signature)
    {
        signature.Fill(uint.MaxValue);
        var width = Vector<uint>.Count;
        var mins = MemoryMarshal.Cast<uint, Vector<uint>>(signature);
        var seeds = MemoryMarshal.Cast<uint, Vector<uint>>(_seeds.AsSpan());
        var m1 = MemoryMarshal.Cast<uint, Vector<uint>>(_multipliers.AsSpan());
        var m2 = MemoryMarshal.Cast<uint, Vector<uint>>(_multipliers2.AsSpan());
        var vectorised = HashCount % width == 0;
        foreach (var shingle in shingles)
        {
            var folded = unchecked((uint)(shingle ^ (shingle >> 32)));
            if (vectorised)
            {
                var x = new Vector<uint>(folded);
                for (var v = 0; v < mins.Length; v++)
                {
                    var h = (x ^ seeds[v]) * m1[v];
                    h ^= h >>> 15;
                    h *= m2[v];
                    h ^= h >>> 13;
                    mins[v] = Vector.Min(mins[v], h);
                }
            }
            else
            {
                for (var i = 0; i < HashCount; i++)
                {
                    var h = unchecked((folded ^ _seeds[i]) * _multipliers[i]);
                    h ^= h >> 15;
                    h = unchecked(h * _multipliers2[i]);
                    h ^= h >> 13;
                    if (h < signature[i])
                        signature[i] = h;
                }
            }
        }
    }

    /// <summary>Share of positions where the signatures agree: an unbiased estimate of the sets' Jaccard similarity.</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var same = 0;
        for (var i = 0; i < a.Length; i++)
            if (a[i] == b[i])
                same++;
        return (double)same / a.Length;
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
