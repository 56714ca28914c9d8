using System.Globalization;
using Monitor.Scoring;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor suggest-terms</c> as a user runs it, on the shipped seeds and watchlists and an empty data folder.</summary>
public sealed class SuggestTermsVerbTests : IDisposable
{
    private static readonly string ShippedWatchlists = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "defaults", "config", "watchlists.yaml"));

    private readonly TempConfig _config = new();

    public SuggestTermsVerbTests() => _config.Write("watchlists.yaml", ShippedWatchlists);

    public void Dispose() => _config.Dispose();

    private sealed record Row(int Rank, double Score, string Candidate, int SeedFiles, string Example, string SeedFile);

    private Task<MonitorProcess.Result> SuggestTerms(params string[] args) => MonitorProcess.RunAsync(_config.Args(["suggest-terms", .. args]));

    /// <summary>The table rows, read by the columns of its header.</summary>
    private static List<Row> Rows(string output)
    {
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("RANK", StringComparison.Ordinal));
        Assert.True(header >= 0, output);
        var (candidate, seeds, example) = (lines[header].IndexOf("CANDIDATE", StringComparison.Ordinal), lines[header].IndexOf("SEEDS", StringComparison.Ordinal), lines[header].IndexOf("EXAMPLE", StringComparison.Ordinal));
        return lines.Skip(header + 1).TakeWhile(l => l.Length > 0).Select(l =>
        {
            var tail = l[example..];
            var open = tail.LastIndexOf(" (", StringComparison.Ordinal);
            return new Row(
                int.Parse(l[..4], CultureInfo.InvariantCulture),
                double.Parse(l[(candidate - 9)..candidate], CultureInfo.InvariantCulture),
                l[candidate..seeds].Trim(),
                int.Parse(l[seeds..example], CultureInfo.InvariantCulture),
                tail[..open],
                tail[(open + 2)..^1]);
        }).ToList();
    }

    [Fact]
    public async Task On_the_shipped_seeds_it_lists_N_candidates_that_no_shipped_watchlist_matches()
    {
        var result = await SuggestTerms("--top", "25");

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("over N = 0 stored articles + 5 seed files (no stored article yet: the ranking reflects the seeds alone)", result.StandardOutput);
        var rows = Rows(result.StandardOutput);
        Assert.Equal(Enumerable.Range(1, 25), rows.Select(r => r.Rank));
        Assert.Equal(rows.Select(r => r.Score).OrderDescending(), rows.Select(r => r.Score));
        Assert.Equal(rows.Count, rows.Select(r => r.Candidate).Distinct().Count());
        var shipped = new WatchlistLoader().Load(_config.PathOf("watchlists.yaml"));
        var matcher = new WatchlistMatcher();
        Assert.All(rows, row =>
        {
            // A term may match part of a candidate ("chinoise" in "puissance chinoise"), never all of it.
            Assert.All(matcher.Score(shipped, row.Candidate, null, null).Scores, s => Assert.All(s.Matches, m => Assert.True(m.Form!.Length < row.Candidate.Length, $"{m.Term} covers {row.Candidate}")));
            Assert.InRange(row.SeedFiles, 1, 5);
            Assert.Contains(row.Candidate, row.Example, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(NewsEval.SeedsFolder, row.SeedFile)), row.SeedFile);
        });
        Assert.Matches(@"\n25 of \d+ uncovered candidates shown; \d+ more are already matched by a watchlist term or exclude\.\n$", result.StandardOutput);
    }

    [Fact]
    public async Task A_candidate_disappears_once_a_watchlist_covers_it_and_the_list_is_the_same_every_time()
    {
        var before = await SuggestTerms("--top", "10");
        var again = await SuggestTerms("--top", "10");
        var top = Rows(before.StandardOutput)[0].Candidate;
        _config.Write("watchlists.yaml", ShippedWatchlists.TrimEnd() + $"\n\n  - name: suggested\n    threshold: 1\n    terms: [\"{top}\"]\n");

        var after = await SuggestTerms("--top", "10");

        Assert.True(after.ExitCode == 0, after.AllOutput);
        Assert.Equal(before.StandardOutput, again.StandardOutput);
        Assert.DoesNotContain(top, Rows(after.StandardOutput).Select(r => r.Candidate));
        Assert.Equal(Rows(before.StandardOutput)[1], Rows(after.StandardOutput)[0] with { Rank = 2 });
    }

    [Fact]
    public async Task Top_must_be_at_least_1()
    {
        var result = await SuggestTerms("--top", "0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--top must be 1 or more", result.AllOutput);
    }
}
