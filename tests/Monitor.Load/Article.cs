namespace Monitor.Load;

/// <summary>One generated feed item. <paramref name="Paragraphs"/> are plain text; the writers put each in a <c>p</c>.</summary>
/// <param name="CopyOf">For a syndicated copy, the (feed, item) it republishes; null for an original.</param>
internal sealed record Article(
    string Title,
    string Summary,
    IReadOnlyList<string> Paragraphs,
    string Url,
    string Guid,
    DateTimeOffset Published,
    string Topic,
    bool OnTheme,
    (int Feed, int Item)? CopyOf);
