using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Monitor.Configuration;

/// <summary>How config files are named in messages, and how YAML syntax errors are worded.</summary>
public static partial class ConfigSource
{
    /// <summary>The path relative to the working folder when it is below it (config/feeds.yaml), else absolute.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the line is reported separately.</summary>
    public static ConfigProblem FromYamlException(string source, string key, YamlException ex)
    {
        var message = PositionPrefix().Replace(ex.Message, "");
        if (ex.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message))
            message += ": " + PositionPrefix().Replace(inner.Message, "");
        return new ConfigProblem(source, (int)ex.Start.Line, key, "invalid YAML: " + message.Trim());
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
