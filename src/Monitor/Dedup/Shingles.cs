using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Monitor.Dedup;

/// <summary>
/// The hashed word n-grams ("shingles") of a text: the unit of every overlap measure. Each word is hashed once
/// (64-bit XxHash3 of its characters) and a shingle's hash mixes its words' hashes in order, so a text of n words
/// costs n string hashes and n cheap mixes, not n concatenations. Collisions are negligible at corpus sizes.
/// </summary>
public static class Shingles
{
    /// <summary>Shingle hashes in text order (a text shorter than <paramref name="size"/> words gives one shingle of all of them).</summary>
    public static ulong[] Sequence(IReadOnlyList<string> words, int size)
    {
        if (words.Count == 0)
            return [];
        var wordHashes = new ulong[words.Count];
        for (var i = 0; i < words.Count; i++)
            wordHashes[i] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(words[i].AsSpan()));
        var count = Math.Max(1, words.Count - size + 1);
        var width = Math.Min(size, words.Count);
        var shingles = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var h = 0x9E3779B97F4A7C15UL;
            for (var j = 0; j < width; j++)
            {
                h = unchecked((h ^ wordHashes[i + j]) * 0xBF58476D1CE4E5B9UL);
                h ^= h >> 31;
            }
            shingles[i] = h;
        }
        return shingles;
    }

    public static HashSet<ulong> Of(IReadOnlyList<string> words, int size) => [.. Sequence(words, size)];
}
