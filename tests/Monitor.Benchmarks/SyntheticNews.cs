using System.Globalization;
using System.Text;
using Monitor.Dedup;
using Monitor.Text;

namespace Monitor.Benchmarks;

/// <summary>A feed item as the poll cycle hands it to dedup.</summary>
/// <param name="Facts">The anchors its generator put in the text (what <see cref="Anchor.Of"/> should read back).</param>
public sealed record NewsItem(string Title, string Summary, string Content, IReadOnlySet<Anchor> Facts);

/// <summary>
/// Deterministic synthetic news prose (English or French) from fixed word lists and a seeded <see cref="Random"/>:
/// sentences of 9–21 words with the function words the language guess needs, and the facts anchors are read from
/// (names drawn from a skewed pool so that some recur across articles as on a real beat, amounts, counts,
/// percentages, dates within one week, product codes). Text only has to look like news to the tokenizer, the
/// boilerplate filter and the anchor reader; it does not have to make sense.
/// </summary>
public static class SyntheticNews
{
    private static readonly string[] EnglishWords =
    [
        "the", "the", "the", "of", "of", "and", "and", "to", "to", "in", "a", "that", "for", "on", "with", "as", "by",
        "at", "from", "its", "was", "is", "are", "has", "will", "said", "which", "after", "over", "more", "than", "their",
        "would", "could", "also", "but", "not", "been", "into", "company", "companies", "market", "chip", "chips",
        "export", "exports", "government", "officials", "industry", "technology", "semiconductor", "supply", "chain",
        "investment", "rules", "controls", "trade", "ministry", "statement", "analysts", "quarter", "revenue", "growth",
        "production", "factory", "plans", "deal", "talks", "sanctions", "restrictions", "firms", "data", "model",
        "models", "cloud", "computing", "network", "equipment", "shares", "price", "prices", "demand", "orders",
        "capacity", "research", "development", "policy", "security", "national", "global", "domestic", "foreign",
        "state", "new", "major", "largest", "leading", "advanced", "local", "regional", "annual", "recent", "week",
        "month", "year", "announced", "reported", "expected", "increased", "launched", "agreed", "warned", "added",
        "according", "people", "familiar", "matter", "plan", "program", "strategy", "suppliers", "customers", "engineers",
        "lithography", "memory", "processors", "designs", "licence", "approval", "review", "tariffs", "subsidies",
    ];

    private static readonly string[] FrenchWords =
    [
        "le", "le", "la", "la", "les", "les", "des", "des", "est", "et", "et", "du", "une", "dans", "pour", "que", "qui",
        "sur", "pas", "au", "avec", "de", "de", "un", "en", "ont", "sera", "selon", "plus", "par", "ses", "son", "leur",
        "entreprise", "entreprises", "marché", "puces", "exportations", "gouvernement", "responsables", "industrie",
        "technologie", "semi-conducteurs", "approvisionnement", "chaîne", "investissement", "règles", "contrôles",
        "commerce", "ministère", "déclaration", "analystes", "trimestre", "chiffre", "affaires", "croissance",
        "production", "usine", "projets", "accord", "négociations", "sanctions", "restrictions", "données", "modèle",
        "modèles", "réseau", "équipements", "actions", "prix", "demande", "commandes", "capacité", "recherche",
        "développement", "politique", "sécurité", "nationale", "mondiale", "nouvelle", "nouveau", "grands", "avancées",
        "locale", "annuel", "récent", "semaine", "mois", "année", "annoncé", "publié", "prévu", "augmenté", "lancé",
        "accepté", "averti", "ajouté", "d'après", "personnes", "proches", "dossier", "programme", "stratégie", "élevé",
        "été", "déjà", "fournisseurs", "clients", "ingénieurs", "lithographie", "mémoire", "processeurs", "licence",
        "autorisation", "examen", "droits", "douane", "subventions", "l'exportation", "l'État", "côté", "où",
    ];

    private static readonly string[] BeatNames =
    [
        "Huawei", "Nvidia", "Zhipu", "Alibaba", "Tencent", "Baidu", "Xiaomi", "Lenovo", "Reuters", "Bloomberg", "Smic",
        "ByteDance", "Moonshot", "DeepSeek", "Cambricon", "Hikvision", "Naura", "Shunyu", "Wang", "Zhang",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ren", "zhu", "ta", "vi", "son", "wei", "li", "an", "bo", "chen", "da", "fa", "gu", "hu", "ji",
        "kun", "ma", "no", "pei", "qin", "ru", "shi", "tan", "wu", "xia", "yan", "zo", "bel", "dor", "mar", "tel", "vor",
    ];

    /// <summary>About 3,000 names: the beat's usual suspects first, then made-up ones; drawn log-uniformly (name i with odds ∝ 1/(i+1)).</summary>
    private static readonly string[] Names = MakeNames(3000);

    private static readonly string[] Codes = MakeCodes(300);

    private static readonly string[] EnglishMonths = ["December", "January"];
    private static readonly string[] FrenchMonths = ["décembre", "janvier"];

