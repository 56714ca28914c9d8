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
    IReadOnlyList<ConfigWarning> Warnings)
{
    /// <summary>
    /// The problems of watchlists.yaml when <see cref="Watchlists"/> is the last good copy from the data folder instead
    /// (only <c>monitor run</c> asks for that); empty when the file itself is in force.
    /// </summary>
    public IReadOnlyList<ConfigProblem> WatchlistProblems { get; init; } = [];

    /// <summary>
    /// The templates in CONFIG/templates that do not parse (file, line, reason). The worker renders with the built-in
    /// templates meanwhile and logs them; <c>monitor check</c> reports them as errors.
    /// </summary>
    public IReadOnlyList<ConfigProblem> TemplateProblems { get; init; } = [];
}
