using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Monitor.Text;

namespace Monitor.Scoring;

/// <summary>
/// Scores an article against the watchlists. The article's language is detected (<see cref="LanguageGuess"/>) and
/// each field (title, summary, content) is analysed once with that language's Lucene chain
/// (<see cref="TextAnalysis"/>); its tokens are looked up in the set's <see cref="PhraseTable"/> and phrases are
/// tried only from a token that starts one, so the cost grows with the article, not with the number of terms.
/// Then, per watchlist: each term counts once, weight × the boost of the best field it was found in; the seed bonus is
/// added when the article is close to the seeds and matched at least one term; a matched exclude vetoes the
/// watchlist (score 0) or subtracts its penalty; an unmet <c>require</c> group vetoes it. Everything is kept for the explanation.
/// An article not in English is scored on its English rendering too, when it has one, and each watchlist keeps the
/// better of the two scores (marked <see cref="WatchlistScore.Translated"/>): the watchlists need not spell every
/// concept in every language.
/// </summary>
/// <param name="toEnglish">Renders a text of a language in English, or gives null (see <c>EnglishTranslator</c>).</param>
public sealed class WatchlistMatcher(SeedVocabulary seeds, Func<string, string, string?>? toEnglish = null)
{
    /// <summary>Regular expressions may run this long on one field before they count as not matching.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Below this many words an article is too short for its vocabulary to say anything about the seeds.</summary>
    private const int MinWordsForSeedSimilarity = 20;

    /// <summary>The language is guessed from the start of the article (its fields read in order), enough to tell it.</summary>
    private const int LanguageSample = 1500;

    private static readonly string[] FieldNames = [Fields.Title, Fields.Summary, Fields.Content];

    /// <summary>
    /// Each field is read up to this many characters (about 3,000 words; a news article's subject is stated long before):
    /// with the per-phrase cap below, it bounds what one hostile item (a megabyte of "China China …") can cost.
    /// </summary>
    public const int MaxFieldChars = 20_000;

    /// <summary>Occurrences kept per phrase and article; one is enough for the score, a few for NEAR.</summary>
    private const int MaxOccurrences = 256;

    /// <summary>A matched form longer than this is cut in the explanation (a broad regular expression can match a page).</summary>
    private const int MaxFormChars = 200;

    [ThreadStatic]
    private static Scratch? _scratch;

    /// <summary>The terms' phrases per watchlist set, built on the set's first article and dropped with the set.</summary>
    private readonly ConditionalWeakTable<WatchlistSet, TermTriggers> _triggers = new();

    public WatchlistMatcher()
        : this(SeedVocabulary.Empty)
    {
    }

    public ScoredArticle Score(WatchlistSet watchlists, string? title, string? summary, string? content)
    {
        var native = ScoreText(watchlists, title, summary, content);
        if (toEnglish is null || native.Language is "en" or "")
            return native;
        var englishTitle = string.IsNullOrEmpty(title) ? null : toEnglish(title, native.Language);
        var englishBody = toEnglish(ArticleBody.Of(summary, content), native.Language);
        if (englishTitle is null && englishBody is null)
            return native;
        var english = ScoreText(watchlists, englishTitle, "", englishBody);
        // An exclude found in the article's own words vetoes the watchlist whatever the translation scores.
        var scores = native.Scores.Select((s, i) => english.Scores[i].Score > s.Score && !s.Excluded.Any(x => x.Contribution >= 0)
            ? english.Scores[i] with { Translated = true } : s).ToList();
        return native with { Scores = scores };
    }

