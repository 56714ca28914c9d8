using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Dedup;
using Monitor.Feeds;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor explain URL-or-id</c>: why a stored article was kept or dropped: the dedup decision (which seed passage
/// or earlier article, which measure, value and threshold, which anchors), its story, its watchlist scores and
/// matched terms, and to whom it was sent.
/// </summary>
public static class ExplainVerb
{
    public static async Task<int> RunAsync(MonitorPaths paths, HostFactory hostFactory, string article, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        using var host = hostFactory(paths, config).Build();
        await host.Services.GetRequiredService<MonitorDatabase>().MigrateAsync(cancellationToken);
        // A link may be given without its scheme ("site.example/path"): identity keys ignore the scheme anyway.
        var link = article.Contains("://", StringComparison.Ordinal) || long.TryParse(article, out _) ? article : "https://" + article.Trim();
        var identity = UrlCanonicalizer.Canonicalize(link) is { } canonical ? "url:" + UrlCanonicalizer.IdentityKey(canonical) : null;
        var found = await host.Services.GetRequiredService<ArticleStore>().ExplainAsync(article.Trim(), identity, cancellationToken);
        if (found is null)
        {
            error.WriteLine($"monitor: no stored article has the id, URL or key {article}");
            return ExitCodes.Failure;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Article {found.Id}: {found.Title}"));
        output.WriteLine($"  url:       {found.Url ?? "(none)"}");
        output.WriteLine($"  key:       {found.Key}");
        output.WriteLine($"  feed:      {found.FeedUrl}");
        output.WriteLine(string.Create(inv, $"  found:     {found.FoundAt:yyyy-MM-dd HH:mm} UTC{(found.Published is { } p ? $", published {p.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}"));
        var verdict = Verdict(found.DedupEvidence);
        var kept = found.Status != ArticleStatus.Duplicate;
        output.WriteLine($"  decision:  {(kept ? "kept" : "dropped")} ({found.Status}): {found.DedupReason}");
        if (verdict is not null)
        {
            output.WriteLine(string.Create(inv, $"  dedup:     outcome {verdict.Outcome}; measure {verdict.Measure ?? "none reached its threshold"}; value {verdict.Value:0.###}; threshold {verdict.Threshold:0.###}"));
            if (verdict.SeedFile is not null)
            {
                var passage = host.Services.GetRequiredService<SeedCorpus>().Passages.FirstOrDefault(s => s.SeedFile == verdict.SeedFile && s.Index == verdict.PassageIndex);
                output.WriteLine($"  seed:      {verdict.SeedFile}, passage {verdict.PassageIndex}{(passage is null ? "" : $": \"{passage.Preview}\"")}");
            }
            if (verdict.StoryOf is not null)
                output.WriteLine($"  earlier:   article {verdict.StoryOf}");
            if (verdict.Anchors.Count > 0)
                output.WriteLine($"  anchors:   {string.Join(", ", verdict.Anchors)}");
            if (verdict.Closest is not null)
                output.WriteLine($"  closest:   {verdict.Closest}");
        }
        output.WriteLine($"  story:     {found.StoryKey}{(found.StoryMembers.Count == 0 ? " (no other report)" : string.Create(inv, $" ({found.StoryMembers.Count} other report{(found.StoryMembers.Count == 1 ? "" : "s")})"))}");
        foreach (var (id, title, feed, status) in found.StoryMembers)
            output.WriteLine(string.Create(inv, $"             {id} [{status}] {CycleReport.Cut(title, 70)} <{feed}>"));
        if (found.Scoring is { } scoring)
        {
            output.WriteLine(string.Create(inv, $"  language:  {(scoring.Language.Length == 0 ? "undetermined (read as English and French)" : scoring.Language)}"));
            output.WriteLine(scoring.SeedSimilarity is not { } similarity
                ? "  seeds:     vocabulary not compared (no watchlist has a seed bonus)"
                : string.Create(inv, $"  seeds:     vocabulary similarity {similarity:0.###}{(scoring.ClosestSeed is null ? " (too short, or no word in common)" : $" (closest: {scoring.ClosestSeed})")}"));
        }
        if (found.Scores.Count == 0)
            output.WriteLine(kept ? "  scores:    no watchlist term matched" : "  scores:    not scored (a duplicate)");
        foreach (var score in found.Scores)
            WriteScore(output, score, config.Watchlists.Find(score.Watchlist));
        if (found.SentTo.Count == 0)
            output.WriteLine("  sent:      not sent");
        foreach (var (recipient, at) in found.SentTo)
            output.WriteLine(string.Create(inv, $"  sent:      to {recipient} on {at:yyyy-MM-dd HH:mm} UTC"));
        return ExitCodes.Success;
    }

    /// <summary>One watchlist's score, line by line: what each term added (weight × field boost), the seed bonus, the excludes and the requirement that vetoed it.</summary>
    private static void WriteScore(TextWriter output, StoredScore score, Scoring.Watchlist? current)
    {
        var inv = CultureInfo.InvariantCulture;
        var details = score.Details;
        // The digest compares the stored score with the threshold in force now (an edited threshold applies to
        // articles already found), so that is the one shown; the one at scoring time only when it differs.
        var threshold = current?.Threshold ?? details?.Threshold;
        var then = details is not null && threshold is not null && details.Threshold != threshold
            ? string.Create(inv, $" (it was {details.Threshold:0.##} when scored)") : "";
        var verdict = current is null
            ? " (this watchlist is no longer in watchlists.yaml)"
            : score.Score >= current.Threshold && score.Score > 0
                ? string.Create(inv, $" >= threshold {current.Threshold:0.##}{then}: goes in the digest of the recipients of {current.Name}")
                : string.Create(inv, $" < threshold {current.Threshold:0.##}{then}: not in the digest");
        output.WriteLine(string.Create(inv, $"  score:     {score.Watchlist} {score.Score:0.##}{verdict}"));
        if (details?.Translated == true)
            output.WriteLine("             (matched in the article's English translation, which scored higher than its own language)");
        foreach (var m in score.Matches)
        {
            var form = m.Form is null || string.Equals(m.Form, m.MatchedPhrase, StringComparison.Ordinal) ? "" : $" (written \"{CycleReport.Cut(m.Form, 60)}\")";
            output.WriteLine(string.Create(inv, $"             +{m.Contribution,-5:0.##} {m.Term}: \"{m.MatchedPhrase}\"{form} in {m.Field}, weight {m.Weight:0.##} x boost {m.Boost:0.##}"));
        }
        if (details is null)
            return;
        if (details.SeedBonus > 0)
            output.WriteLine(string.Create(inv, $"             +{details.SeedBonus,-5:0.##} seed bonus: the vocabulary is close to a seed file"));
        foreach (var x in details.Excluded)
        {
            var effect = x.Contribution < 0 ? string.Create(inv, $"-{-x.Contribution,-5:0.##} ") : "veto   ";
            output.WriteLine(string.Create(inv, $"             {effect}exclude {x.Term}: \"{x.MatchedPhrase}\" in {x.Field}"));
        }
        if (details.UnmetRequirement is not null)
            output.WriteLine($"             veto   require {details.UnmetRequirement}: not met");
        if (details.RawScore != score.Score)
            output.WriteLine(string.Create(inv, $"             (terms and bonus gave {details.RawScore:0.##})"));
    }

    private static DedupVerdict? Verdict(string? json)
    {
        if (json is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize<DedupVerdict>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
