using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor backtest [--days N] [--watchlists FILE]</c>: replays the non-duplicate articles stored in the last N days
/// through a proposed watchlist file and prints, per watchlist, the articles that would enter and leave the digest,
/// with their scores before and after and what made the difference. With <c>--watchlists</c>, both sides are scored
/// now, with watchlists.yaml (in force) and with FILE; without it, the scores stored when the articles were found are
/// compared with watchlists.yaml as it is now (the check after an edit in place). Reads the database, never writes it.
/// </summary>
public static class BacktestVerb
{
    public const int DefaultDays = 7;

    public static async Task<int> RunAsync(MonitorPaths paths, HostFactory hostFactory, TimeProvider time, int days, string? proposedFile,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        var inForce = ConfigSource.Display(paths.WatchlistsFile);
        WatchlistSet? proposed = null;
        if (proposedFile is not null)
        {
            try
            {
                proposed = new WatchlistLoader().Load(Path.GetFullPath(proposedFile));
            }
            catch (ConfigurationException ex)
            {
                error.WriteLine($"monitor: {proposedFile} is not a valid watchlist file, nothing was replayed:");
                foreach (var problem in ex.Problems)
                    error.WriteLine("  " + problem);
                return ExitCodes.InvalidConfiguration;
            }
        }

        using var host = hostFactory(paths, config).Build();
        var inv = CultureInfo.InvariantCulture;
        var since = time.GetUtcNow() - TimeSpan.FromDays(days);
        var window = string.Create(inv, $"since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC (the last {days} day{(days == 1 ? "" : "s")})");
        var articles = await host.Services.GetRequiredService<ArticleReader>().FoundSinceAsync(since, cancellationToken);
        if (articles.Count == 0)
        {
            output.WriteLine($"Nothing to replay: no article other than duplicates was found {window}.");
            return ExitCodes.Success;
        }

        var matcher = host.Services.GetRequiredService<WatchlistMatcher>();
        var after = proposed ?? config.Watchlists;
        var names = config.Watchlists.Watchlists.Select(w => w.Name).Union(after.Watchlists.Select(w => w.Name), StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal).ToList();
        var changes = new List<(ReplayArticle Article, ScoreChange Change)>();
        var notCompared = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var afterScores = matcher.Score(after, article.Title, article.Summary, article.Content).Scores;
            var beforeScores = proposed is null
                ? Stored(article, config.Watchlists, notCompared)
                : matcher.Score(config.Watchlists, article.Title, article.Summary, article.Content).Scores;
            foreach (var name in names)
                changes.Add((article, new ScoreChange(name, Find(beforeScores, name), Find(afterScores, name))));
        }

        output.WriteLine(proposed is null
            ? string.Create(inv, $"Backtest of {inForce} against the scores stored when the articles were found, on {articles.Count} articles found {window}. Thresholds are not stored: both sides use the file's.")
            : string.Create(inv, $"Backtest of {proposedFile} (proposed) against {inForce} (in force), on {articles.Count} articles found {window}."));
        output.WriteLine();
        foreach (var name in names)
            WriteWatchlist(output, name, changes.Where(c => c.Change.Watchlist == name).ToList(), config.Watchlists.Find(name), after.Find(name));

