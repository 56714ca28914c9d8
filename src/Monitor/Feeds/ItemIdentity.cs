using System.Security.Cryptography;
using System.Text;

namespace Monitor.Feeds;

/// <summary>How an article is identified, whatever format its feed is in.</summary>
public static class ItemIdentity
{
    /// <summary>
    /// Its canonical URL without scheme and "www." when it has a link (the same article from two feeds is one), else its
    /// GUID within its feed (GUIDs such as "1" are only unique per feed), else a hash of its content.
    /// </summary>
    public static string Key(string? canonicalUrl, string? guid, Uri feedUrl, string title, string summary, string content) =>
        (canonicalUrl is null ? null : "url:" + UrlCanonicalizer.IdentityKey(canonicalUrl))
        ?? (guid is not null ? $"guid:{feedUrl.AbsoluteUri}#{guid}" : null)
        ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(feedUrl.AbsoluteUri + "\n" + title + "\n" + summary + "\n" + content)));
}
