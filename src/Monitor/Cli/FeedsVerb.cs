using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Feeds;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>
/// <c>monitor feeds list</c>: every feed of feeds.yaml with its state as stored: status (ok, never polled, failing
/// since when and why, moved, repaired), last success, next poll, and the articles stored from it.
/// </summary>
public static class FeedsVerb
{
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
            output.WriteLine($"{Cut(feed.Name is null ? url : $"{feed.Name} <{url}>", 50),-50} {status,-10} {When(state?.LastSuccessAt),-17} {When(state?.NextPollAt),-17} {counts.GetValueOrDefault(url),5}  {detail}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{config.Feeds.Feeds.Count} feeds: {config.Feeds.Feeds.Count(f => states.TryGetValue(f.Url.AbsoluteUri, out var s) && s.LastError is null && s.LastSuccessAt is not null)} ok, {config.Feeds.Feeds.Count(f => states.TryGetValue(f.Url.AbsoluteUri, out var s) && s.LastError is not null)} failing, {config.Feeds.Feeds.Count(f => !states.ContainsKey(f.Url.AbsoluteUri))} never polled (times in UTC)"));
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
        if (state.PollInterval is { } interval)
            notes.Insert(0, "every " + Configuration.Duration.Format(interval));
        return ("ok", string.Join("; ", notes));
    }

    private static string When(DateTimeOffset? time) => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{age.TotalDays:0}d" : age.TotalHours >= 1 ? $"{age.TotalHours:0}h" : $"{Math.Max(0, age.TotalMinutes):0}m";

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
