using Microsoft.Extensions.Configuration;
using Monitor.Configuration;
using Monitor.Dedup;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Scoring;

namespace Monitor.Cli;

/// <summary>
/// A configuration that passed every check: the settings tree, the feed list, the watchlists (and their file as it was
/// when read, for the reloader) and the options the CLI needs before the host exists.
/// </summary>
public sealed record CheckedConfiguration(
    IConfigurationRoot Configuration,
    FeedList Feeds,
    WatchlistSet Watchlists,
    FileStamp WatchlistsStamp,
    DigestOptions Digest,
    DedupOptions Dedup,
    LogOptions Log,
    IReadOnlyList<ConfigWarning> Warnings);
