using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Feeds;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor feeds list|add|import|export</c>. <c>list</c>: every feed of feeds.yaml with its state as stored
/// (ok, never polled, failing since when and why, moved, repaired), last success, next poll, articles stored.
/// <c>add</c> and <c>import</c> append to feeds.yaml, keeping its comments, and keep the change only if the file
/// still validates; <c>export</c> writes OPML 2.0.
/// </summary>
public static class FeedsVerb
{
    public static Task<int> ExportAsync(MonitorPaths paths, TimeProvider time, TextWriter output)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        using var writer = System.Xml.XmlWriter.Create(output, new System.Xml.XmlWriterSettings { Indent = true, OmitXmlDeclaration = false });
        Opml.Write(config.Feeds.Feeds, time.GetUtcNow()).Save(writer);
        writer.Flush();
        output.WriteLine();
        return Task.FromResult(ExitCodes.Success);
    }

    public static Task<int> ImportAsync(MonitorPaths paths, string file, TextWriter output, TextWriter error)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        IReadOnlyList<Opml.Entry> entries;
        try
        {
            using var stream = File.OpenRead(file);
            entries = Opml.Read(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException or FormatException)
        {
            error.WriteLine($"monitor: cannot import {file}: {ex.Message}");
            return Task.FromResult(ExitCodes.Failure);
        }

        var known = config.Feeds.Feeds.Select(f => f.Url.AbsoluteUri).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = new List<(Uri Url, string? Name, string? Language)>();
        var alreadyListed = 0;
        var skipped = new List<string>();
        foreach (var entry in entries)
        {
            if (Refusal(entry.XmlUrl, out var url) is { } reason)
                skipped.Add($"{entry.XmlUrl}: {reason}");
            else if (!known.Add(url!.AbsoluteUri))
                alreadyListed++;
            else
                added.Add((url, entry.Title, LanguageOrNull(entry.Language)));
        }

        if (added.Count > 0 && Append(paths, added, error) is { } failure)
            return Task.FromResult(failure);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{file}: {entries.Count} feeds, {added.Count} added to {paths.FeedsFile}, {alreadyListed} already listed, {skipped.Count} skipped"));
        foreach (var line in skipped)
            output.WriteLine("  skipped " + line);
        return Task.FromResult(ExitCodes.Success);
    }

    public static async Task<int> AddAsync(MonitorPaths paths, HostFactory hostFactory, string address, string? name, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        if (Refusal(address, out var url) is { } reason)
        {
            error.WriteLine($"monitor: cannot add {address}: {reason}");
            return ExitCodes.Failure;
        }
        using var host = hostFactory(paths, config).Build();
        var fetcher = host.Services.GetRequiredService<FeedFetcher>();
        var parser = host.Services.GetRequiredService<FeedParser>();

        var fetch = await fetcher.FetchAsync(url!, null, null, cancellationToken);
        if (fetch.Outcome != FetchOutcome.Ok)
        {
            error.WriteLine($"monitor: cannot add {url}: {fetch.Error}");
            return ExitCodes.Failure;
        }
        var feedUrl = fetch.MovedTo ?? url!;
        var parsed = TryParse(parser, fetch.Body!, feedUrl, out var parseError);
        if (parsed is null)
        {
            // Not a feed: maybe a page that announces its feed.
            foreach (var alternate in FeedDiscovery.Alternates(fetch.Body!, feedUrl))
            {
                var candidate = await fetcher.FetchAsync(alternate, null, null, cancellationToken);
                if (candidate.Outcome == FetchOutcome.Ok && TryParse(parser, candidate.Body!, candidate.MovedTo ?? alternate, out _) is { } found)
                {
                    (feedUrl, parsed) = (candidate.MovedTo ?? alternate, found);
                    output.WriteLine($"{url} is a page; it announces the feed {feedUrl}");
                    break;
                }
            }
        }
        if (parsed is null)
        {
            error.WriteLine($"monitor: no feed at {url}: {parseError}, and the page announces no feed (<link rel=\"alternate\" type=\"application/rss+xml\">)");
            return ExitCodes.Failure;
        }
        if (config.Feeds.Feeds.Any(f => string.Equals(f.Url.AbsoluteUri, feedUrl.AbsoluteUri, StringComparison.OrdinalIgnoreCase)))
        {
            output.WriteLine($"{feedUrl} is already in {paths.FeedsFile}");
            return ExitCodes.Success;
        }
        if (Append(paths, [(feedUrl, name ?? parsed.Title, LanguageOrNull(parsed.Language))], error) is { } failure)
            return failure;
        output.WriteLine($"Added {feedUrl} (\"{name ?? parsed.Title}\", {parsed.Items.Count} items now) to {paths.FeedsFile}");
        return ExitCodes.Success;
    }

    /// <summary>Appends to feeds.yaml through a temporary file that must validate before it replaces the original.</summary>
    private static int? Append(MonitorPaths paths, IReadOnlyList<(Uri Url, string? Name, string? Language)> feeds, TextWriter error)
    {
        var temporary = paths.FeedsFile + ".new";
        File.WriteAllText(temporary, FeedListWriter.Append(File.ReadAllText(paths.FeedsFile), feeds));
        try
        {
            new FeedListLoader().Load(temporary, TimeSpan.FromMinutes(30));
        }
        catch (Configuration.ConfigurationException ex)
        {
            File.Delete(temporary);
            error.WriteLine($"monitor: {paths.FeedsFile} left unchanged: the edit would make it invalid:");
            foreach (var problem in ex.Problems)
                error.WriteLine("  " + problem);
            return ExitCodes.Failure;
        }
        File.Move(temporary, paths.FeedsFile, overwrite: true);
        return null;
    }

    private static ParsedFeed? TryParse(FeedParser parser, string body, Uri url, out string? error)
    {
        try
        {
            error = null;
            return parser.Parse(body, url);
        }
        catch (FeedParseException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private static string? Refusal(string address, out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
            return "not an absolute http or https URL";
        if (parsed.UserInfo.Length > 0)
            return "contains a user name or password";
        url = parsed;
        return null;
    }

    private static string? LanguageOrNull(string? language) =>
        language is { Length: >= 2 and <= 8 } && language.All(c => char.IsAsciiLetter(c) || c == '-') ? language.ToLowerInvariant() : null;

    public static async Task<int> ListAsync(MonitorPaths paths, HostFactory hostFactory, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var config = MonitorCli.NewCheck().Check(paths);
        using var host = hostFactory(paths, config).Build();
        await host.Services.GetRequiredService<MonitorDatabase>().MigrateAsync(cancellationToken);
        var states = (await host.Services.GetRequiredService<FeedStateStore>().ListAsync(cancellationToken)).ToDictionary(s => s.Url, StringComparer.Ordinal);
        var counts = await host.Services.GetRequiredService<ArticleStore>().CountByFeedAsync(cancellationToken);
        var now = time.GetUtcNow();

        output.WriteLine($"{"FEED",-50} {"STATUS",-10} {"LAST SUCCESS",-17} {"NEXT POLL",-17} {"ITEMS",5}  DETAIL");
        foreach (var feed in config.Feeds.Feeds)
        {
            var url = feed.Url.AbsoluteUri;
            states.TryGetValue(url, out var state);
            var (status, detail) = Describe(state, now);
            output.WriteLine($"{CycleReport.Cut(feed.Name is null ? url : $"{feed.Name} <{url}>", 50),-50} {status,-10} {When(state?.LastSuccessAt),-17} {When(state?.NextPollAt),-17} {counts.GetValueOrDefault(url),5}  {detail}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{config.Feeds.Feeds.Count} feeds: {config.Feeds.Feeds.Count(f => states.TryGetValue(f.Url.AbsoluteUri, out var s) && s.LastError is null && s.LastSuccessAt is not null)} ok, {config.Feeds.Feeds.Count(f => states.TryGetValue(f.Url.AbsoluteUri, out var s) && s.LastError is not null)} failing, {config.Feeds.Feeds.Count(f => !states.ContainsKey(f.Url.AbsoluteUri))} never polled (times in UTC; ok counts silent feeds)"));
        return ExitCodes.Success;
    }

    private static (string Status, string Detail) Describe(FeedState? state, DateTimeOffset now)
    {
        if (state is null || (state.LastSuccessAt is null && state.LastError is null))
            return ("new", "never polled");
        var notes = new List<string>();
        if (state.MovedTo is not null)
            notes.Add($"moved permanently to {state.MovedTo}: update feeds.yaml");
        if (state.LastRepairs is not null)
            notes.Add("repaired: " + state.LastRepairs);
        if (state.LastError is not null)
        {
            var since = state.FailingSince is { } s ? $"since {When(s)} ({Age(now - s)}), " : "";
            notes.Insert(0, $"{since}{state.ConsecutiveFailures} failure{(state.ConsecutiveFailures == 1 ? "" : "s")} in a row: {state.LastError}");
            return ("FAILING", string.Join("; ", notes));
        }
        if (Scheduling.PollIntervalCalculator.IsSilent(now, state.LastItemAt, state.UsualGap))
        {
            notes.Insert(0, $"no new item since {When(state.LastItemAt)} ({Age(now - state.LastItemAt!.Value)}), though it usually publishes every {Configuration.Duration.Format(state.UsualGap!.Value)}");
            return ("SILENT", string.Join("; ", notes));
        }
        if (state.PollInterval is { } interval)
            notes.Insert(0, "every " + Configuration.Duration.Format(interval));
        return ("ok", string.Join("; ", notes));
    }

    private static string When(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{age.TotalDays:0}d" : age.TotalHours >= 1 ? $"{age.TotalHours:0}h" : $"{Math.Max(0, age.TotalMinutes):0}m";
}
