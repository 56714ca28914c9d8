using Monitor.Dedup;
using Monitor.Feeds;
using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>
/// An article at the end of the pipeline, ready to store: the item, the dedup verdict, its scores (none when a
/// duplicate), and its fingerprint (kept for later articles to be compared with; null for seed duplicates).
/// </summary>
public sealed record NewArticle(string FeedUrl, FeedItem Item, DedupVerdict Verdict, ScoredArticle Scored, DateTimeOffset FoundAt, Fingerprint? Fingerprint = null)
{
    /// <summary>The story it belongs to: the earlier article's when it repeats one, else its own key.</summary>
    public string StoryKey => Verdict.Outcome == DedupOutcome.SameStory && Verdict.StoryOf is { } story ? story : Item.Key;
}
