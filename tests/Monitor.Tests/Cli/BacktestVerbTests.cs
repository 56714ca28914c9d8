using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Monitor.Cli;
using Monitor.Tests.Support;

namespace Monitor.Tests.Cli;

/// <summary>
/// Three articles stored by a real <c>monitor once</c> (Kestrel feed, SQLite file), replayed by <c>monitor backtest</c>
/// through proposed watchlist files. Against <see cref="TempConfig.DefaultWatchlists"/> (threshold 4, title boost 1.5):
/// the Huawei story scores 1 (chips), the Nvidia story 8.5 (export controls and Nvidia in the title, chips), the cup final 0.
/// </summary>
public sealed class BacktestFixture : IAsyncLifetime
{
    public const string HuaweiTitle = "Huawei shows a new Ascend cluster";
    public const string NvidiaTitle = "Nvidia faces new export controls";

    private FeedServer _feeds = null!;

    public TempConfig Config { get; } = new();

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _feeds.Serve("wire.xml", SampleFeeds.Rss("Wire",
            (HuaweiTitle, "https://wire.example.test/huawei", "Huawei said its Ascend cluster runs large models on domestic chips.", TimeSpan.FromHours(3)),
            (NvidiaTitle, "https://wire.example.test/nvidia", "Washington added export controls on Nvidia chips sold abroad, while soybeans talks stalled.", TimeSpan.FromHours(2)),
            ("Harbour City wins the cup final", "https://wire.example.test/cup", "A late double sent Harbour City past Northgate in the final.", TimeSpan.FromHours(1))));
        Config.Feeds(_feeds.Url("wire.xml"));
        var once = await MonitorProcess.RunAsync(Config.Args("once"));
        if (once.ExitCode != 0)
            throw new InvalidOperationException("monitor once failed: " + once.AllOutput);
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Config.Dispose();
    }
}

public sealed class BacktestVerbTests(BacktestFixture fixture) : IClassFixture<BacktestFixture>, IDisposable
{
    /// <summary>The default watchlist with Huawei as a term (the Huawei story enters) and soybeans as an exclude (the Nvidia story leaves).</summary>
    private const string Edited = TempConfig.DefaultWatchlists + """

              - term: Huawei
                weight: 3
            exclude:
              - soybeans
        """;

    private readonly TempConfig _other = new();

    public void Dispose() => _other.Dispose();

    private string Proposed(string content)
    {
        var path = Path.Combine(_other.Root, "proposed.yaml");
        File.WriteAllText(path, content);
        return path;
    }

    private Task<MonitorProcess.Result> Backtest(params string[] args) => MonitorProcess.RunAsync(fixture.Config.Args(["backtest", .. args]));

    [Fact]
    public async Task A_term_added_in_the_proposed_file_makes_an_article_enter_with_its_scores_and_the_term()
    {
        var proposed = Proposed(TempConfig.DefaultWatchlists + "\n      - term: Huawei\n        weight: 3\n");

        var result = await Backtest("--watchlists", proposed);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        var lines = result.StandardOutput.Split('\n');
        Assert.Contains("chips (threshold 4): 1 enter, 0 leave, 1 unchanged in the digest", result.StandardOutput);
        var enter = Array.FindIndex(lines, l => l.Contains(BacktestFixture.HuaweiTitle, StringComparison.Ordinal));
        Assert.True(enter >= 0, result.StandardOutput);
        Assert.Matches(@"^  ENTER +1 → 5\.5 +#\d+ \d{4}-\d\d-\d\d Huawei shows a new Ascend cluster$", lines[enter]);
        Assert.Equal("        +Huawei as \"Huawei\" in title (+4.5)", lines[enter + 1]);
        Assert.DoesNotContain("LEAVE", result.StandardOutput);
        Assert.Contains("3 articles replayed: 1 enter, 0 leave, 1 unchanged in the digest (counted per watchlist); watchlists added: none; removed: none", result.StandardOutput);
    }

    [Fact]
    public async Task An_exclude_added_in_the_proposed_file_makes_an_article_leave_with_its_scores_and_the_exclude()
    {
        var proposed = Proposed(TempConfig.DefaultWatchlists + "\n    exclude:\n      - soybeans\n");

        var result = await Backtest("--watchlists", proposed);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        var lines = result.StandardOutput.Split('\n');
        var leave = Array.FindIndex(lines, l => l.Contains(BacktestFixture.NvidiaTitle, StringComparison.Ordinal));
        Assert.True(leave >= 0, result.StandardOutput);
        Assert.Matches(@"^  LEAVE +8\.5 → 0 +#\d+ .*Nvidia faces new export controls$", lines[leave]);
        Assert.Equal("        exclude soybeans as \"soybeans\" in summary: veto", lines[leave + 1]);
        Assert.Contains("chips (threshold 4): 0 enter, 1 leave, 0 unchanged in the digest", result.StandardOutput);
    }

