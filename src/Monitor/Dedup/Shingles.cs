using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Monitor.Dedup;

/// <summary>
/// The set of hashed word n-grams ("shingles") of a text: the unit of every containment measure.
/// Hashes are 64-bit XxHash3 of the words joined by spaces, so collisions are negligible at corpus sizes.
/// </summary>
public static class Shingles
{
    public static HashSet<ulong> Of(IReadOnlyList<string> words, int size)
    {
        var set = new HashSet<ulong>();
        if (words.Count < size)
        {
            if (words.Count > 0)
                set.Add(Hash(words, 0, words.Count));
            return set;
        }
        for (var i = 0; i + size <= words.Count; i++)
            set.Add(Hash(words, i, size));
        return set;
    }

    private static ulong Hash(IReadOnlyList<string> words, int start, int count)
    {
        var builder = new StringBuilder();
        for (var i = start; i < start + count; i++)
        {
            if (i > start)
                builder.Append(' ');
            builder.Append(words[i]);
        }
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(builder.ToString().AsSpan()));
    }
}
