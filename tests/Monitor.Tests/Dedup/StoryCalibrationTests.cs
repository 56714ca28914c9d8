using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Dedup;
using Monitor.Tests.Support;
using Monitor.Text;
using Xunit.Abstractions;

namespace Monitor.Tests.Dedup;

/// <summary>
/// The story model's calibration on the shared labelled sets (read in place, never copied): every pair of articles of
/// a set, and every article with every seed, measured with the production signals and the IDF a poll of the whole
/// set would have; a logistic fit over them, its threshold chosen precision first by running the real deduplicator
/// on each set; and ablations (each signal left out and the model refitted). Prints what config/appsettings.json
/// should ship (<c>Dedup:Story</c>) and gates the shipped model on the sets.
/// </summary>
public sealed class StoryCalibrationTests(ITestOutputHelper output)
{

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    internal static readonly string[] Signals = ["entities", "text", "title", "shingles", "time"];

    /// <summary>The model's inputs, column 0 the intercept, as <see cref="StoryModel.Logit"/> combines them.</summary>
    internal static double[] Features(StorySignals s, IReadOnlyCollection<string> without) =>
    [
        1,
        without.Contains("entities") ? 0 : StoryModel.Features.Entities(s),
        without.Contains("text") ? 0 : s.Text,
        without.Contains("title") ? 0 : s.Title,
        without.Contains("shingles") ? 0 : s.Shingles,
        without.Contains("time") ? 0 : StoryModel.Features.Near(s),
        without.Contains("time") ? 0 : StoryModel.Features.Far(s),
        s.Blind ? 1 : 0,
        without.Contains("time") || !s.OtherYears ? 0 : 1,
        without.Contains("entities") ? 0 : s.EntityShare,
        s.Nameless ? 1 : 0,
        s.WithSeed ? 1 : 0,
        s.Translated ? 1 : 0,
    ];

    internal static StoryModelOptions ToOptions(double[] w, double threshold) => new()
    {
        Intercept = w[0], Entities = w[1], Text = w[2], Title = w[3], Shingles = w[4], Near = w[5], Far = w[6], Blind = w[7], OtherYears = w[8], EntityShare = w[9], Nameless = w[10], Seed = w[11], Translated = w[12], Threshold = threshold,
    };