    public static NewsItem English(int seed, int targetCharacters = 2000, bool variant = false) => Make(seed, targetCharacters, variant, french: false);

    public static NewsItem French(int seed, int targetCharacters = 2000, bool variant = false) => Make(seed, targetCharacters, variant, french: true);

    /// <param name="variant">
    /// The same article rewritten in part: about one sentence in six replaced by another (another outlet's copy of
    /// the story), for near-duplicate lookups.
    /// </param>
    private static NewsItem Make(int seed, int targetCharacters, bool variant, bool french)
    {
        var rng = new Random(seed);
        var alt = new Random(unchecked(seed * 7919 + 17));
        var content = new StringBuilder(targetCharacters + 400);
        var facts = new HashSet<Anchor>();
        string? firstSentence = null;
        while (content.Length < targetCharacters)
        {
            var sentences = rng.Next(2, 5);
            for (var s = 0; s < sentences; s++)
            {
                var altFacts = new HashSet<Anchor>();
                var sentence = Sentence(rng, french, facts);
                // Drawn in both versions, so that the original and the variant share every other sentence.
                var rewritten = rng.NextDouble() < 0.17;
                if (variant && rewritten)
                {
                    // The facts of the replaced sentence stay listed: a superset is good enough for a description.
                    sentence = Sentence(alt, french, altFacts);
                    facts.UnionWith(altFacts);
                }
                firstSentence ??= sentence;
                content.Append(sentence).Append(s == sentences - 1 ? "\n" : " ");
            }
        }
        var title = Title(rng, french);
        return new NewsItem(title, firstSentence!, content.ToString().TrimEnd('\n'), facts);
    }

    private static string Title(Random rng, bool french)
    {
        var words = french ? FrenchWords : EnglishWords;
        var builder = new StringBuilder();
        builder.Append(Name(rng));
        for (var i = 0; i < rng.Next(6, 11); i++)
            builder.Append(' ').Append(words[rng.Next(words.Length)]);
        return builder.ToString();
    }

