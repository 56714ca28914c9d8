using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Dedup;
using Monitor.Scoring;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor suggest-terms [--top N]</c>: the phrases salient in the seed corpus (frequent in the seeds, rare in the
/// stored articles) that no watchlist covers yet, best first, each with how the seeds write it, in how many seed
/// files, and where it first occurs. Reads the database, never writes it.
/// </summary>
public static class SuggestTermsVerb
{
    public const int DefaultTop = 30;

    /// <summary>Three words rarely need more; a longer candidate is cut so the columns stay aligned.</summary>
    private const int MaxWidth = 48;

    public static async Task<int> RunAsync(MonitorPaths paths, HostFactory hostFactory, int top, TextWriter output, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        using var host = hostFactory(paths, config).Build();
        var seeds = paths.SeedsFolder(config.Dedup.SeedsPath);
        var suggester = TermSuggester.From(host.Services.GetRequiredService<SeedCorpus>());
        if (suggester.SeedFiles == 0)
        {
            output.WriteLine($"No seed text in {ConfigSource.Display(seeds)}: nothing to suggest from (set Dedup:SeedsPath to the seed folder).");
            return ExitCodes.Success;
        }
        var found = await suggester.SuggestAsync(config.Watchlists, host.Services.GetRequiredService<ArticleReader>().TextsAsync(cancellationToken), top, cancellationToken);

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"Terms salient in the seed corpus ({found.SeedFiles} files in {ConfigSource.Display(seeds)}) that no watchlist in {ConfigSource.Display(paths.WatchlistsFile)} covers yet."));
        output.WriteLine(string.Create(inv,
            $"Score = occurrences in the seeds × idf, idf = ln((1 + N) / (1 + df)) over N = {found.StoredArticles} stored articles + {found.SeedFiles} seed files{(found.StoredArticles == 0 ? " (no stored article yet: the ranking reflects the seeds alone)" : "")}."));
        output.WriteLine();
        var width = Math.Clamp(found.Suggestions.Select(s => s.Surface.Length).DefaultIfEmpty(0).Max(), "CANDIDATE".Length, MaxWidth);
        output.WriteLine($"{"RANK",4}  {"SCORE",7}  {"CANDIDATE".PadRight(width)}  {"SEEDS",5}  EXAMPLE (SEED FILE)");
        foreach (var s in found.Suggestions)
            output.WriteLine(string.Create(inv, $"{s.Rank,4}  {s.Score,7:0.00}  {CycleReport.Cut(s.Surface, MaxWidth).PadRight(width)}  {s.SeedFiles,5}  {s.Example} ({s.ExampleFile})"));
        output.WriteLine();
        output.WriteLine(string.Create(inv,
            $"{found.Suggestions.Count} of {found.Uncovered} uncovered candidates shown; {found.Covered} more are already matched by a watchlist term or exclude."));
        return ExitCodes.Success;
    }
}
