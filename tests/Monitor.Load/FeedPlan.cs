namespace Monitor.Load;

/// <summary>A generated feed: its site, format and publishing rhythm. Items are made by <see cref="NewsGenerator"/>.</summary>
internal sealed record FeedPlan(int Index, string Title, string Host, FeedFormat Format, TimeSpan Gap)
{
    public string FileName => Index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + (Format == FeedFormat.Atom ? ".atom" : ".rss");
}