    private ScoredArticle ScoreText(WatchlistSet watchlists, string? title, string? summary, string? content)
    {
        string[] texts = [Capped(title), Capped(summary), Capped(content)];
        var language = LanguageGuess.Of(texts, LanguageSample);
        var scratch = _scratch ??= new Scratch();
        scratch.Reset(watchlists.Phrases.Count);
        var triggers = _triggers.GetValue(watchlists, static set => new TermTriggers(set));
        var wantSeeds = !seeds.IsEmpty && triggers.WantSeedBonus;
        double similarity = 0;
        string? closest = null;

        foreach (var analyzer in TextAnalysis.For(language))
        {
            var sink = scratch.Sink;
            sink.Begin(watchlists.Phrases.For(analyzer), wantSeeds ? seeds.For(analyzer) : null);
            for (var f = 0; f < texts.Length; f++)
            {
                sink.StartField();
                TextAnalysis.Analyze(analyzer, texts[f], sink);
                sink.FindPhrases(scratch, f);
            }
            var (s, file) = sink.SeedSimilarity(MinWordsForSeedSimilarity);
            if (s > similarity)
                (similarity, closest) = (s, file);
        }

        scratch.MarkCandidates(triggers);
        var scores = new List<WatchlistScore>(watchlists.Watchlists.Count);
        for (var w = 0; w < watchlists.Watchlists.Count; w++)
            scores.Add(ScoreOne(w, watchlists, triggers, scratch, texts, similarity));
        return new ScoredArticle(scores) { Language = language, SeedSimilarity = wantSeeds ? similarity : null, ClosestSeed = closest };
    }

    private static WatchlistScore ScoreOne(int w, WatchlistSet set, TermTriggers triggers, Scratch scratch, string[] texts, double similarity)
    {
        var watchlist = set.Watchlists[w];
        List<TermMatch>? matches = null;
        double raw = 0;
        for (var t = 0; t < watchlist.Terms.Count; t++)
        {
            if (scratch.IsCandidate(triggers.Term(w, t)) && Find(watchlist.Terms[t], watchlist.Boosts, scratch, texts) is { } match)
            {
                (matches ??= []).Add(match);
                raw += match.Contribution;
            }
        }
        if (matches is null)
            return new WatchlistScore(watchlist.Name, 0, watchlist.Threshold, []);

        var bonus = watchlist.SeedBonus > 0 && similarity >= set.SeedSimilarityMin ? watchlist.SeedBonus : 0;
        raw += bonus;
        var score = raw;

        List<TermMatch>? excluded = null;
        var vetoed = false;
        for (var e = 0; e < watchlist.Excludes.Count; e++)
        {
            var exclude = watchlist.Excludes[e];
            if (!scratch.IsCandidate(triggers.Exclude(w, e)) || Find(exclude, watchlist.Boosts, scratch, texts) is not { } hit)
                continue;
            (excluded ??= []).Add(hit with { Contribution = exclude.Penalty is { } p ? -p : 0 });
            if (exclude.Penalty is { } penalty)
                score -= penalty;
            else
                vetoed = true;
        }

        string? unmet = null;
        if (watchlist.Requires.Count > 0)
        {
            var found = matches.Select(m => m.Term).ToHashSet(StringComparer.OrdinalIgnoreCase);
            unmet = watchlist.Requires.FirstOrDefault(r => !r.IsMetBy(found))?.ToString();
        }
        if (vetoed || unmet is not null)
            score = 0;

        return new WatchlistScore(watchlist.Name, Math.Max(0, score), watchlist.Threshold, matches)
        {
            RawScore = raw,
            Excluded = excluded ?? [],
            UnmetRequirement = unmet,
            SeedBonus = bonus,
        };
    }

