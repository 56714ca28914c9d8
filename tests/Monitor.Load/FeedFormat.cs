namespace Monitor.Load;

/// <summary>How a generated feed is written.</summary>
internal enum FeedFormat
{
    /// <summary>RSS 2.0, a short <c>description</c> and the article in <c>content:encoded</c>.</summary>
    RssWithContent,

    /// <summary>RSS 2.0, the whole article (escaped HTML) in <c>description</c>, as many CMSs publish.</summary>
    RssDescriptionOnly,

    /// <summary>Atom 1.0, <c>summary</c> text and <c>content type="html"</c>.</summary>
    Atom,
}
