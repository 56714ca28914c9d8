using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Feeds;

/// <summary>
/// Adds feeds to feeds.yaml by appending entries to the text, so the user's comments and layout stay as they were
/// (a YAML library would rewrite the file without them). The caller validates the result before keeping it.
/// </summary>
public static partial class FeedListWriter
{
    public static string Append(string yaml, IEnumerable<(Uri Url, string? Name, string? Language)> feeds)
    {
        var text = EmptyFlowList().Replace(yaml, "feeds:", 1);
        var builder = new StringBuilder(text);
        if (builder.Length > 0 && builder[^1] != '\n')
            builder.Append('\n');
        foreach (var (url, name, language) in feeds)
        {
            builder.Append("  - url: ").Append(Quote(url.AbsoluteUri)).Append('\n');
            if (!string.IsNullOrWhiteSpace(name))
                builder.Append("    name: ").Append(Quote(name.Trim())).Append('\n');
            if (!string.IsNullOrWhiteSpace(language))
                builder.Append("    language: ").Append(Quote(language.Trim())).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>A double-quoted YAML scalar: safe whatever the text holds (':', '#', quotes, non-ASCII).</summary>
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal) + "\"";

    // "feeds: []" cannot take block entries after it.
    [GeneratedRegex(@"^feeds:\s*\[\s*\]\s*$", RegexOptions.Multiline)]
    private static partial Regex EmptyFlowList();
}