    /// <summary>The term's best match: in the field with the highest boost, first pattern first.</summary>
    private static TermMatch? Find(WatchlistTerm term, FieldBoosts boosts, Scratch scratch, string[] texts)
    {
        TermMatch? best = null;
        for (var p = 0; p < term.Patterns.Count; p++)
        {
            var pattern = term.Patterns[p];
            switch (pattern)
            {
                case PhrasePattern phrase:
                    for (var o = scratch.First(phrase.Phrase); o >= 0; o = scratch.Occurrences[o].Next)
                        Consider(pattern, scratch.Occurrences[o].Field, scratch.Occurrences[o].Start, scratch.Occurrences[o].End);
                    break;
                case NearPattern near:
                    for (var l = scratch.First(near.Left); l >= 0; l = scratch.Occurrences[l].Next)
                    {
                        var left = scratch.Occurrences[l];
                        for (var r = scratch.First(near.Right); r >= 0; r = scratch.Occurrences[r].Next)
                        {
                            var right = scratch.Occurrences[r];
                            var gap = right.FirstWord > left.LastWord ? right.FirstWord - left.LastWord - 1 : left.FirstWord - right.LastWord - 1;
                            if (left.Field == right.Field && gap >= 0 && gap <= near.Within)
                                Consider(pattern, left.Field, Math.Min(left.Start, right.Start), Math.Max(left.End, right.End));
                        }
                    }
                    break;
                case RegexPattern regex:
                    for (var f = 0; f < texts.Length; f++)
                    {
                        if (texts[f].Length == 0 || (best is not null && boosts.Of(best.Field) >= boosts.Of(FieldNames[f])))
                            continue;
                        try
                        {
                            var m = regex.Regex.Match(texts[f]);
                            while (m.Success && m.Length == 0)
                                m = m.NextMatch();
                            if (m.Success)
                                Consider(pattern, f, m.Index, m.Index + m.Length);
                        }
                        catch (RegexMatchTimeoutException)
                        {
                            // A pattern that backtracks for too long on this text counts as not matching it.
                        }
                    }
                    break;
            }
        }
        return best;

        void Consider(TermPattern pattern, int field, int start, int end)
        {
            var boost = boosts.Of(FieldNames[field]);
            if (best is not null && boosts.Of(best.Field) >= boost)
                return;
            var form = Form(texts[field], start, Math.Min(end, texts[field].Length));
            best = new TermMatch(term.Term, pattern.Text, FieldNames[field], term.Weight) { Form = form, Boost = boost, Contribution = term.Weight * boost };
        }
    }

    private static string Capped(string? text) =>
        text is null ? "" : text.Length <= MaxFieldChars ? text : text[..(char.IsHighSurrogate(text[MaxFieldChars - 1]) ? MaxFieldChars - 1 : MaxFieldChars)];

