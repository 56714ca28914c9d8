namespace Monitor.Feeds;

/// <summary>
/// The canonical form of an article URL, used as its identity across feeds: scheme and host lower-cased,
/// default port and fragment dropped, tracking parameters removed, remaining query parameters kept in order.
/// </summary>
public static class UrlCanonicalizer
{
    // Tracking parameters: Google Analytics (utm_*), ad click ids (fbclid Facebook, gclid/dclid/gbraid/wbraid Google,
    // msclkid Microsoft, yclid Yandex, twclid X, igshid Instagram), mailing tools (mc_cid/mc_eid Mailchimp,
    // _hsenc/_hsmi HubSpot, mkt_tok Marketo), and feed-proxy markers (at_medium/at_campaign AT Internet, xtor).
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "_hsenc", "_hsmi", "mkt_tok", "at_medium", "at_campaign", "xtor", "ref_src", "cmpid", "ocid",
    };

    /// <summary>
    /// The identity of an article URL across feeds: its canonical form without the scheme and a leading "www.",
    /// since sites serve the same article over http and https, with and without www.
    /// </summary>
    public static string IdentityKey(string canonicalUrl)
    {
        var withoutScheme = canonicalUrl[(canonicalUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
        return withoutScheme.StartsWith("www.", StringComparison.Ordinal) ? withoutScheme[4..] : withoutScheme;
    }

    /// <summary>The canonical URL, or null when <paramref name="url"/> is not an absolute http(s) URL.</summary>
    public static string? Canonicalize(string? url, Uri? baseUri = null)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            if (baseUri is null || !Uri.TryCreate(baseUri, trimmed, out uri) || uri.Scheme is not ("http" or "https"))
                return null;
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = uri.Scheme.ToLowerInvariant(),
            Host = uri.IdnHost.ToLowerInvariant(),
            Fragment = string.Empty,
        };
        if (uri.IsDefaultPort)
            builder.Port = -1;

        var query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair =>
                {
                    var name = Uri.UnescapeDataString(pair.Split('=', 2)[0]);
                    return !name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !TrackingParameters.Contains(name);
                });
            builder.Query = string.Join('&', kept);
        }

        var result = builder.Uri.AbsoluteUri;
        // UriBuilder leaves a bare "?" when every parameter was removed.
        return result.EndsWith('?') ? result[..^1] : result;
    }
}
