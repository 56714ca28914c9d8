namespace Monitor.Storage;

/// <summary>Values of <c>articles.status</c>.</summary>
public static class ArticleStatus
{
    /// <summary>Not seen before: scored, and mailed when relevant.</summary>
    public const string New = "new";

    /// <summary>Repeats a seed (or, later, an article already sent): stored with its reason, never mailed.</summary>
    public const string Duplicate = "duplicate";
}
