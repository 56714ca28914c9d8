using System.CommandLine;
using System.Runtime.InteropServices;
using Monitor.Configuration;
using Monitor.Feeds;
using Monitor.Scoring;

namespace Monitor.Cli;

/// <summary>
/// The command line: <c>monitor [run|once|demo|check|preview|explain|feeds|backtest|suggest-terms|health] [--config DIR] [--data DIR]</c>. <c>run</c> is the default.
/// Each verb is thin: it checks the configuration, builds the host and calls the same cycle types.
/// </summary>
public static class MonitorCli
{
    public static async Task<int> InvokeAsync(string[] args, HostFactory hostFactory, TimeProvider time)
    {
        var configOption = new Option<string?>("--config")
        {
            Description = "Config folder (appsettings.json, feeds.yaml, watchlists.yaml). Default: $MONITOR_CONFIG, else ./config",
            HelpName = "DIR",
            Recursive = true,
        };
        var dataOption = new Option<string?>("--data")
        {
            Description = "Data folder (database, mail drop, logs). Default: $MONITOR_DATA, else ./data",
            HelpName = "DIR",
            Recursive = true,
        };

        var root = new RootCommand("Monitor: polls news feeds, drops what the analyst has already seen, scores the rest against watchlists and mails a digest.");
        root.Options.Add(configOption);
        root.Options.Add(dataOption);
        MonitorVersion.Use(root);

        var run = new Command("run", "Run the worker: poll each feed on its interval and send each recipient's digest on schedule (the default). Stops gracefully on Ctrl+C or SIGTERM.");
        var once = new Command("once", "One full cycle now, then exit: poll every feed, process what is new, send every digest that is due. Exit codes: 0 ok, 2 invalid config, 3 a digest could not be delivered (it stays queued).");
        var check = new Command("check", "Check the whole configuration (appsettings.json and MONITOR_ variables, feeds.yaml, watchlists.yaml, the rules across them) without polling or sending: for CI and pre-commit hooks. Exit codes: 0 valid, 2 invalid (each problem on its own line on stderr).");
        var demo = new Command("demo", "Show the whole flow offline: serve bundled sample feeds on 127.0.0.1, run one cycle in a throw-away folder, write the digest as .eml and .html, and print what was kept and dropped.");
        var feeds = new Command("feeds", "Inspect the feeds of feeds.yaml.");
        var feedsList = new Command("list", "Every feed with its state: ok or failing (since when, why), moved, repaired, last success, next poll, articles stored.");
        var feedsAdd = new Command("add", "Add a feed to feeds.yaml: the feed's URL, or a page that announces its feed (<link rel=\"alternate\">). The feed is fetched and parsed first.");
        var addUrl = new Argument<string>("URL") { Description = "The feed's address, or a web page that links to its feed" };
        var addName = new Option<string?>("--name") { Description = "Display name (default: the feed's own title)" };
        feedsAdd.Arguments.Add(addUrl);
        feedsAdd.Options.Add(addName);
        var feedsImport = new Command("import", "Add the feeds of an OPML file to feeds.yaml (those not listed yet), keeping its comments.");
        var importFile = new Argument<string>("FILE") { Description = "An OPML file, as exported by any feed reader" };
        feedsImport.Arguments.Add(importFile);
        var explain = new Command("explain", "Why a stored article was kept or dropped: the seed passage or earlier article it repeats (measure, value, threshold, shared anchors), its story, its watchlist scores, where it was sent.");
        var explainArticle = new Argument<string>("URL-OR-ID") { Description = "The article's link, or its id as stored" };
        explain.Arguments.Add(explainArticle);
        var feedsExport = new Command("export", "Write the feeds of feeds.yaml as OPML 2.0 on standard output.");
        feeds.Subcommands.Add(feedsList);
        feeds.Subcommands.Add(feedsAdd);
        feeds.Subcommands.Add(feedsImport);
        feeds.Subcommands.Add(feedsExport);
        root.Subcommands.Add(run);
        root.Subcommands.Add(once);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(check);
        root.Subcommands.Add(feeds);
        root.Subcommands.Add(explain);

        var preview = new Command("preview", "Write the digest each recipient would get now as .html and .eml, and print their paths, without polling, sending or marking anything: the next cycle still sends the same articles. Exit codes: 0 ok, 1 unknown recipient, 2 invalid config.");
        var previewRecipient = new Option<string?>("--recipient") { Description = "Only this recipient (an address of Digest:Recipients)", HelpName = "ADDRESS" };
        var previewOut = new Option<string?>("--out") { Description = "Folder for the files. Default: DATA/preview", HelpName = "DIR" };
        preview.Options.Add(previewRecipient);
        preview.Options.Add(previewOut);
        root.Subcommands.Add(preview);
        preview.SetAction((parse, _) => Guarded(() => WithSignals(token =>
            PreviewVerb.RunAsync(Paths(parse), hostFactory, parse.GetValue(previewRecipient), parse.GetValue(previewOut), Console.Out, Console.Error, token))));

        var backtest = new Command("backtest", "Replay the articles stored in the last N days through a proposed watchlist file and print what would enter and leave each digest, with scores before and after and the terms that made the difference. Reads the database, never writes it. Exit codes: 0 ok, 2 invalid configuration or proposed file.");
        var backtestDays = new Option<int>("--days") { Description = "Replay the articles found in the last N days", HelpName = "N", DefaultValueFactory = _ => BacktestVerb.DefaultDays };
        backtestDays.Validators.Add(result =>
        {
            // Only a whole number is checked here; anything else is reported by the parser itself.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out var value) && value < 1)
                result.AddError("--days must be 1 or more");
        });
        var backtestWatchlists = new Option<string?>("--watchlists") { Description = "The proposed watchlist file. Default: compare the scores stored when the articles were found with watchlists.yaml as it is now", HelpName = "FILE" };
        backtest.Options.Add(backtestDays);
        backtest.Options.Add(backtestWatchlists);
        root.Subcommands.Add(backtest);
        backtest.SetAction((parse, _) => Guarded(() => WithSignals(token =>
            BacktestVerb.RunAsync(Paths(parse), hostFactory, time, parse.GetValue(backtestDays), parse.GetValue(backtestWatchlists), Console.Out, Console.Error, token))));

        var suggestTerms = new Command("suggest-terms", "List the phrases salient in the seed corpus (frequent in the seeds, rare in the stored articles) that no watchlist covers yet, with where the seeds use them. Reads the database, never writes it.");
        var suggestTop = new Option<int>("--top") { Description = "How many candidates to list", HelpName = "N", DefaultValueFactory = _ => SuggestTermsVerb.DefaultTop };
        suggestTop.Validators.Add(result =>
        {
            // Only a whole number is checked here; anything else is reported by the parser itself.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out var value) && value < 1)
                result.AddError("--top must be 1 or more");
        });
        suggestTerms.Options.Add(suggestTop);
        root.Subcommands.Add(suggestTerms);
        suggestTerms.SetAction((parse, _) => Guarded(() => WithSignals(token =>
            SuggestTermsVerb.RunAsync(Paths(parse), hostFactory, parse.GetValue(suggestTop), Console.Out, token))));

        var health = new Command("health", "Whether the `monitor run` using this data folder is working: its heartbeat (DATA/health.json) says it runs, its database opens read-only, and its last poll tick finished within twice the poll interval. Reads, never writes; for a container HEALTHCHECK. Exit codes: 0 healthy, 1 unhealthy (one line saying why).");
        root.Subcommands.Add(health);
        health.SetAction((parse, token) => Guarded(() => HealthVerb.RunAsync(Paths(parse), time, Console.Out, token)));

        MonitorPaths Paths(ParseResult parse) => MonitorPaths.Resolve(parse.GetValue(configOption), parse.GetValue(dataOption));
        root.SetAction((parse, _) => Guarded(() => RunVerb.RunAsync(Paths(parse), hostFactory)));
        run.SetAction((parse, _) => Guarded(() => RunVerb.RunAsync(Paths(parse), hostFactory)));
        once.SetAction((parse, _) => Guarded(() => WithSignals(token => OnceVerb.RunAsync(Paths(parse), hostFactory, token))));
        feedsList.SetAction((parse, token) => Guarded(() => FeedsVerb.ListAsync(Paths(parse), hostFactory, time, Console.Out, token)));
        feedsAdd.SetAction((parse, _) => Guarded(() => WithSignals(token =>
            FeedsVerb.AddAsync(Paths(parse), hostFactory, parse.GetValue(addUrl)!, parse.GetValue(addName), Console.Out, Console.Error, token))));
        feedsImport.SetAction((parse, _) => Guarded(() => FeedsVerb.ImportAsync(Paths(parse), parse.GetValue(importFile)!, Console.Out, Console.Error)));
        feedsExport.SetAction((parse, _) => Guarded(() => FeedsVerb.ExportAsync(Paths(parse), time, Console.Out)));
        explain.SetAction((parse, token) => Guarded(() => ExplainVerb.RunAsync(Paths(parse), hostFactory, parse.GetValue(explainArticle)!, Console.Out, Console.Error, token)));
        check.SetAction((parse, _) => Guarded(() => CheckVerb.RunAsync(Paths(parse), Console.Out, Console.Error)));
        demo.SetAction((parse, _) => Guarded(() => WithSignals(token => DemoVerb.RunAsync(hostFactory, time, token))));

        // The host (run) and WithSignals (once, demo) handle Ctrl+C and SIGTERM themselves and finish cleanly;
        // System.CommandLine's own handler would force the process to exit after a short timeout.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    internal static ConfigurationCheck NewCheck() => new(new FeedListLoader(), new WatchlistLoader());

    private static async Task<int> Guarded(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("monitor: invalid configuration, nothing was polled or sent:");
            foreach (var problem in ex.Problems)
                await Console.Error.WriteLineAsync("  " + problem);
            return ExitCodes.InvalidConfiguration;
        }
        catch (Storage.StorageUnavailableException ex)
        {
            await Console.Error.WriteLineAsync("monitor: " + ex.Message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("monitor: stopped before the cycle finished; what was stored is kept, the rest happens next time.");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> WithSignals(Func<CancellationToken, Task<int>> verb)
    {
        using var stopping = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return await verb(stopping.Token);
    }
}
