using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Tests.Support;

namespace Monitor.Tests.EndToEnd;

/// <summary>
/// SMTP failures against a real server (aiosmtpd): down for several cycles, or not speaking the TLS the config
/// requires. Each fails clearly, keeps the digest queued, and delivers everything once when it can.
/// </summary>
public sealed class SmtpFailureTests : IAsyncLifetime
{
    private FeedServer _feeds = null!;
    private readonly TempConfig _config = new();

    public async Task InitializeAsync() => _feeds = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _config.Dispose();
    }

    private static Dictionary<string, string> Smtp(int port, string security = "None") => new()
    {
        ["MONITOR_Smtp__Host"] = "127.0.0.1",
        ["MONITOR_Smtp__Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["MONITOR_Smtp__Security"] = security,
    };

    private void Serve(int count) =>
        _feeds.Serve("rss.xml", SampleFeeds.Rss("Feed", [.. Enumerable.Range(1, count).Select(i =>
            ($"Nvidia export controls, part {i}", $"https://news.example.test/part-{i}", $"Export controls on Nvidia chips: {Chapters[(i - 1) % Chapters.Length]}", TimeSpan.FromMinutes(60 - i)))]));

    /// <summary>Distinct events of one saga, so that each part is news of its own (not a retelling of the one before).</summary>
    private static readonly string[] Chapters =
    [
        "the Commerce Department adds twelve Chinese firms to its Entity List after a review of supercomputer projects.",
        "Dutch officials widen licence rules for ASML immersion scanners shipped to Shanghai fabs next spring.",
        "Singapore prosecutors charge three men over servers they shipped to Malaysia in a smuggling case.",
    ];

    private async Task<int> PendingCountAsync() =>
        (await new OutboxStore(new MonitorDatabase(Path.Combine(_config.DataFolder, "monitor.db"), NullLogger<MonitorDatabase>.Instance))
            .PendingAsync(CancellationToken.None)).Count;

    [Fact]
    public async Task Digests_queued_while_the_server_was_down_for_several_cycles_all_arrive_once_when_it_is_back()
    {
        var port = FreePort.Next();
        _config.Feeds(_feeds.Url("rss.xml"));

        // Three cycles with the server down, a new article each time: three digests queued, retried on each cycle.
        for (var cycle = 1; cycle <= 3; cycle++)
        {
            Serve(cycle);
            var down = await MonitorProcess.RunAsync(_config.Args("once"), Smtp(port));
            Assert.True(down.ExitCode == 3, down.AllOutput);
            Assert.Contains($"Digests: 1 composed, 0 delivered, {cycle} failed", down.StandardOutput);
            Assert.Contains($"could not be delivered (attempt {cycle}), it stays queued; next attempt at ", down.StandardError);
            Assert.Contains($"127.0.0.1:{port} (None)", down.StandardError);
        }
        Assert.Equal(3, await PendingCountAsync());

        await using var smtp = await AiosmtpdServer.StartAsync(port);
        var back = await MonitorProcess.RunAsync(_config.Args("once"), Smtp(port));
        var after = await MonitorProcess.RunAsync(_config.Args("once"), Smtp(port));

        Assert.True(back.ExitCode == 0, back.AllOutput);
        Assert.Contains("Digests: 0 composed, 3 delivered, 0 failed", back.StandardOutput);
        Assert.True(after.ExitCode == 0, after.AllOutput);
        Assert.Contains("nothing new to send", after.StandardOutput);
        var messages = smtp.Messages();
        Assert.Equal(3, messages.Count);
        Assert.Equal(3, messages.Select(m => m.MessageId).Distinct().Count());
        for (var i = 1; i <= 3; i++)
            Assert.Single(messages, m => (m.HtmlBody ?? "").Contains($"Nvidia export controls, part {i}<", StringComparison.Ordinal));
        Assert.Equal(0, await PendingCountAsync());
    }

    [Theory]
    [InlineData("StartTls", "The SMTP server does not support the STARTTLS extension")]
    [InlineData("SslOnConnect", "TLS handshake failed: ")]
    public async Task A_required_TLS_mode_the_server_does_not_speak_fails_clearly_and_keeps_the_digest_queued(string security, string says)
    {
        await using var smtp = await AiosmtpdServer.StartAsync();
        Serve(1);
        _config.Feeds(_feeds.Url("rss.xml"));

        var refused = await MonitorProcess.RunAsync(_config.Args("once"), Smtp(smtp.Port, security));

        Assert.True(refused.ExitCode == 3, refused.AllOutput);
        Assert.Contains($"NOT DELIVERED (stays queued) to analyst@example.org: 127.0.0.1:{smtp.Port} ({security}): ", refused.StandardOutput);
        Assert.Contains(says, refused.StandardOutput);
        Assert.Contains($"could not be delivered (attempt 1), it stays queued; next attempt at ", refused.StandardError);
        Assert.Empty(smtp.Messages());
        Assert.Equal(1, await PendingCountAsync());

        // No plaintext fallback was taken; with the mode fixed, the same queued digest goes out, once.
        var fixedMode = await MonitorProcess.RunAsync(_config.Args("once"), Smtp(smtp.Port));
        Assert.True(fixedMode.ExitCode == 0, fixedMode.AllOutput);
        Assert.Contains("Digests: 0 composed, 1 delivered, 0 failed", fixedMode.StandardOutput);
        Assert.Single(smtp.Messages());
    }
}
