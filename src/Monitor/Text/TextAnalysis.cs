using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Monitor.Text;

/// <summary>Receives the tokens of an analysed text: the token as matched, its word position, and where it is in the text.</summary>
public interface ITokenSink
{
    void Token(ReadOnlySpan<char> term, int position, int start, int end);
}

/// <summary>
/// Lucene.Net analyzer chains, one per language, used on both sides of a match (watchlist phrases and articles):
/// <list type="bullet">
/// <item>every chain: <c>StandardTokenizer</c> (Unicode word boundaries, so "EUV" never matches inside "EUVs-like"
/// or another word), <see cref="HangulBoundaryFilter"/> and <c>CJKBigramFilter</c> (Chinese, Japanese and Korean
/// runs as overlapping bigrams, so a term written in Han or Hangul matches inside an unsegmented sentence, and
/// "H20을" is "H20" + "을"; both left out for a text without such characters, where they change nothing), lower case,
/// <c>ASCIIFoldingFilter</c> (contrôle = controle, Pékin = Pekin), <c>EnglishPossessiveFilter</c> (China's = China,
/// whatever the language: English names are quoted everywhere);</item>
/// <item><c>en</c>: <c>EnglishMinimalStemFilter</c> (plurals only: chips = chip, but "EUV", "ASML", "status" stay);</item>
/// <item><c>fr</c>: <c>ElisionFilter</c> with French articles (l'exportation = exportation) and
/// <c>FrenchLightStemFilter</c> (puces = puce, contrôles = contrôle);</item>
/// <item><c>de</c>: <c>GermanLightStemFilter</c>; <c>xx</c> (any other language): no stemming.</item>
/// </list>
/// Folding comes before stemming so that a word typed with or without its accents stems the same way.
/// Analyzers are thread-safe (Lucene keeps one token stream per thread and reuses it).
/// </summary>
public static class TextAnalysis
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public const string English = "en";
    public const string French = "fr";
    public const string German = "de";
    public const string Other = "xx";

    /// <summary>Every analyzer key, in a fixed order (watchlist phrases are analysed with each).</summary>
    public static readonly IReadOnlyList<string> Keys = [English, French, German, Other];

    private static readonly Dictionary<string, (Analyzer Bigrams, Analyzer Plain)> Analyzers = new(StringComparer.Ordinal)
    {
        [English] = Chains(ts => new EnglishMinimalStemFilter(ts)),
        [French] = Chains(ts => new FrenchLightStemFilter(ts), elision: true),
        [German] = Chains(ts => new GermanLightStemFilter(ts)),
        [Other] = Chains(ts => ts),
    };

    private static readonly string[] EnglishOnly = [English];
    private static readonly string[] FrenchOnly = [French];
    private static readonly string[] GermanOnly = [German];
    private static readonly string[] EnglishAndFrench = [English, French];
    private static readonly string[] OtherOnly = [Other];

    /// <summary>
    /// The analyzers to read a text in, from its detected language (<see cref="LanguageGuess"/>): its own; for
    /// a Latin-script text too short to tell (a headline), English and French both, since the watchlists are written in
    /// both; the unstemmed chain for the rest (Chinese, Japanese, Korean, Indonesian…).
    /// </summary>
    public static IReadOnlyList<string> For(string language) => language switch
    {
        English => EnglishOnly,
        French => FrenchOnly,
        German => GermanOnly,
        "" => EnglishAndFrench,
        _ => OtherOnly,
    };

    /// <summary>Feeds every token of <paramref name="text"/>, as analysed by <paramref name="analyzer"/>, to <paramref name="sink"/>.</summary>
    public static void Analyze<TSink>(string analyzer, string? text, TSink sink) where TSink : ITokenSink
    {
        if (string.IsNullOrEmpty(text))
            return;
        var (bigrams, plain) = Analyzers[analyzer];
        // The string overload reuses the analyzer's reader (one per thread) instead of taking a new StringReader.
        using var stream = (MayHaveCjk(text) ? bigrams : plain).GetTokenStream("text", Unglue(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            sink.Token(new ReadOnlySpan<char>(term.Buffer, 0, term.Length), position, offset.StartOffset, offset.EndOffset);
        }
        stream.End();
    }

    /// <summary>
    /// A word list (e.g. a Lucene stop list) as <paramref name="analyzer"/> reads it, so it can be compared with the
    /// analysed tokens of a text.
    /// </summary>
    public static HashSet<string> AnalyzedSet(string analyzer, IEnumerable<object?> words)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
            foreach (var term in Terms(analyzer, word?.ToString()))
                terms.Add(term);
        return terms;
    }

    /// <summary>The tokens of <paramref name="text"/> as strings (for phrases and tests; articles use <see cref="Analyze"/>).</summary>
    public static List<string> Terms(string analyzer, string? text)
    {
        var sink = new ListSink();
        Analyze(analyzer, text, sink);
        return sink.Terms;
    }

    /// <summary>
    /// Sentences glued by a missing space ("chatbots.According", common in scraped feeds) would be one token under
    /// Unicode word rules (a period or colon between letters joins them, as in "e.g."); a period or colon between a
    /// lower-case and an upper-case letter becomes a space. Same length, so offsets still point into the original.
    /// </summary>
    internal static string Unglue(string text)
    {
        char[]? copy = null;
        for (var i = text.AsSpan().IndexOfAny('.', ':'); i >= 0; i = Next(text, i))
        {
            if (i > 0 && i < text.Length - 1 && char.IsLower(text[i - 1]) && char.IsUpper(text[i + 1]))
            {
                copy ??= text.ToCharArray();
                copy[i] = ' ';
            }
        }
        return copy is null ? text : new string(copy);

        static int Next(string text, int i)
        {
            var next = text.AsSpan(i + 1).IndexOfAny('.', ':');
            return next < 0 ? -1 : i + 1 + next;
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> has a character of a block where <c>StandardTokenizer</c> finds Han, kana or
    /// Hangul tokens (Hangul jamo, CJK radicals to Yi, Hangul syllables, surrogates for the supplementary ideographs,
    /// compatibility ideographs and forms, half- and full-width forms; a little wider than those scripts). Without one,
    /// <c>CJKBigramFilter</c> passes every token through unchanged, so the chain can do without it: it costs about a
    /// sixth of the chain on Latin text. The scan skips everything below U+1100 vectorised.
    /// </summary>
    internal static bool MayHaveCjk(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAnyExceptInRange('\0', '\u10FF'); i >= 0; i = text.IndexOfAnyExceptInRange('\0', '\u10FF'))
        {
            if (text[i] is (>= '\u1100' and <= '\u11FF') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uA960' and <= '\uA97F')
                or (>= '\uAC00' and <= '\uDFFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFFEF'))
                return true;
            text = text[(i + 1)..];
        }
        return false;
    }

    /// <summary>The chain of a language, with <c>CJKBigramFilter</c> and without (for text that has no CJK, see <see cref="MayHaveCjk"/>).</summary>
    private static (Analyzer Bigrams, Analyzer Plain) Chains(Func<TokenStream, TokenStream> language, bool elision = false) =>
        (Chain(language, elision, bigrams: true), Chain(language, elision, bigrams: false));

    private static Analyzer Chain(Func<TokenStream, TokenStream> language, bool elision, bool bigrams) =>
        Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = bigrams ? new CJKBigramFilter(new HangulBoundaryFilter(tokenizer)) : tokenizer;
            if (elision)
                stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(Version, stream);
            stream = new ASCIIFoldingFilter(stream);
            // Every chain: English names keep their possessive in any language ("Nvidia's" in a French or Korean text).
            stream = new EnglishPossessiveFilter(Version, stream);
            return new TokenStreamComponents(tokenizer, language(stream));
        });

    private sealed class ListSink : ITokenSink
    {
        public List<string> Terms { get; } = [];

        public void Token(ReadOnlySpan<char> term, int position, int start, int end) => Terms.Add(term.ToString());
    }
}
