using Monitor.Dedup;
using Monitor.Feeds;
using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>An article at the end of the pipeline, ready to store: the item, the dedup verdict, and its scores (none when a duplicate).</summary>
public sealed record NewArticle(string FeedUrl, FeedItem Item, DedupVerdict Verdict, ScoredArticle Scored, DateTimeOffset FoundAt);
