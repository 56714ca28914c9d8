using Monitor.Text;

namespace Monitor.Dedup;

/// <summary>
/// What dedup keeps of a text: its language, its distinct shingle hashes (sorted, 32-bit: enough for exact overlap
/// measures between two texts), one MinHash signature per window of <see cref="WindowWords"/> words (so that a short
/// text inside a long one is near one of its windows), its language-independent anchors, its content words and,
/// for a text not in English that could be translated, the content words of its English rendering.
/// </summary>
public sealed record Fingerprint(string Language, int WordCount, uint[] Shingles, IReadOnlyList<uint[]> Signatures, IReadOnlySet<Anchor> Anchors)
{
    public const int WindowWords = 100;

    public TermVector Terms { get; init; } = TermVector.Empty;

    /// <summary>
    /// The content words of the headline and the lede (the body's first <see cref="LeadCharacters"/> characters):
    /// reports of one event tell what happened there, where two steps of one saga differ.
    /// </summary>
    public TermVector TitleTerms { get; init; } = TermVector.Empty;

    public const int LeadCharacters = 240;

    /// <summary>The content words of the English rendering; null for English text or when no translation was made.</summary>
    public TermVector? EnglishTerms { get; init; }

    public TermVector? EnglishTitleTerms { get; init; }

    /// <param name="toEnglish">Renders a text of the given language in English, or gives null.</param>
    public static Fingerprint Of(string title, string body, int shingleSize, MinHash minHash, IReadOnlySet<string>? repeated = null,
        Func<string, string, string?>? toEnglish = null)
    {
        // The English rendering is of the text as given (before the boilerplate is cut), the text scoring translates
        // too: one translation serves both.
        var original = (Title: title, Body: body);
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
        TermVector? english = null, englishTitleTerms = null;
        if (toEnglish is not null && language is not ("en" or ""))
        {
            var englishTitle = title.Length == 0 ? "" : toEnglish(original.Title, language);
            var englishBody = toEnglish(original.Body, language);
            if (englishBody is not null || englishTitle is { Length: > 0 })
            {
                english = TermVector.Of(englishTitle ?? "", englishBody ?? "", "en");
                englishTitleTerms = TermVector.Of(englishTitle ?? "", Lead(englishBody ?? ""), "en");
            }
        }
        return new Fingerprint(language, words.Count, Fold(sequence), signatures, Anchor.Of(title, body, language))
        {
            Terms = TermVector.Of(title, body, language),
            TitleTerms = TermVector.Of(title, Lead(body), language),
            EnglishTerms = english,
            EnglishTitleTerms = englishTitleTerms,
        };
    }

    /// <summary>The opening of a body, cut at a word's end (CJK text, without spaces, at the length).</summary>
    internal static string Lead(string body)
    {
        if (body.Length <= LeadCharacters)
            return body;
        var end = body.IndexOfAny([' ', '\n', '\t'], LeadCharacters);
        return end < 0 || end > LeadCharacters + 40 ? body[..LeadCharacters] : body[..end];
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
