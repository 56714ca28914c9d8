namespace Monitor.Text;

/// <summary>The text of an article besides its title, as dedup and scoring both read (and translate) it.</summary>
public static class ArticleBody
{
    /// <summary>Summary and content, the summary left out when the content already starts with it.</summary>
    public static string Of(string? summary, string? content)
    {
        summary ??= "";
        content ??= "";
        if (summary.Length == 0)
            return content;
        if (content.Length == 0)
            return summary;
        var head = summary.Length > 120 ? summary[..120] : summary;
        return content.Contains(head, StringComparison.Ordinal) ? content : summary + "\n" + content;
    }
}