    private static string Sentence(Random rng, bool french, HashSet<Anchor> facts)
    {
        var words = french ? FrenchWords : EnglishWords;
        var count = rng.Next(9, 22);
        var builder = new StringBuilder(200);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                builder.Append(i % 7 == 4 && rng.Next(4) == 0 ? ", " : " ");
            // Facts go mid-sentence, never first (a capitalised word at a sentence start is not read as a name).
            if (i > 0 && Fact(rng, french) is { } fact)
            {
                builder.Append(fact.Text);
                facts.Add(fact.Anchor);
            }
            else
            {
                var word = words[rng.Next(words.Length)];
                builder.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            }
        }
        return builder.Append('.').ToString();
    }

    /// <summary>
    /// Null for a plain word (942 times in 1,000), else a fact as written and as the anchor it stands for. Per 1,000 words:
    /// 30 names, 9 counts, 6 amounts, 5 percentages, 5 dates, 3 codes (about 15 distinct anchors in 330 words).
    /// </summary>
    private static (string Text, Anchor Anchor)? Fact(Random rng, bool french)
    {
        var fact = rng.Next(1000);
        if (fact < 30)
        {
            var name = Name(rng);
            return (name, new Anchor(AnchorKind.Name, WordTokenizer.Fold(name)));
        }
        if (fact < 39)
            return Count(rng, french);
        if (fact < 45)
            return Amount(rng, french);
        if (fact < 50)
            return Percent(rng, french);
        if (fact < 55)
            return Date(rng, french);
        if (fact < 58)
        {
            var code = Codes[LogUniform(rng, Codes.Length)];
            return (code, new Anchor(AnchorKind.Code, WordTokenizer.Fold(code)));
        }
        return null;
    }

    private static string Name(Random rng) => Names[LogUniform(rng, Names.Length)];

    private static string Canonical(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static (string, Anchor) Amount(Random rng, bool french)
    {
        var tenths = rng.Next(10, 10_000);
        var billions = rng.Next(2) == 1;
        var currency = rng.Next(3);
        var value = (tenths / 10.0).ToString("0.#", CultureInfo.InvariantCulture);
        if (french)
            value = value.Replace('.', ',');
        var scale = billions ? (french ? "milliards" : "billion") : (french ? "millions" : "million");
        var text = (currency, french) switch
        {
            (0, false) => $"${value} {scale}",
            (1, false) => $"{value} {scale} yuan",
            (_, false) => $"{value} {scale} euros",
            (0, true) => $"{value} {scale} de dollars",
            (1, true) => $"{value} {scale} de yuans",
            _ => $"{value} {scale} d'euros",
        };
        var unit = currency switch { 0 => "usd", 1 => "cny", _ => "eur" };
        return (text, new Anchor(AnchorKind.Amount, unit + ":" + Canonical(tenths / 10.0 * (billions ? 1e9 : 1e6))));
    }

    private static (string, Anchor) Count(Random rng, bool french)
    {
        var value = (int)Math.Pow(10, 1 + rng.NextDouble() * 4);
        var text = value.ToString("#,0", CultureInfo.InvariantCulture);
        var anchor = value is >= 1900 and <= 2099 ? new Anchor(AnchorKind.Year, text) : new Anchor(AnchorKind.Count, Canonical(value));
        return (french ? text.Replace(',', ' ') : text, anchor);
    }

    private static (string, Anchor) Percent(Random rng, bool french)
    {
        var value = rng.Next(1, 60);
        return (french ? $"{value} %" : $"{value}%", new Anchor(AnchorKind.Percent, Canonical(value)));
    }

    /// <summary>A day of one week (December 29 to January 4), so that recent articles share dates as they do in a real feed.</summary>
    private static (string, Anchor) Date(Random rng, bool french)
    {
        var day = rng.Next(7);
        var (month, dayOfMonth) = day < 3 ? (0, 29 + day) : (1, day - 2);
        var text = french ? $"le {dayOfMonth} {FrenchMonths[month]}" : $"on {EnglishMonths[month]} {dayOfMonth}";
        return (text, new Anchor(AnchorKind.Date, $"{(month == 0 ? 12 : 1):00}-{dayOfMonth:00}"));
    }

    /// <summary>
    /// The anchors of an article of <paramref name="words"/> words drawn as the text generator draws its facts, without
    /// writing the text: rare values (amounts, most names) stay as rare across a million articles as in real news.
    /// </summary>
    public static HashSet<Anchor> RandomAnchors(Random rng, int words = 330)
    {
        var anchors = new HashSet<Anchor>();
        for (var i = 0; i < words; i++)
            if (Fact(rng, french: false) is { } fact)
                anchors.Add(fact.Anchor);
        return anchors;
    }

    /// <summary>An index in [0, n) with odds ∝ 1/(i+1): a few values very common, a long tail of rare ones.</summary>
    private static int LogUniform(Random rng, int n) => Math.Min(n - 1, (int)Math.Pow(n + 1, rng.NextDouble()) - 1);

    private static string[] MakeNames(int count)
    {
        var rng = new Random(7);
        var names = new List<string>(BeatNames);
        var seen = new HashSet<string>(names, StringComparer.Ordinal);
        while (names.Count < count)
        {
            var builder = new StringBuilder();
            for (var s = 0; s < rng.Next(2, 4); s++)
                builder.Append(Syllables[rng.Next(Syllables.Length)]);
            var name = char.ToUpperInvariant(builder[0]) + builder.ToString(1, builder.Length - 1);
            if (seen.Add(name))
                names.Add(name);
        }
        return [.. names];
    }

    private static string[] MakeCodes(int count)
    {
        var rng = new Random(11);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
            codes.Add($"{(char)('A' + rng.Next(26))}{rng.Next(1, 1000)}");
        return [.. codes];
    }

    /// <summary>
    /// A fingerprint with the shape of a ~2,000-character article's (250–400 shingles, one MinHash signature per window
    /// of 100 shingles every 50, as <see cref="Fingerprint.Of"/> cuts them) built from random shingle hashes instead of
    /// text, and with <see cref="RandomAnchors"/>: millions of these are cheap to make.
    /// </summary>
    public static Fingerprint RandomFingerprint(Random rng, MinHash minHash)
    {
        var sequence = new ulong[rng.Next(250, 401)];
        for (var i = 0; i < sequence.Length; i++)
            sequence[i] = unchecked((ulong)rng.NextInt64());
        var signatures = new List<uint[]>();
        for (var start = 0; ; start += Fingerprint.WindowWords / 2)
        {
            var end = Math.Min(start + Fingerprint.WindowWords, sequence.Length);
            signatures.Add(minHash.Signature(sequence.AsSpan(start, end - start)));
            if (end == sequence.Length)
                break;
        }
        return new Fingerprint("en", sequence.Length + 4, Fingerprint.Fold(sequence), signatures, RandomAnchors(rng, sequence.Length + 4))
        {
            Terms = RandomTerms(rng, rng.Next(120, 221)),
            TitleTerms = RandomTerms(rng, rng.Next(15, 31)),
        };
    }

    /// <summary>
    /// Content words drawn as news uses them: Zipf-distributed over a 60,000-word vocabulary (a few words in most
    /// texts, most words in few), so that the term index holds long lists for common words as a real history does.
    /// </summary>
    private static TermVector RandomTerms(Random rng, int count)
    {
        var counts = new Dictionary<uint, float>();
        while (counts.Count < count)
        {
            // Inverse of a Zipf(1) CDF over 60,000 ranks, approximated by exp(u * ln N).
            var rank = (int)Math.Exp(rng.NextDouble() * Math.Log(60_000));
            var term = TermVector.Hash($"w{rank}");
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        var terms = counts.Keys.Order().ToArray();
        return new TermVector(terms, terms.Select(t => counts[t]).ToArray());
    }
}