    [Fact]
    public async Task Without_a_proposed_file_the_stored_scores_are_compared_with_watchlists_yaml_edited_in_place_and_the_database_is_not_written()
    {
        var database = Path.Combine(fixture.Config.DataFolder, "monitor.db");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(database));
        _other.Write("watchlists.yaml", Edited);

        var result = await MonitorProcess.RunAsync(["backtest", "--config", _other.ConfigFolder, "--data", fixture.Config.DataFolder]);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("against the scores stored when the articles were found, on 3 articles found since", result.StandardOutput);
        var lines = result.StandardOutput.Split('\n');
        var enter = Array.FindIndex(lines, l => l.StartsWith("  ENTER", StringComparison.Ordinal));
        var leave = Array.FindIndex(lines, l => l.StartsWith("  LEAVE", StringComparison.Ordinal));
        Assert.True(enter >= 0 && leave > enter, result.StandardOutput);
        Assert.Matches(@"1 → 5\.5 +#\d+ .*Huawei shows a new Ascend cluster$", lines[enter]);
        Assert.Matches(@"8\.5 → 0 +#\d+ .*Nvidia faces new export controls$", lines[leave]);
        Assert.Contains("exclude soybeans as \"soybeans\" in summary: veto", lines[leave + 1]);
        Assert.Contains("3 articles replayed: 1 enter, 1 leave, 0 unchanged in the digest", result.StandardOutput);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(database)));
    }

    [Fact]
    public async Task Watchlists_added_and_removed_are_reported_and_the_output_is_the_same_every_time()
    {
        var proposed = Proposed("""
            watchlists:
              - name: sport
                threshold: 1
                terms: [cup final]
            """);

        var first = await Backtest("--watchlists", proposed);
        var second = await Backtest("--watchlists", proposed);

        Assert.True(first.ExitCode == 0, first.AllOutput);
        Assert.Contains("chips (removed, threshold was 4): 0 enter, 1 leave", first.StandardOutput);
        Assert.Contains("sport (new watchlist, threshold 1): 1 enter, 0 leave", first.StandardOutput);
        Assert.Contains("new watchlist; +cup final as \"cup final\" in title (+1.5)", first.StandardOutput);
        Assert.Contains("watchlists added: sport; removed: chips", first.StandardOutput);
        // The same every time, but for the window's start, printed to the minute: the two runs may straddle one.
        Assert.Equal(WithoutWindowStart(first.StandardOutput), WithoutWindowStart(second.StandardOutput));
    }

    private static string WithoutWindowStart(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, @"since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "since (start) UTC");

    [Fact]
    public async Task An_invalid_proposed_file_exits_2_with_its_file_line_and_key()
    {
        var proposed = Proposed("""
            watchlists:
              - name: chips
                threshold: four
                terms: [Nvidia]
            """);

        var result = await Backtest("--watchlists", proposed);

        Assert.Equal(ExitCodes.InvalidConfiguration, result.ExitCode);
        Assert.Contains("is not a valid watchlist file, nothing was replayed", result.StandardError);
        Assert.Contains("proposed.yaml:3: watchlists[0].threshold: must be a number (got 'four')", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Articles_found_before_the_window_are_not_replayed()
    {
        var stdout = new StringWriter();
        var inTenDays = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(10));

        var week = await BacktestVerb.RunAsync(fixture.Config.Paths, Program.CreateBuilder, inTenDays, 7, null, stdout, TextWriter.Null, CancellationToken.None);
        var weekOutput = stdout.ToString();
        stdout.GetStringBuilder().Clear();
        var month = await BacktestVerb.RunAsync(fixture.Config.Paths, Program.CreateBuilder, inTenDays, 30, null, stdout, TextWriter.Null, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, week);
        Assert.StartsWith("Nothing to replay: no article other than duplicates was found since", weekOutput);
        Assert.Contains("(the last 7 days)", weekOutput);
        Assert.Equal(ExitCodes.Success, month);
        Assert.Contains("on 3 articles found since", stdout.ToString());
    }
}

/// <summary><c>monitor backtest</c> before anything was stored.</summary>
public sealed class BacktestEmptyDatabaseTests
{
    [Fact]
    public async Task Without_a_database_there_is_nothing_to_replay_and_none_is_created()
    {
        using var config = new TempConfig();

        var result = await MonitorProcess.RunAsync(config.Args("backtest"));

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.StartsWith("Nothing to replay: no article other than duplicates was found since", result.StandardOutput);
        Assert.False(File.Exists(Path.Combine(config.DataFolder, "monitor.db")));
    }

    [Fact]
    public async Task An_empty_database_has_nothing_to_replay()
    {
        using var config = new TempConfig();
        await using var database = await TempDatabase.CreateAsync();

        var result = await MonitorProcess.RunAsync(["backtest", "--days", "3", "--config", config.ConfigFolder, "--data", Path.GetDirectoryName(database.Database.Path)!]);

        Assert.True(result.ExitCode == 0, result.AllOutput);
        Assert.Contains("Nothing to replay", result.StandardOutput);
        Assert.Contains("(the last 3 days)", result.StandardOutput);
    }
}