    /// <summary>The words as written, on one line, control characters out, cut at <see cref="MaxFormChars"/>: it is stored and printed.</summary>
    private static string Form(string text, int start, int end)
    {
        var span = text.AsSpan(start, Math.Min(end - start, MaxFormChars));
        var form = string.Create(span.Length, span.ToString(), static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                chars[i] = char.IsControl(source[i]) ? ' ' : source[i];
        });
        return end - start > MaxFormChars ? form + "…" : form;
    }

    /// <summary>Per-thread buffers reused from one article to the next, so scoring does not allocate per token.</summary>
    private sealed class Scratch
    {
        private int[] _first = [];
        private int[] _count = [];
        private readonly HashSet<long> _seen = [];
        private readonly List<int> _touched = [];
        private bool[] _candidates = [];

        public List<Occurrence> Occurrences { get; } = [];

        public TokenCollector Sink { get; } = new();

        public void Reset(int phrases)
        {
            if (_first.Length < phrases)
            {
                _first = new int[phrases];
                _count = new int[phrases];
                Array.Fill(_first, -1);
            }
            foreach (var p in _touched)
                _first[p] = -1;
            _touched.Clear();
            _seen.Clear();
            Occurrences.Clear();
        }

        public int First(int phrase) => phrase >= 0 && phrase < _first.Length ? _first[phrase] : -1;

        /// <summary>Marks the terms and excludes the phrases found may match (see <see cref="TermTriggers"/>); once the article is analysed.</summary>
        public void MarkCandidates(TermTriggers triggers)
        {
            if (_candidates.Length < triggers.Slots)
                _candidates = new bool[triggers.Slots];
            triggers.Mark(_touched, _candidates);
        }

        public bool IsCandidate(int slot) => _candidates[slot];

        public void Add(int phrase, int field, int firstWord, int lastWord, int start, int end)
        {
            // Chained newest first, at most MaxOccurrences per phrase; the same phrase found by two analyzers at the same
            // place counts once (a set, not a walk along the chain: that was quadratic in a word repeated thousands of times).
            if (_first[phrase] < 0)
            {
                _touched.Add(phrase);
                _count[phrase] = 0;
            }
            else if (_count[phrase] >= MaxOccurrences)
                return;
            if (!_seen.Add(((long)phrase << 32) | ((long)field << 28) | (uint)firstWord))
                return;
            _count[phrase]++;
            Occurrences.Add(new Occurrence(field, firstWord, lastWord, start, end, _first[phrase]));
            _first[phrase] = Occurrences.Count - 1;
        }
    }

    private readonly record struct Occurrence(int Field, int FirstWord, int LastWord, int Start, int End, int Next);

    private readonly record struct Known(int Id, int Position, int Start, int End);

    /// <summary>Collects the tokens of one field that some phrase uses, and counts the seed vocabulary.</summary>
    private sealed class TokenCollector : ITokenSink
    {
        private readonly List<Known> _known = [];
        private PhraseTable.Compiled _phrases = null!;
        private SeedVocabulary.PerAnalyzer? _seeds;
        private int[] _seedCounts = [];
        private readonly List<int> _seedTouched = [];
        private readonly List<double> _articleWeights = [];
        private int _words;
        private int _unseen;

        public void Begin(PhraseTable.Compiled phrases, SeedVocabulary.PerAnalyzer? seeds)
        {
            _phrases = phrases;
            _seeds = seeds;
            foreach (var id in _seedTouched)
                _seedCounts[id] = 0;
            _seedTouched.Clear();
            if (seeds is not null && _seedCounts.Length < seeds.Size)
                _seedCounts = new int[seeds.Size];
            _words = 0;
            _unseen = 0;
        }

        public void StartField() => _known.Clear();

        public void Token(ReadOnlySpan<char> term, int position, int start, int end)
        {
            var id = _phrases.WordId(term);
            if (id >= 0)
                _known.Add(new Known(id, position, start, end));
            if (_seeds is null)
                return;
            var seedId = _seeds.Id(term);
            if (seedId == SeedVocabulary.StopWord)
                return;
            _words++;
            if (seedId < 0)
                _unseen++;
            else if (_seedCounts[seedId]++ == 0)
                _seedTouched.Add(seedId);
        }

        public void FindPhrases(Scratch scratch, int field)
        {
            for (var i = 0; i < _known.Count; i++)
            {
                var first = _known[i];
                foreach (var phrase in _phrases.StartingWith(first.Id))
                {
                    var words = _phrases.Phrases[phrase];
                    if (i + words.Length > _known.Count)
                        continue;
                    var all = true;
                    for (var k = 1; k < words.Length && all; k++)
                        all = _known[i + k].Id == words[k] && _known[i + k].Position == first.Position + k;
                    if (all)
                    {
                        var last = _known[i + words.Length - 1];
                        scratch.Add(phrase, field, first.Position, last.Position, first.Start, last.End);
                    }
                }
            }
        }

        /// <summary>Cosine similarity to the closest seed file (see <see cref="SeedVocabulary"/>), 0 when too short to say.</summary>
        public (double Similarity, string? File) SeedSimilarity(int minWords)
        {
            if (_seeds is null || _words < minWords)
                return (0, null);
            // Each word's weight once, not once per seed file.
            _articleWeights.Clear();
            double norm = _unseen;
            foreach (var id in _seedTouched)
            {
                var w = 1 + Math.Log(_seedCounts[id]);
                _articleWeights.Add(w);
                norm += w * w;
            }
            norm = Math.Sqrt(norm);
            double best = 0;
            string? file = null;
            for (var f = 0; f < _seeds.Files.Count; f++)
            {
                double dot = 0;
                var weights = _seeds.Weights[f];
                for (var i = 0; i < _seedTouched.Count; i++)
                    dot += weights[_seedTouched[i]] * _articleWeights[i];
                var cosine = _seeds.Norms[f] == 0 || norm == 0 ? 0 : dot / (_seeds.Norms[f] * norm);
                if (cosine > best)
                    (best, file) = (cosine, _seeds.Files[f]);
            }
            return (best, file);
        }
    }
}
