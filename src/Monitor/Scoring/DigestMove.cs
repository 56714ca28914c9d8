namespace Monitor.Scoring;

/// <summary>What a change of watchlists does to one article's place in one watchlist's digest.</summary>
public enum DigestMove
{
    /// <summary>Below the threshold before, at or above it after.</summary>
    Enter,

    /// <summary>At or above the threshold before, below it after.</summary>
    Leave,

    /// <summary>At or above the threshold both times (the score may still change).</summary>
    Stay,

    /// <summary>Below the threshold both times.</summary>
    Out,
}
