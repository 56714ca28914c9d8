using Monitor.Configuration;
using YamlDotNet.RepresentationModel;

namespace Monitor.Feeds;

/// <summary>
/// Reads <c>feeds.yaml</c>:
/// <code>
/// feeds:
///   - url: https://example.org/feed.xml
///     name: Example      # optional
///     language: fr       # optional hint
///     interval: 30m      # optional
///     full_text: true    # optional: read each new item's page
/// </code>
/// Every problem is reported with its line and key, not just the first; a list with any problem is not used.
/// </summary>
public sealed class FeedListLoader
{
    public const string FileName = "feeds.yaml";
    private static readonly string[] KnownKeys = ["url", "name", "language", "interval", "full_text"];

    /// <summary>A feed polled less than weekly is not being monitored.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(7);

    public IReadOnlyList<FeedDefinition> Load(string path, TimeSpan defaultInterval)
    {
        var problems = new List<ConfigProblem>();
        var feeds = Parse(path, defaultInterval, problems);
        if (problems.Count > 0)
            throw new ConfigurationException(problems);
        return feeds;
    }

    private static List<FeedDefinition> Parse(string path, TimeSpan defaultInterval, List<ConfigProblem> problems)
    {
        var source = ConfigSource.Display(path);
        var feeds = new List<FeedDefinition>();
        var list = YamlConfigFile.LoadList(path, "feeds", problems);
        if (list is null)
            return feeds;

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var key = $"feeds[{i}]";
            if (list.Children[i] is not YamlMappingNode entry)
            {
                problems.Add(new ConfigProblem(source, Line(list.Children[i]), key, "must be a mapping with at least 'url:'"));
                continue;
            }

            string? url = null, name = null, language = null;
            var interval = defaultInterval;
            var explicitInterval = false;
            var fullText = false;
            var ok = true;
            foreach (var (k, v) in entry.Children)
            {
                var field = (k as YamlScalarNode)?.Value ?? "";
                if (!KnownKeys.Contains(field))
                {
                    problems.Add(new ConfigProblem(source, Line(k), $"{key}.{field}", $"unknown key (expected one of: {string.Join(", ", KnownKeys)})"));
                    ok = false;
                    continue;
                }
                if (v is not YamlScalarNode scalar)
                {
                    problems.Add(new ConfigProblem(source, Line(v), $"{key}.{field}", "must be a single value"));
                    ok = false;
                    continue;
                }
                switch (field)
                {
                    case "url": url = scalar.Value; break;
                    case "name": name = scalar.Value; break;
                    case "language": language = scalar.Value; break;
                    case "full_text":
                        if (!bool.TryParse(scalar.Value, out fullText))
                        {
                            problems.Add(new ConfigProblem(source, Line(scalar), $"{key}.full_text", $"must be true or false (got '{scalar.Value}')"));
                            ok = false;
                        }
                        break;
                    case "interval":
                        explicitInterval = true;
                        if (!Duration.TryParse(scalar.Value, out interval) || interval < TimeSpan.FromMinutes(1) || interval > MaxInterval)
                        {
                            problems.Add(new ConfigProblem(source, Line(scalar), $"{key}.interval", $"must be a duration from 1m to 7d such as 15m, 1h or 1h30m (got '{scalar.Value}')"));
                            ok = false;
                        }
                        break;
                }
            }

            if (string.IsNullOrWhiteSpace(url))
            {
                problems.Add(new ConfigProblem(source, Line(entry), $"{key}.url", "is required"));
                continue;
            }
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                problems.Add(new ConfigProblem(source, Line(entry), $"{key}.url", $"must be an absolute http or https URL (got '{url}')"));
                continue;
            }
            if (uri.UserInfo.Length > 0)
            {
                problems.Add(new ConfigProblem(source, Line(entry), $"{key}.url", "must not contain a user name or password: they would be written to logs and digests"));
                continue;
            }
            if (language is not null && (language.Length < 2 || language.Length > 8 || !language.All(c => char.IsAsciiLetter(c) || c == '-')))
            {
                problems.Add(new ConfigProblem(source, Line(entry), $"{key}.language", $"must be a language code such as en or fr (got '{language}')"));
                ok = false;
            }
            if (!seen.Add(uri.AbsoluteUri))
            {
                problems.Add(new ConfigProblem(source, Line(entry), $"{key}.url", $"is listed twice ({uri.AbsoluteUri})"));
                continue;
            }
            if (ok)
                feeds.Add(new FeedDefinition(uri, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), language?.ToLowerInvariant(), interval, explicitInterval, fullText));
        }
        return feeds;
    }

    private static int Line(YamlNode node) => YamlConfigFile.Line(node);
}
