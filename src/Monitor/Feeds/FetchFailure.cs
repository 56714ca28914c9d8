namespace Monitor.Feeds;

/// <summary>
/// What kind of failure a failed fetch was, beside its wording in <see cref="FetchResult.Error"/>: a small fixed set, so
/// that callers can count failures by kind (like miniflux's named fetch errors) without parsing messages.
/// </summary>
public enum FetchFailure
{
    /// <summary>Anything else: connection refused or reset, too many redirects, a host left alone after failures, a broken body.</summary>
    Other,

    /// <summary>Feeds:TimeoutSeconds passed.</summary>
    Timeout,

    /// <summary>The server answered 4xx (404, 410, 429 …).</summary>
    HttpClientError,

    /// <summary>The server answered 5xx.</summary>
    HttpServerError,

    /// <summary>The response was larger than the size cap.</summary>
    TooLarge,

    /// <summary>The TLS handshake failed (untrusted or mismatched certificate, protocol).</summary>
    Tls,

    /// <summary>The host name did not resolve.</summary>
    Dns,
}
