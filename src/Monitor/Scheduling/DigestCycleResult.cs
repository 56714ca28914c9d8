using Monitor.Digest;

namespace Monitor.Scheduling;

/// <summary>What a digest pass did: the digests it composed and queued, and the outcome of every send attempt.</summary>
public sealed record DigestCycleResult(IReadOnlyList<ComposedDigest> Composed, IReadOnlyList<SendAttempt> Attempts)
{
    public int Failed => Attempts.Count(a => !a.Delivered);
}
