using System.Globalization;
using Monitor.Scheduling;

namespace Monitor.Cli;

/// <summary>The human summary of a cycle printed by <c>once</c> and <c>demo</c> (the demo adds one line per article).</summary>
public static class CycleReport
{
    public static void Write(TextWriter output, CycleResult result, MonitorPaths paths, bool verbose)
    {
        var failed = result.Feeds.Where(f => !f.Succeeded).ToList();
        var articles = result.Feeds.SelectMany(f => f.Articles).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Feeds: {result.Feeds.Count} polled, {failed.Count} failed"));
        foreach (var feed in failed)
            output.WriteLine($"  FAILED {feed.FeedUrl}: {feed.Error}");
        foreach (var feed in result.Feeds.Where(f => f.Repairs.Count > 0))
            output.WriteLine($"  repaired {feed.FeedUrl}: {string.Join("; ", feed.Repairs)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Articles: {articles.Count} new: {articles.Count(a => a.Outcome == ArticleOutcomes.Relevant)} relevant, {articles.Count(a => a.Outcome == ArticleOutcomes.NotRelevant)} not relevant, {articles.Count(a => a.Outcome == ArticleOutcomes.Duplicate)} duplicates of the seed corpus"));

        if (verbose)
        {
            output.WriteLine();
            output.WriteLine($"{"OUTCOME",-13} {"SCORE",5}  {"FEED",-22} {"TITLE",-46} WHY");
            foreach (var feed in result.Feeds)
            {
                var feedName = Cut(Path.GetFileName(new Uri(feed.FeedUrl).AbsolutePath), 22);
                if (!feed.Succeeded)
                    output.WriteLine($"{"feed failed",-13} {"",5}  {feedName,-22} {"",-46} {feed.Error}");
                foreach (var article in feed.Articles)
                {
                    var score = article.Outcome == ArticleOutcomes.Duplicate ? "-" : article.Score.ToString("0.#", CultureInfo.InvariantCulture);
                    output.WriteLine($"{article.Outcome,-13} {score,5}  {feedName,-22} {Cut(article.Title, 46),-46} {article.Reason}");
                }
            }
            output.WriteLine();
        }

        var digests = result.Digests;
        foreach (var alert in result.Alerts)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  alert for {alert.RecipientAddress}: {alert.ItemCount} article{(alert.ItemCount == 1 ? "" : "s")}"));
        // "Digests: N composed, N delivered, N failed" is the line scripts (and .ci/run) read: kept as it was before
        // alerts existed. Delivered and failed count every mail of the pass: digests, alerts and retries.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alerts: {result.Alerts.Count} composed"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Digests: {digests.Composed.Count} composed, {digests.Attempts.Count(a => a.Delivered)} delivered, {digests.Failed} failed"));
        foreach (var attempt in digests.Attempts)
            output.WriteLine($"  {(attempt.Delivered ? "delivered" : "NOT DELIVERED (stays queued)")} to {attempt.Recipient}: {attempt.Detail}");
        if (result.Alerts.Count == 0 && digests.Composed.Count == 0 && digests.Attempts.Count == 0)
            output.WriteLine("  nothing new to send");
        output.WriteLine($"Data folder: {paths.DataFolder}");
    }

    /// <summary>Text cut to a table column, with an ellipsis when it was longer.</summary>
    internal static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
