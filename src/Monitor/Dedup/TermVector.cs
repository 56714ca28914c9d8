using System.IO.Hashing;
using System.Runtime.InteropServices;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// The content words of a text as a sparse vector: each analysed term (the scoring analyzers: stemmed, folded,
/// CJK as bigrams) hashed to 32 bits, with its count, title words counted <see cref="TitleWeight"/> times, stop
/// words left out; sorted by hash so that two vectors meet in one merge. Weighted by a
/// <see cref="DocumentFrequencies"/> at comparison time, so a vector stays valid while the history's IDF moves.
/// </summary>
public sealed record TermVector(uint[] Terms, float[] Counts)
{
    public const int TitleWeight = 3;

    /// <summary>Most distinct terms kept (the most frequent): the lead of an article says what it is about.</summary>
    public const int MaxTerms = 400;

    public static readonly TermVector Empty = new([], []);

    public int Count => Terms.Length;

    public static TermVector Of(string title, string body, string language)
    {
        var analyzer = TextAnalysis.For(language)[0];
        var counts = new Dictionary<uint, float>();
        var sink = new Sink(counts, StopTerms[analyzer]);
        sink.Weight = TitleWeight;
        TextAnalysis.Analyze(analyzer, title, sink);
        sink.Weight = 1;
        TextAnalysis.Analyze(analyzer, body, sink);
        return From(counts);
    }

    internal static TermVector From(Dictionary<uint, float> counts)
    {
        IEnumerable<KeyValuePair<uint, float>> kept = counts;
        if (counts.Count > MaxTerms)
            kept = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(MaxTerms);
        var terms = kept.OrderBy(c => c.Key).ToArray();
        return new TermVector(terms.Select(t => t.Key).ToArray(), terms.Select(t => t.Value).ToArray());
    }

    /// <summary>The hash a term is kept under.</summary>
    public static uint Hash(ReadOnlySpan<char> term) => XxHash32.HashToUInt32(MemoryMarshal.AsBytes(term));

    /// <summary>
    /// Cosine of the two vectors weighted by (1 + ln count) × IDF: 1 for the same words in the same proportions,
    /// 0 for no word in common.
    /// </summary>
    public static double Cosine(TermVector a, TermVector b, DocumentFrequencies frequencies)
    {
        if (a.Count == 0 || b.Count == 0)
            return 0;
        double dot = 0, normA = 0, normB = 0;
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j >= b.Count || (i < a.Count && a.Terms[i] < b.Terms[j]))
            {
                normA += Square(Weight(a, i, frequencies));
                i++;
            }
            else if (i >= a.Count || b.Terms[j] < a.Terms[i])
            {
                normB += Square(Weight(b, j, frequencies));
                j++;
            }
            else
            {
                var wa = Weight(a, i, frequencies);
                var wb = Weight(b, j, frequencies);
                dot += wa * wb;
                normA += wa * wa;
                normB += wb * wb;
                i++;
                j++;
            }
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    private static double Weight(TermVector v, int i, DocumentFrequencies frequencies) =>
        (1 + Math.Log(v.Counts[i])) * frequencies.TermIdf(v.Terms[i]);

    private static double Square(double x) => x * x;

    /// <summary>Lucene's stop lists, each read by its analyzer (so "les" is dropped after elision and folding).</summary>
    private static readonly Dictionary<string, HashSet<uint>> StopTerms = new(StringComparer.Ordinal)
    {
        [TextAnalysis.English] = Hashes(TextAnalysis.English, EnglishAnalyzer.DefaultStopSet),
        [TextAnalysis.French] = Hashes(TextAnalysis.French, FrenchAnalyzer.DefaultStopSet),
        [TextAnalysis.German] = Hashes(TextAnalysis.German, GermanAnalyzer.DefaultStopSet),
        [TextAnalysis.Other] = Hashes(TextAnalysis.Other, EnglishAnalyzer.DefaultStopSet),
    };

    private static HashSet<uint> Hashes(string analyzer, IEnumerable<object?> words) =>
        TextAnalysis.AnalyzedSet(analyzer, words).Select(t => Hash(t)).ToHashSet();

    private sealed class Sink(Dictionary<uint, float> counts, HashSet<uint> stop) : ITokenSink
    {
        public int Weight { get; set; } = 1;

        public void Token(ReadOnlySpan<char> term, int position, int start, int end)
        {
            // One letter or digit says nothing of the subject; CJK bigrams are two characters and stay.
            if (term.Length < 2)
                return;
            var hash = Hash(term);
            if (!stop.Contains(hash))
                CollectionsMarshal.GetValueRefOrAddDefault(counts, hash, out _) += Weight;
        }
    }
}