    internal static StoryModelOptions Shipped()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "defaults", "config", "appsettings.json"), optional: false).Build();
        return configuration.GetSection("Dedup:Story").Get<StoryModelOptions>() ?? new StoryModelOptions();
    }

    private sealed record Pair(string Set, bool Same, StorySignals Signals, string Ids = "");

    /// <summary>The production translator (Debian's apertium and dictionaries, as .ci/run installs them), shared by the calibration.</summary>
    internal static readonly Lazy<EnglishTranslator> Translator = new(() =>
        new EnglishTranslator(Options.Create(new TranslationOptions()), NullLogger<EnglishTranslator>.Instance));

    private static Deduplicator NewDeduplicator(StoryModelOptions? story = null) =>
        new(NewsEval.Seeds, Options.Create(new DedupOptions { Story = story ?? new StoryModelOptions() }), new FixedTime(Now), null,
            Translator.Value.ToEnglish);

    private static List<(string Name, IReadOnlyList<NewsEvalArticle> Articles)> Sets() =>
        [("beat-stream", BeatStream.Articles), ("news-eval", NewsEval.Articles)];

    /// <summary>Each set's fingerprints, made once: they do not depend on the model's weights.</summary>
    private static readonly Lazy<Dictionary<string, List<Fingerprint>>> Prints = new(() =>
    {
        var dedup = NewDeduplicator();
        return Sets().ToDictionary(s => s.Name, s => s.Articles.Select(a => dedup.Fingerprint(a.TitleOrEmpty, "", a.Text)).ToList());
    });

    /// <summary>Article pairs and article–seed pairs (the window most like the article, by the given model) of every set.</summary>
    private static List<Pair> Pairs(StoryModel model)
    {
        var pairs = new List<Pair>();
        foreach (var (name, articles) in Sets())
        {
            var dedup = NewDeduplicator();
            var prints = Prints.Value[name];
            dedup.CountInIdf(articles.Select((a, i) => (a.Id, prints[i])));
            for (var i = 0; i < articles.Count; i++)
                for (var j = i + 1; j < articles.Count; j++)
                    pairs.Add(new Pair(name, articles[i].Story == articles[j].Story,
                        StorySignals.Between(prints[i], prints[j], new StoryTime(articles[i].Published, Now), new StoryTime(articles[j].Published, Now), dedup.Frequencies, true),
                        $"{articles[i].Id}/{articles[j].Id} {articles[i].Lang}/{articles[j].Lang}"));
            var windows = dedup.SeedWindows();
            for (var i = 0; i < articles.Count; i++)
                foreach (var seed in windows.GroupBy(w => w.SeedFile))
                {
                    var best = seed.Select(w => StorySignals.Between(prints[i], w.Fingerprint, new StoryTime(articles[i].Published, Now), StoryTime.Unknown, dedup.Frequencies) with { WithSeed = true }).MaxBy(model.Logit)!;
                    pairs.Add(new Pair(name + "/seeds", articles[i].DuplicateOfSeed == seed.Key, best, $"{articles[i].Id}/{seed.Key[..3]} {articles[i].Lang}/fr"));
                }
        }
        return pairs;
    }

    /// <summary>What the real deduplicator makes of each set in one poll: grouping and seed figures.</summary>
    internal sealed record Outcome(string Set, int Shown, int Joined, int WrongJoins, int StoryPairs, int FoundPairs, int SeedDups, int SeedDupsOut, int WrongDrops)
    {
        public double Precision => Joined == 0 ? 1 : (double)(Joined - WrongJoins) / Joined;

        public double Recall => StoryPairs == 0 ? 1 : (double)FoundPairs / StoryPairs;

        public double SeedRecall => SeedDups == 0 ? 1 : (double)SeedDupsOut / SeedDups;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Set}: grouping P {Precision:0.000} ({WrongJoins} wrong of {Joined}) R {Recall:0.000} ({FoundPairs}/{StoryPairs}); seed dups out {SeedRecall:0.000} ({SeedDupsOut}/{SeedDups}), wrongly dropped {WrongDrops}");
    }

    internal static IReadOnlyList<Outcome> Run(StoryModelOptions story, Action<string>? log = null)
    {
        var outcomes = new List<Outcome>();
        foreach (var (name, articles) in Sets())
        {
            var dedup = NewDeduplicator(story);
            var batch = articles.Select((a, i) => new Arrival(a.Id, Prints.Value[name][i], Now, a.Published)).ToList();
            var verdicts = dedup.CheckAndRememberAll(batch);
            var cluster = new Dictionary<string, string>();
            int seedDups = 0, seedOut = 0, wrongDrops = 0;
            for (var i = 0; i < articles.Count; i++)
            {
                var dup = articles[i].DuplicateOfSeed is not null;
                seedDups += dup ? 1 : 0;
                if (verdicts[i].IsDuplicate)
                {
                    if (dup)
                        seedOut++;
                    else
                    {
                        wrongDrops++;
                        log?.Invoke($"  {name} wrongly dropped {articles[i].Id}: {verdicts[i].Reason}");
                    }
                    continue;
                }
                if (dup)
                    log?.Invoke($"  {name} seed dup kept {articles[i].Id} ({articles[i].Lang}, {articles[i].DuplicateOfSeed}): {verdicts[i].Reason}");
                cluster[articles[i].Id] = verdicts[i].StoryOf ?? articles[i].Id;
            }
            int joined = 0, wrong = 0, pairs = 0, found = 0;
            var shown = articles.Where(a => cluster.ContainsKey(a.Id)).ToList();
            for (var i = 0; i < shown.Count; i++)
                for (var j = i + 1; j < shown.Count; j++)
                {
                    var together = cluster[shown[i].Id] == cluster[shown[j].Id];
                    var same = shown[i].Story == shown[j].Story;
                    if (together)
                    {
                        joined++;
                        if (!same)
                        {
                            wrong++;
                            log?.Invoke($"  {name} wrong join {shown[i].Id}/{shown[j].Id} ({shown[i].Story} / {shown[j].Story})");
                        }
                    }
                    if (same)
                    {
                        pairs++;
                        found += together ? 1 : 0;
                        if (!together)
                            log?.Invoke($"  {name} missed {shown[i].Id}/{shown[j].Id} {shown[i].Lang}/{shown[j].Lang} ({shown[i].Story})");
                    }
                }
            outcomes.Add(new Outcome(name, shown.Count, joined, wrong, pairs, found, seedDups, seedOut, wrongDrops));
        }
        return outcomes;
    }

    [SkippableFact]
    public void Calibration_FromLabelledPairs_IsPrinted()
    {
        Skip.If((BeatStream.Missing ?? NewsEval.Missing) is not null, BeatStream.Missing ?? NewsEval.Missing);
        var pairs = Pairs(new StoryModel(Shipped()));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Run(Shipped());
        output.WriteLine($"{pairs.Count} pairs, {pairs.Count(p => p.Same)} same-story; one run of the deduplicator on both sets {clock.ElapsedMilliseconds} ms");
        if (Environment.GetEnvironmentVariable("MONITOR_CALIBRATION_DUMP") is { Length: > 0 } dump)
            File.WriteAllLines(dump, pairs.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Set}\t{p.Ids}\t{(p.Same ? 1 : 0)}\t{p.Signals.Entities:0.###}\t{p.Signals.Text:0.###}\t{p.Signals.Title:0.###}\t{p.Signals.Shingles:0.###}\t{p.Signals.GapDays?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"}\t{string.Join(",", p.Signals.SharedAnchors)}")));
        var bestSeedOffset = 0.0;
        var bestTranslatedOffset = 0.0;
        foreach (var without in new[] { Array.Empty<string>() }.Concat(Signals.Select(s => new[] { s })))
        {
            var w = LogisticRegression.Fit(pairs.Select(p => Features(p.Signals, without)).ToList(), pairs.Select(p => p.Same).ToList());
            // The threshold, and the seed offset (a window of a long page is compared, not an article: the fit sees
            // too few seed pairs to place it), are chosen by running the deduplicator: precision first (at least 0.95
            // on each set, no article wrongly dropped), then the most same-story pairs joined and seed duplicates out.
            var seedOffsets = without.Length == 0 ? SeedOffsets() : [bestSeedOffset];
            var best = seedOffsets.SelectMany(offset => Thresholds().Select(t => (Threshold: t, Offset: offset)))
                .Select(c => (c.Threshold, c.Offset, Outcomes: Run(ToOptions(WithSeedOffset(w, c.Offset), c.Threshold))))
                .Where(r => r.Outcomes.All(o => o.Precision >= 0.95 && o.WrongDrops == 0))
                .OrderByDescending(r => r.Outcomes.Sum(o => o.FoundPairs + o.SeedDupsOut)).ThenBy(r => r.Threshold).ThenBy(r => r.Offset).FirstOrDefault();
            if (without.Length == 0)
                bestSeedOffset = best.Offset;
            w[11] += best.Offset;
            // The same for pairs compared in translation (few in the sets), at the threshold chosen.
            var translated = (without.Length == 0 ? TranslatedOffsets() : [bestTranslatedOffset])
                .Select(offset => (Offset: offset, Outcomes: Run(ToOptions(WithOffset(w, 12, offset), best.Threshold))))
                .Where(r => r.Outcomes.All(o => o.Precision >= 0.95 && o.WrongDrops == 0))
                .OrderByDescending(r => r.Outcomes.Sum(o => o.FoundPairs + o.SeedDupsOut)).ThenBy(r => r.Offset).FirstOrDefault();
            if (translated.Outcomes is not null)
            {
                if (without.Length == 0)
                    bestTranslatedOffset = translated.Offset;
                w[12] += translated.Offset;
                best = (best.Threshold, best.Offset, translated.Outcomes);
            }
            var label = without.Length == 0 ? "all signals" : "without " + without[0];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: \"Intercept\": {w[0]:0.###}, \"Entities\": {w[1]:0.###}, \"Text\": {w[2]:0.###}, \"Title\": {w[3]:0.###}, \"Shingles\": {w[4]:0.###}, \"Near\": {w[5]:0.###}, \"Far\": {w[6]:0.###}, \"Blind\": {w[7]:0.###}, \"OtherYears\": {w[8]:0.###}, \"EntityShare\": {w[9]:0.###}, \"Nameless\": {w[10]:0.###}, \"Seed\": {w[11]:0.###}, \"Translated\": {w[12]:0.###}, \"Threshold\": {best.Threshold:0.00}"));
            foreach (var o in best.Outcomes ?? [])
                output.WriteLine("  " + o);
        }
        output.WriteLine("shipped (config/appsettings.json):");
        foreach (var o in Run(Shipped(), output.WriteLine))
            output.WriteLine("  " + o);
    }

    /// <summary>
    /// The gate: the shipped model, run on each shared set as a poll would, keeps different events apart (grouping
    /// precision at least 0.95) and drops no article that does not repeat a seed.
    /// </summary>
    [SkippableFact]
    public void ShippedModel_KeepsDifferentEventsApart_AndDropsNothingWrongly()
    {
        Skip.If((BeatStream.Missing ?? NewsEval.Missing) is not null, BeatStream.Missing ?? NewsEval.Missing);
        var outcomes = Run(Shipped(), output.WriteLine);
        foreach (var o in outcomes)
            output.WriteLine(o.ToString());

        Assert.All(outcomes, o => Assert.True(o.Precision >= 0.95, o.ToString()));
        Assert.All(outcomes, o => Assert.Equal(0, o.WrongDrops));
        Assert.All(outcomes, o => Assert.True(o.Joined > 0, $"{o.Set}: nothing joined, the gate measures nothing"));
    }

    private static double[] WithSeedOffset(double[] w, double offset) => WithOffset(w, 11, offset);

    private static double[] WithOffset(double[] w, int index, double offset)
    {
        var shifted = (double[])w.Clone();
        shifted[index] += offset;
        return shifted;
    }

    private static double[] TranslatedOffsets() => [0, 0.5, 1, 1.5, 2, 2.5, 3];

    private static double[] SeedOffsets() => [0, 1, 2, 2.5, 3, 4];

    private static IEnumerable<double> Thresholds()
    {
        for (var t = 0.30; t <= 0.97; t += 0.04)
            yield return Math.Round(t, 2);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
