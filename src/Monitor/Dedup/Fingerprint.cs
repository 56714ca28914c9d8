using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// What dedup keeps of a text: its language, its distinct shingle hashes (sorted, 32-bit: enough for exact overlap
/// measures between two texts), one MinHash signature per window of <see cref="WindowWords"/> words (so that a short
/// text inside a long one is near one of its windows), and its language-independent anchors.
/// </summary>
public sealed record Fingerprint(string Language, int WordCount, uint[] Shingles, IReadOnlyList<uint[]> Signatures, IReadOnlySet<Anchor> Anchors)
{
    public const int WindowWords = 100;

    public static Fingerprint Of(string title, string body, int shingleSize, MinHash minHash, IReadOnlySet<string>? repeated = null)
    {
        title = WordTokenizer.WithoutLoneSurrogates(title).Normalize(System.Text.NormalizationForm.FormKC).Replace('\n', ' ').Trim();
        body = Boilerplate.Strip(body, repeated);
        var text = title.Length == 0 ? body : title + "\n" + body;
        var words = WordTokenizer.Words(text);
        var language = LanguageGuess.Of(text, words);
        var sequence = Dedup.Shingles.Sequence(words, shingleSize);

        var signatures = new List<uint[]>();
        if (sequence.Length > 0)
        {
            // Windows of 100 shingles every 50; the last window ends at the text's end.
            if (sequence.Length <= WindowWords * 3 / 2)
                signatures.Add(minHash.Signature(sequence));
            else
                for (var start = 0; ; start += WindowWords / 2)
                {
                    var end = Math.Min(start + WindowWords, sequence.Length);
                    signatures.Add(minHash.Signature(sequence.AsSpan(start, end - start)));
                    if (end == sequence.Length)
                        break;
                }
        }
        return new Fingerprint(language, words.Count, Fold(sequence), signatures, Anchor.Of(title, body, language));
    }

    /// <summary>Distinct 32-bit folds of the shingle hashes, sorted, for merge-based intersection.</summary>
    public static uint[] Fold(ReadOnlySpan<ulong> shingles)
    {
        var folded = new uint[shingles.Length];
        for (var i = 0; i < shingles.Length; i++)
            folded[i] = unchecked((uint)(shingles[i] ^ (shingles[i] >> 32)));
        Array.Sort(folded);
        var distinct = folded.Length == 0 ? 0 : 1;
        for (var i = 1; i < folded.Length; i++)
            if (folded[i] != folded[distinct - 1])
                folded[distinct++] = folded[i];
        return folded[..distinct];
    }

    /// <summary>Size of the intersection of two sorted distinct arrays.</summary>
    public static int Overlap(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
                i++;
            else
                j++;
        }
        return shared;
    }
}
