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
        // New entries follow the file's own indentation ("- url:", "  - url:", "    - url:").
        var indent = ExistingItem().Match(text) is { Success: true } item ? item.Groups[1].Value : "  ";
        var keys = indent + "  ";
        var builder = new StringBuilder(text);
        if (builder.Length > 0 && builder[^1] != '\n')
            builder.Append('\n');
        foreach (var (url, name, language) in feeds)
        {
            builder.Append(indent).Append("- url: ").Append(Quote(url.AbsoluteUri)).Append('\n');
            if (!string.IsNullOrWhiteSpace(name))
                builder.Append(keys).Append("name: ").Append(Quote(name.Trim())).Append('\n');
            if (!string.IsNullOrWhiteSpace(language))
                builder.Append(keys).Append("language: ").Append(Quote(language.Trim())).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>
    /// A double-quoted YAML scalar: safe whatever the text holds (':', '#', quotes); control characters and the
    /// Unicode line separators (U+0085, U+2028, U+2029), which YAML treats as line breaks, are written as \u escapes.
    /// </summary>
    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"')
                builder.Append('\\').Append(c);
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    // "feeds: []" (with or without a comment) cannot take block entries after it.
    [GeneratedRegex(@"^feeds:\s*\[\s*\]\s*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex EmptyFlowList();

    [GeneratedRegex(@"^([ \t]*)- url:", RegexOptions.Multiline)]
    private static partial Regex ExistingItem();
}
