using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Monitor.Text;

namespace Monitor.Scoring;

/// <summary>
/// The phrases of a text that could be watchlist terms: runs of 1 to <see cref="MaxWords"/> consecutive words, as
/// analysed by one of the <see cref="TextAnalysis"/> chains (so they compare with watchlist phrases and articles the
/// way matching does), never across punctuation or a line break, nor starting or ending with a function word, a
/// number or a one-letter word (inside, they may: "contrôles à l'exportation", "Section 301 tariffs"). Function words are Lucene's stop lists: Snowball's for English (the
/// English analyzer's own list has 33 words, too few to keep "would" or "been" out of candidates), French and German;
/// Indonesian's for the unstemmed chain.
/// </summary>
public static class PhraseGrams
{
    public const int MaxWords = 3;

    private static readonly Dictionary<string, HashSet<string>> StopWords =
        TextAnalysis.Keys.ToDictionary(a => a, StopTerms, StringComparer.Ordinal);

    public static IEnumerable<PhraseGram> Of(string analyzer, string text)
    {
        var sink = new Collector();
        TextAnalysis.Analyze(analyzer, text, sink);
        var tokens = sink.Tokens;
        var stop = StopWords[analyzer];
        // A hyphenated word is one word to its reader: a phrase neither starts nor ends inside "États-Unis".
        var link = new Link[tokens.Count];
        for (var k = 1; k < tokens.Count; k++)
            link[k] = Linked(text, tokens[k - 1], tokens[k]);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (link[i] == Link.Hyphen || !Usable(tokens[i].Term) || stop.Contains(tokens[i].Term))
                continue;
            for (var j = i; j < i + MaxWords && j < tokens.Count; j++)
            {
                if (j > i && link[j] == Link.None)
                    break;
                if (!Usable(tokens[j].Term) || stop.Contains(tokens[j].Term) || (j + 1 < tokens.Count && link[j + 1] == Link.Hyphen))
                    continue;
                var key = j == i ? tokens[i].Term : string.Join(' ', tokens.Skip(i).Take(j - i + 1).Select(t => t.Term));
                yield return new PhraseGram(key, Start(text, tokens[i]), End(text, tokens[j]));
            }
        }
    }

    /// <summary>Numbers and one-letter words make poor terms on their own or at an edge ("2025", "1 000", the "s" of a lost apostrophe).</summary>
    private static bool Usable(string term) =>
        term.Length > 1 && !term.All(c => char.IsDigit(c) || c is '.' or ',');

    /// <summary>
    /// How a word follows the one before: in the same phrase when only spaces lie between them (or nothing: CJK bigrams
    /// overlap), in the same word when a hyphen joins them, else not at all (punctuation, a line break).
    /// </summary>
    private static Link Linked(string text, Token previous, Token next)
    {
        if (next.Position != previous.Position + 1)
            return Link.None;
        var link = Link.Space;
        for (var k = previous.End; k < next.Start; k++)
        {
            if (text[k] is '-' or '\u2010' or '\u2011')
                link = Link.Hyphen;
            else if (text[k] is not (' ' or '\t' or '\u00A0' or '\u202F'))
                return Link.None;
        }
        return link;
    }

    /// <summary>The first word as written, without an elided article the analyzer dropped ("l'exportation" starts at "exportation").</summary>
    private static int Start(string text, Token token)
    {
        var apostrophe = Apostrophe(text, token);
        return apostrophe >= 0 && apostrophe - token.Start < token.End - apostrophe - 1 ? apostrophe + 1 : token.Start;
    }

    /// <summary>The last word as written, without a possessive the analyzer dropped ("China's" ends at "China").</summary>
    private static int End(string text, Token token)
    {
        var apostrophe = Apostrophe(text, token);
        return apostrophe >= 0 && apostrophe - token.Start > token.End - apostrophe - 1 ? apostrophe : token.End;
    }

    /// <summary>Where the word as written has an apostrophe its analysed form dropped, else -1.</summary>
    private static int Apostrophe(string text, Token token)
    {
        if (token.Term.Contains('\'') || token.Term.Contains('\u2019'))
            return -1;
        var at = text.AsSpan(token.Start, token.End - token.Start).IndexOfAny('\'', '\u2019');
        return at < 0 ? -1 : token.Start + at;
    }

    private static HashSet<string> StopTerms(string analyzer)
    {
        var words = analyzer switch
        {
            TextAnalysis.English => EnglishSnowballStopSet(),
            TextAnalysis.French => FrenchAnalyzer.DefaultStopSet,
            TextAnalysis.German => GermanAnalyzer.DefaultStopSet,
            _ => IndonesianAnalyzer.DefaultStopSet,
        };
        return TextAnalysis.AnalyzedSet(analyzer, words);
    }

    private static CharArraySet EnglishSnowballStopSet()
    {
        const string Resource = "Lucene.Net.Analysis.Common.Analysis.Snowball.english_stop.txt";
        using var stream = typeof(FrenchAnalyzer).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Lucene.Net.Analysis.Common no longer embeds {Resource}");
        using var reader = new StreamReader(stream);
        return WordlistLoader.GetSnowballWordSet(reader, LuceneVersion.LUCENE_48);
    }

    private enum Link
    {
        None,
        Space,
        Hyphen,
    }

    private readonly record struct Token(string Term, int Position, int Start, int End);

    private sealed class Collector : ITokenSink
    {
        public List<Token> Tokens { get; } = [];

        public void Token(ReadOnlySpan<char> term, int position, int start, int end) => Tokens.Add(new Token(term.ToString(), position, start, end));
    }
}
