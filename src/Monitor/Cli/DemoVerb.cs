using System.Text.Json;
using Monitor.Delivery;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor demo</c>: needs no network and no configuration. Serves the bundled sample feeds from 127.0.0.1, writes a
/// throw-away config (the shipped watchlists, the shipped seed corpus, one recipient without alerts, no SMTP) and runs one cycle,
/// then prints where the digest is and what was kept or dropped. MONITOR_ variables are ignored: the demo never
/// mails anyone.
/// </summary>
public static class DemoVerb
{
    public static async Task<int> RunAsync(HostFactory hostFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var shipped = AppContext.BaseDirectory;
        await using var server = await DemoFeedServer.StartAsync(Path.Combine(shipped, "Cli", "DemoFeeds"), time, cancellationToken);

        var root = Directory.CreateTempSubdirectory("monitor-demo-").FullName;
        var paths = new MonitorPaths(Path.Combine(root, "config"), Path.Combine(root, "data"));
        Directory.CreateDirectory(paths.ConfigFolder);
        File.Copy(Path.Combine(shipped, "defaults", "config", "watchlists.yaml"), paths.WatchlistsFile);
        await File.WriteAllLinesAsync(paths.FeedsFile,
            ["feeds:", .. server.Files.Select(f => $"  - url: {new Uri(server.BaseUri, f)}")], cancellationToken);
        // No alerts: the demo shows everything it kept in one digest (the shipped watchlists alert on the best of them).
        var settings = new
        {
            Digest = new { Recipients = new[] { new { Address = "analyst@example.org", Name = "Demo analyst", DigestTime = "07:00", TimeZone = "Europe/Paris", Alerts = false } } },
            Dedup = new { SeedsPath = Path.Combine(shipped, "seeds") },
            Log = new { Level = "Warning" },
        };
        await File.WriteAllTextAsync(paths.AppSettings, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

        var config = MonitorCli.NewCheck().Check(paths, includeEnvironment: false);
        using var host = hostFactory(paths, config).Build();
        var result = await FullCycle.RunAsync(host, config, cancellationToken);

        Console.Out.WriteLine($"Demo feeds served at {server.BaseUri} ({server.Files.Count} feeds); config written to {paths.ConfigFolder}");
        CycleReport.Write(Console.Out, result, paths, verbose: true);

        foreach (var digest in result.Digests.Composed)
        {
            var html = Path.Combine(paths.MailFolder, $"digest-{FileDropMailTransport.SafeName(digest.RecipientAddress)}.html");
            Directory.CreateDirectory(paths.MailFolder);
            await File.WriteAllTextAsync(html, digest.Html, cancellationToken);
            Console.Out.WriteLine($"Digest for {digest.RecipientAddress}: {digest.ItemCount} articles");
            Console.Out.WriteLine($"  HTML: {html}");
        }
        foreach (var eml in Directory.Exists(paths.MailFolder) ? Directory.EnumerateFiles(paths.MailFolder, "*.eml") : [])
            Console.Out.WriteLine($"  EML:  {eml}");
        return result.Digests.Failed > 0 ? ExitCodes.DeliveryFailed : ExitCodes.Success;
    }
}
