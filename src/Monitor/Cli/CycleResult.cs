using Monitor.Scheduling;

namespace Monitor.Cli;

/// <summary>What one full cycle (poll every feed, then every digest) did.</summary>
public sealed record CycleResult(IReadOnlyList<FeedPollResult> Feeds, DigestCycleResult Digests);
