using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Scoring;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scoring;

/// <summary>
/// Reloading watchlists.yaml on a real file. The edits differ in length from the file before them, so the stamp check
/// sees them whatever the file system's clock resolution.
/// </summary>
public sealed class WatchlistProviderTests : IDisposable
{
    private readonly TempConfig _config = new();
    private readonly RecordingLogger<WatchlistProvider> _log = new();

    public void Dispose() => _config.Dispose();

    private string File => _config.PathOf("watchlists.yaml");

    private static string Broken => TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: lots", StringComparison.Ordinal);

    private const string OtherWatchlists = "watchlists:\n  - name: ai\n    threshold: 2\n    terms: [DeepSeek, Qwen]\n";

    /// <summary>A provider as the host builds it: the set checked at start, and the file's stamp from before that read.</summary>
    private WatchlistProvider Provider(Func<WatchlistSet, IEnumerable<ConfigProblem>>? rules = null, TimeProvider? time = null)
    {
        var stamp = FileStamp.Of(File);
        return new WatchlistProvider(File, new WatchlistLoader().Load(File), stamp, rules ?? (_ => []), new WatchlistLoader(), time ?? new AheadClock(), _log);
    }

    /// <summary>
    /// The system clock one second ahead: a file the test has just written is then old enough for Refresh (which
    /// leaves a file written less than the debounce ago for the next tick). Timers are the system's.
    /// </summary>
    private sealed class AheadClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromSeconds(1);
    }

    /// <summary>A fixed clock, so that how old a file is depends on the write times the test sets, not on how fast it runs.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Refresh_LeavesAFileWrittenJustNowForTheNextTick()
    {
        var now = DateTimeOffset.UtcNow;
        using var provider = Provider(time: new FixedClock(now));
        var good = provider.Current;
        _config.Write("watchlists.yaml", "watchlists:\n  - name: ai\n    thresh");
        System.IO.File.SetLastWriteTimeUtc(File, now.UtcDateTime - WatchlistProvider.Debounce / 2);

        provider.Refresh();

        Assert.Same(good, provider.Current);
        Assert.Empty(provider.Problems);
        System.IO.File.SetLastWriteTimeUtc(File, now.UtcDateTime - WatchlistProvider.Debounce * 2);
        provider.Refresh();
        Assert.NotEmpty(provider.Problems);
    }

    private IEnumerable<string> Errors => _log.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message);

    [Fact]
    public void A_last_good_copy_that_cannot_be_written_is_a_warning_not_a_failure_to_start()
    {
        // The copy's folder is a file: the copy cannot be written (as on a read-only or full data folder).
        var blocked = _config.PathOf("not-a-folder");
        System.IO.File.WriteAllText(blocked, "");

        using var provider = new WatchlistProvider(File, new WatchlistLoader().Load(File), FileStamp.Of(File), _ => [], new WatchlistLoader(), new AheadClock(), _log,
            lastGoodCopy: Path.Combine(blocked, "watchlists.last-good.yaml"));

        Assert.NotEmpty(provider.Current.Watchlists);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Cannot keep a copy of the watchlists in force at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Refresh_ValidEdit_IsApplied()
    {
        using var provider = Provider();
        _config.Write("watchlists.yaml", OtherWatchlists);

        provider.Refresh();

        Assert.Equal("ai", Assert.Single(provider.Current.Watchlists).Name);
        Assert.Empty(provider.Problems);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message == $"Watchlists reloaded from {File}: 1 watchlists");
    }

    [Fact]
    public void Refresh_InvalidEdit_KeepsTheLastGoodSetAndReportsLineAndKey()
    {
        using var provider = Provider();
        var good = provider.Current;
        _config.Write("watchlists.yaml", Broken);

        provider.Refresh();

        Assert.Same(good, provider.Current);
        var problem = Assert.Single(provider.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal("watchlists[0].threshold", problem.Key);
        Assert.Equal("must be a number (got 'lots')", problem.Message);
        var error = Assert.Single(Errors);
        Assert.Contains("last good version (1 watchlists) stays in force", error);
        Assert.Contains("watchlists.yaml:4: watchlists[0].threshold: must be a number (got 'lots')", error);
    }

    [Fact]
    public void Refresh_InvalidEditWithSeveralProblems_LogsEachOfThem()
    {
        using var provider = Provider();
        _config.Write("watchlists.yaml", "watchlists:\n  - name: a\n    threshold: lots\n    terms: [x]\n  - name: b\n    treshold: 2\n    terms: [y]\n");

        provider.Refresh();

        Assert.Equal(provider.Problems.Count, Errors.Count());
        Assert.Contains(Errors, e => e.Contains(":3: watchlists[0].threshold", StringComparison.Ordinal));
        Assert.Contains(Errors, e => e.Contains(":6: watchlists[1].treshold", StringComparison.Ordinal));
    }

    [Fact]
    public void Refresh_FixedEdit_ClearsTheProblems()
    {
        using var provider = Provider();
        _config.Write("watchlists.yaml", Broken);
        provider.Refresh();
        Assert.NotEmpty(provider.Problems);

        _config.Write("watchlists.yaml", TempConfig.DefaultWatchlists.Replace("threshold: 4", "threshold: 12", StringComparison.Ordinal));
        provider.Refresh();

        Assert.Empty(provider.Problems);
        Assert.Equal(12, Assert.Single(provider.Current.Watchlists).Threshold);
    }

    [Fact]
    public void Refresh_DeletedFile_IsAProblemAndTheLastGoodSetStays()
    {
        using var provider = Provider();
        var good = provider.Current;
        System.IO.File.Delete(File);

        provider.Refresh();

        Assert.Same(good, provider.Current);
        var problem = Assert.Single(provider.Problems);
        Assert.Equal("watchlists", problem.Key);
        Assert.Equal("file not found", problem.Message);
        Assert.Contains("last good version", Assert.Single(Errors));
    }

    [Fact]
    public void Refresh_UnchangedFile_ReadsNothing()
    {
        using var provider = Provider();
        var good = provider.Current;

        provider.Refresh();

        Assert.Same(good, provider.Current);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void Reload_SetThatBreaksARuleAcrossFiles_IsRefused()
    {
        var recipientRule = new ConfigProblem("config/appsettings.json", null, "Digest:Recipients:0:Watchlists:0", "unknown watchlist 'chips'");
        using var provider = Provider(set => set.Find("chips") is null ? [recipientRule] : []);
        _config.Write("watchlists.yaml", OtherWatchlists);

        provider.Reload();

        Assert.Equal("chips", Assert.Single(provider.Current.Watchlists).Name);
        Assert.Equal(recipientRule, Assert.Single(provider.Problems));
    }

    [Fact]
    public async Task StartAsync_PicksUpAnEditMadeSinceTheCheckAtStart()
    {
        using var provider = Provider();
        _config.Write("watchlists.yaml", OtherWatchlists);

        await provider.StartAsync(CancellationToken.None);
        await provider.StopAsync(CancellationToken.None);

        Assert.Equal("ai", Assert.Single(provider.Current.Watchlists).Name);
    }

    [Fact]
    public async Task Watcher_AppliesAnEditWithoutBeingAsked()
    {
        using var provider = Provider();
        await provider.StartAsync(CancellationToken.None);

        _config.Write("watchlists.yaml", OtherWatchlists);

        // Readiness, not timing: wait for the reload to be logged (bounded so a missed event fails instead of hanging).
        await _log.WaitForAsync((level, message) => message.StartsWith("Watchlists reloaded", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal("ai", Assert.Single(provider.Current.Watchlists).Name);
        await provider.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Watcher_SeesAFileReplacedByRename()
    {
        using var provider = Provider();
        await provider.StartAsync(CancellationToken.None);

        // As vim and many other editors save: write a temporary file, then move it over the original.
        var temporary = _config.PathOf(".watchlists.yaml.swp");
        await System.IO.File.WriteAllTextAsync(temporary, Broken);
        System.IO.File.Move(temporary, File, overwrite: true);

        await _log.WaitForAsync((level, message) => level == LogLevel.Error && message.Contains("watchlists[0].threshold", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal(4, Assert.Single(provider.Problems).Line);
        await provider.StopAsync(CancellationToken.None);
    }
}