        var added = after.Watchlists.Where(w => config.Watchlists.Find(w.Name) is null).Select(w => w.Name).ToList();
        var removed = config.Watchlists.Watchlists.Where(w => after.Find(w.Name) is null).Select(w => w.Name).ToList();
        output.WriteLine();
        output.WriteLine(string.Create(inv,
            $"{articles.Count} articles replayed: {changes.Count(c => c.Change.Move == DigestMove.Enter)} enter, {changes.Count(c => c.Change.Move == DigestMove.Leave)} leave, {changes.Count(c => c.Change.Move == DigestMove.Stay)} unchanged in the digest (counted per watchlist); watchlists added: {List(added)}; removed: {List(removed)}"));
        if (notCompared.Count > 0)
            output.WriteLine(string.Create(inv, $"Not compared: stored scores of watchlists no longer in {inForce} ({string.Join(", ", notCompared.Select(n => $"{n.Key}: {n.Value} articles"))})."));
        foreach (var recipient in config.Digest.Recipients)
            foreach (var name in recipient.Watchlists.Where(n => !string.IsNullOrWhiteSpace(n) && after.Find(n) is null))
                output.WriteLine($"Note: {recipient.Address} receives '{name}', which {proposedFile ?? inForce} does not define: adopted as is, it would make the configuration invalid.");
        return ExitCodes.Success;
    }

    private static void WriteWatchlist(TextWriter output, string name, List<(ReplayArticle Article, ScoreChange Change)> changes, Watchlist? before, Watchlist? after)
    {
        var inv = CultureInfo.InvariantCulture;
        var state = (before, after) switch
        {
            (null, { } a) => $"new watchlist, threshold {ScoreChange.Number(a.Threshold)}",
            ({ } b, null) => $"removed, threshold was {ScoreChange.Number(b.Threshold)}",
            ({ } b, { } a) when b.Threshold != a.Threshold => $"threshold {ScoreChange.Number(b.Threshold)} → {ScoreChange.Number(a.Threshold)}",
            _ => $"threshold {ScoreChange.Number(after!.Threshold)}",
        };
        var entering = changes.Where(c => c.Change.Move == DigestMove.Enter).OrderByDescending(c => c.Change.AfterScore).ThenBy(c => c.Article.Id).ToList();
        var leaving = changes.Where(c => c.Change.Move == DigestMove.Leave).OrderByDescending(c => c.Change.BeforeScore).ThenBy(c => c.Article.Id).ToList();
        output.WriteLine(string.Create(inv,
            $"{name} ({state}): {entering.Count} enter, {leaving.Count} leave, {changes.Count(c => c.Change.Move == DigestMove.Stay)} unchanged in the digest"));
        foreach (var (article, change) in entering.Concat(leaving))
        {
            var move = change.Move == DigestMove.Enter ? "ENTER" : "LEAVE";
            output.WriteLine(string.Create(inv,
                $"  {move} {ScoreChange.Number(change.BeforeScore),5} → {ScoreChange.Number(change.AfterScore),-5}  #{article.Id} {article.FoundAt.UtcDateTime:yyyy-MM-dd} {CycleReport.Cut(article.Title.Length == 0 ? "(untitled)" : article.Title, 80)}"));
            var differences = change.Differences();
            output.WriteLine("        " + (differences.Count == 0 ? "(no term, exclude or requirement differs)" : string.Join("; ", differences)));
        }
    }

    /// <summary>
    /// The scores stored for <paramref name="article"/>, as scores against the watchlists of <paramref name="set"/> (a
    /// watchlist with no stored score matched nothing), with the excludes, unmet requirement and seed bonus stored with
    /// them. Thresholds are the set's, as in the digest. Stored scores of watchlists the set no
    /// longer has are counted in <paramref name="notCompared"/>: without their threshold they cannot say what was in the digest.
    /// </summary>
    private static IReadOnlyList<WatchlistScore> Stored(ReplayArticle article, WatchlistSet set, SortedDictionary<string, int> notCompared)
    {
        foreach (var stored in article.StoredScores.Where(s => set.Find(s.Watchlist) is null))
            notCompared[stored.Watchlist] = notCompared.GetValueOrDefault(stored.Watchlist) + 1;
        return set.Watchlists.Select(w =>
        {
            var stored = article.StoredScores.FirstOrDefault(s => string.Equals(s.Watchlist, w.Name, StringComparison.OrdinalIgnoreCase));
            if (stored is null)
                return new WatchlistScore(w.Name, 0, w.Threshold, []);
            if (stored.Details is { } details)
            {
                return new WatchlistScore(w.Name, stored.Score, w.Threshold, stored.Matches)
                {
                    RawScore = details.RawScore,
                    Excluded = details.Excluded,
                    UnmetRequirement = details.UnmetRequirement,
                    SeedBonus = details.SeedBonus,
                };
            }
            // Stored before the details were kept (migration 8): what the terms do not account for is taken as the seed
            // bonus, so that an article that had it and still has it does not show a change.
            var residual = stored.Score - stored.Matches.Sum(m => m.Contribution);
            return new WatchlistScore(w.Name, stored.Score, w.Threshold, stored.Matches) { SeedBonus = residual > 1e-9 ? Math.Round(residual, 6) : 0 };
        }).ToList();
    }

    private static WatchlistScore? Find(IReadOnlyList<WatchlistScore> scores, string name) =>
        scores.FirstOrDefault(s => string.Equals(s.Watchlist, name, StringComparison.OrdinalIgnoreCase));

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
