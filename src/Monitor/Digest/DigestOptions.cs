namespace Monitor.Digest;

/// <summary>
/// Section <c>Digest</c>:
/// <code>"Digest": { "Recipients": [ { "Address": "analyst@example.org" } ], "MaxArticleAgeDays": 7, "MaxItemsPerWatchlist": 50, "SnippetLength": 300, "RemoteImages": false }</code>
/// </summary>
public sealed class DigestOptions
{
    public const string Section = "Digest";

    public List<RecipientOptions> Recipients { get; set; } = [];

    /// <summary>Articles found longer ago than this are not mailed any more (a recipient added today gets the last week, not the archive).</summary>
    public int MaxArticleAgeDays { get; set; } = 7;

    /// <summary>At most this many articles per watchlist in one digest; the rest go in the next one.</summary>
    public int MaxItemsPerWatchlist { get; set; } = 50;

    /// <summary>Characters of summary shown per article.</summary>
    public int SnippetLength { get; set; } = 300;

    /// <summary>
    /// Let a template show images from the web (a logo). Off by default: a remote image tells its server when, where
    /// and by whom the mail was read. Feed images are never shown either way.
    /// </summary>
    public bool RemoteImages { get; set; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (MaxArticleAgeDays is < 1 or > 3650)
            yield return (nameof(MaxArticleAgeDays), $"must be between 1 and 3650 (got {MaxArticleAgeDays})");
        if (MaxItemsPerWatchlist is < 1 or > 1000)
            yield return (nameof(MaxItemsPerWatchlist), $"must be between 1 and 1000 (got {MaxItemsPerWatchlist})");
        if (SnippetLength is < 0 or > 5000)
            yield return (nameof(SnippetLength), $"must be between 0 and 5000 (got {SnippetLength})");
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Recipients.Count; i++)
        {
            foreach (var (key, message) in Recipients[i].Validate())
                yield return ($"{nameof(Recipients)}:{i}:{key}", message);
            if (!string.IsNullOrWhiteSpace(Recipients[i].Address) && !addresses.Add(Recipients[i].Key))
                yield return ($"{nameof(Recipients)}:{i}:{nameof(RecipientOptions.Address)}", $"'{Recipients[i].Address}' is listed twice");
        }
    }
}
