using Monitor.Digest;
using Monitor.Scheduling;

namespace Monitor.Cli;

/// <summary>What one full cycle (poll every feed, then the alerts, then every digest) did. <see cref="DigestCycleResult.Attempts"/> covers every mail sent.</summary>
public sealed record CycleResult(IReadOnlyList<FeedPollResult> Feeds, DigestCycleResult Digests)
{
    /// <summary>The alerts queued in this cycle (sent with the digests).</summary>
    public IReadOnlyList<ComposedDigest> Alerts { get; init; } = [];
}
