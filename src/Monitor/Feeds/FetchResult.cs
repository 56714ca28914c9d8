namespace Monitor.Feeds;

/// <summary>What fetching a feed gave: a body to parse, "not modified", or a failure with its reason. Never an exception.</summary>
public sealed record FetchResult(FetchOutcome Outcome, Uri Url, int? StatusCode, string? Body, string? ETag, string? LastModified, string? Error)
{
    public static FetchResult Failed(Uri url, string error, int? statusCode = null) =>
        new(FetchOutcome.Failed, url, statusCode, null, null, null, error);
}
