namespace Monitor.Feeds;

/// <summary>
/// What fetching a feed gave: a body to parse, "not modified", or a failure with its reason. Never an exception.
/// <see cref="RetryAfter"/> (429/503) and <see cref="MaxAge"/> (Cache-Control) are the server's say on when to come back.
/// </summary>
public sealed record FetchResult(FetchOutcome Outcome, Uri Url, int? StatusCode, string? Body, string? ETag, string? LastModified, string? Error)
{
    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan? MaxAge { get; init; }

    /// <summary>The address that finally answered, after any redirects: relative links resolve against it.</summary>
    public Uri? FinalUrl { get; init; }

    /// <summary>Where the feed now lives when every redirect on the way was permanent (301/308); null otherwise.</summary>
    public Uri? MovedTo { get; init; }

    /// <summary>The kind of failure when <see cref="Outcome"/> is <see cref="FetchOutcome.Failed"/>; null otherwise.</summary>
    public FetchFailure? Failure { get; init; }

    public static FetchResult Failed(Uri url, FetchFailure failure, string error, int? statusCode = null) =>
        new(FetchOutcome.Failed, url, statusCode, null, null, null, error) { Failure = failure };
}
