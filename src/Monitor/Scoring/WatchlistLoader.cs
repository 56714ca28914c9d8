using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Configuration;
using Monitor.Text;
using YamlDotNet.RepresentationModel;

namespace Monitor.Scoring;

/// <summary>
/// Reads and validates <c>watchlists.yaml</c> in full (every problem, with line and key), and returns the set only
/// when nothing is wrong. Format:
/// <code>
/// watchlists:
///   - name: export-controls          # unique id, letters, digits and '-'
///     title: Chip export controls    # optional display name
///     threshold: 4                   # digest threshold
///     alert: 10                      # optional alert threshold
///     terms:
///       - term: export controls
///         weight: 3
///         synonyms: [export restrictions, contrôles à l'exportation]
///       - Nvidia                     # shorthand: weight 1, no synonyms
/// </code>
/// </summary>
public sealed partial class WatchlistLoader
{
    public const string FileName = "watchlists.yaml";
    private static readonly string[] WatchlistKeys = ["name", "title", "threshold", "alert", "terms"];
    private static readonly string[] TermKeys = ["term", "weight", "synonyms"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();

    public WatchlistSet Load(string path)
    {
        var problems = new List<ConfigProblem>();
        var set = Parse(path, problems);
        if (problems.Count > 0)
            throw new ConfigurationException(problems);
        return set;
    }

    private static WatchlistSet Parse(string path, List<ConfigProblem> problems)
    {
        var source = ConfigSource.Display(path);
        var watchlists = new List<Watchlist>();
        var list = YamlConfigFile.LoadList(path, "watchlists", problems);
        if (list is null)
            return new WatchlistSet(watchlists);
        if (list.Children.Count == 0)
        {
            problems.Add(new ConfigProblem(source, YamlConfigFile.Line(list), "watchlists", "is empty: define at least one watchlist"));
            return new WatchlistSet(watchlists);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var watchlist = ParseWatchlist(list.Children[i], $"watchlists[{i}]", source, problems);
            if (watchlist is null)
                continue;
            if (!names.Add(watchlist.Name))
                problems.Add(new ConfigProblem(source, Line(list.Children[i]), $"watchlists[{i}].name", $"'{watchlist.Name}' is used by another watchlist"));
            else
                watchlists.Add(watchlist);
        }
        return new WatchlistSet(watchlists);
    }

    private static Watchlist? ParseWatchlist(YamlNode node, string key, string source, List<ConfigProblem> problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Add(new ConfigProblem(source, Line(node), key, "must be a mapping with name, threshold and terms"));
            return null;
        }
        var before = problems.Count;
        CheckKeys(map, key, WatchlistKeys, source, problems);

        var name = Scalar(map, "name", key, source, problems);
        if (name is null)
            problems.Add(new ConfigProblem(source, Line(map), $"{key}.name", "is required"));
        else if (!NamePattern().IsMatch(name))
            problems.Add(new ConfigProblem(source, Line(map["name"]), $"{key}.name", $"must be letters, digits, '-' or '_' (got '{name}')"));

        var title = Scalar(map, "title", key, source, problems);
        var threshold = Number(map, "threshold", key, source, problems, required: true) ?? 0;
        var alert = Number(map, "alert", key, source, problems, required: false);

        var terms = new List<WatchlistTerm>();
        if (!map.Children.TryGetValue(new YamlScalarNode("terms"), out var termsNode) || termsNode is not YamlSequenceNode termList || termList.Children.Count == 0)
            problems.Add(new ConfigProblem(source, Line(map), $"{key}.terms", "is required and must be a non-empty list"));
        else
        {
            for (var t = 0; t < termList.Children.Count; t++)
            {
                var term = ParseTerm(termList.Children[t], $"{key}.terms[{t}]", source, problems);
                if (term is not null)
                    terms.Add(term);
            }
        }

        return problems.Count == before && name is not null
            ? new Watchlist(name, string.IsNullOrWhiteSpace(title) ? name : title.Trim(), threshold, alert, terms)
            : null;
    }

    private static WatchlistTerm? ParseTerm(YamlNode node, string key, string source, List<ConfigProblem> problems)
    {
        if (node is YamlScalarNode shorthand)
        {
            var phrase = Phrase(shorthand, key, source, problems);
            return phrase is null ? null : new WatchlistTerm(shorthand.Value!.Trim(), 1, [shorthand.Value!.Trim()], [phrase]);
        }
        if (node is not YamlMappingNode map)
        {
            problems.Add(new ConfigProblem(source, Line(node), key, "must be a term (text) or a mapping with term, weight and synonyms"));
            return null;
        }
        var before = problems.Count;
        CheckKeys(map, key, TermKeys, source, problems);

        string? term = null;
        var phrasings = new List<string>();
        var phraseWords = new List<IReadOnlyList<string>>();
        if (!map.Children.TryGetValue(new YamlScalarNode("term"), out var termNode) || termNode is not YamlScalarNode termScalar)
            problems.Add(new ConfigProblem(source, Line(map), $"{key}.term", "is required"));
        else if (Phrase(termScalar, $"{key}.term", source, problems) is { } words)
        {
            term = termScalar.Value!.Trim();
            phrasings.Add(term);
            phraseWords.Add(words);
        }

        var weight = Number(map, "weight", key, source, problems, required: false) ?? 1;

        if (map.Children.TryGetValue(new YamlScalarNode("synonyms"), out var synonymsNode))
        {
            if (synonymsNode is not YamlSequenceNode synonyms)
                problems.Add(new ConfigProblem(source, Line(synonymsNode), $"{key}.synonyms", "must be a list of phrases"));
            else
            {
                for (var s = 0; s < synonyms.Children.Count; s++)
                {
                    if (synonyms.Children[s] is not YamlScalarNode synonym)
                    {
                        problems.Add(new ConfigProblem(source, Line(synonyms.Children[s]), $"{key}.synonyms[{s}]", "must be a phrase"));
                        continue;
                    }
                    if (Phrase(synonym, $"{key}.synonyms[{s}]", source, problems) is { } words)
                    {
                        phrasings.Add(synonym.Value!.Trim());
                        phraseWords.Add(words);
                    }
                }
            }
        }

        return problems.Count == before && term is not null ? new WatchlistTerm(term, weight, phrasings, phraseWords) : null;
    }

    private static List<string>? Phrase(YamlScalarNode node, string key, string source, List<ConfigProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(node.Value))
        {
            problems.Add(new ConfigProblem(source, Line(node), key, "is empty"));
            return null;
        }
        var words = WordTokenizer.MatchWords(node.Value);
        if (words.Count == 0)
        {
            problems.Add(new ConfigProblem(source, Line(node), key, $"'{node.Value}' has no letters or digits to match"));
            return null;
        }
        return words;
    }

    private static void CheckKeys(YamlMappingNode map, string key, string[] known, string source, List<ConfigProblem> problems)
    {
        foreach (var (k, _) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
                problems.Add(new ConfigProblem(source, Line(k), $"{key}.{name}", $"unknown key (expected one of: {string.Join(", ", known)})"));
        }
    }

    private static string? Scalar(YamlMappingNode map, string field, string key, string source, List<ConfigProblem> problems)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(field), out var node))
            return null;
        if (node is YamlScalarNode scalar)
            return scalar.Value;
        problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", "must be a single value"));
        return null;
    }

    private static double? Number(YamlMappingNode map, string field, string key, string source, List<ConfigProblem> problems, bool required)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(field), out var node))
        {
            if (required)
                problems.Add(new ConfigProblem(source, Line(map), $"{key}.{field}", "is required"));
            return null;
        }
        if (node is YamlScalarNode scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value > 0)
                return value;
            problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", $"must be greater than 0 (got {scalar.Value})"));
            return null;
        }
        problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", $"must be a number (got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}')"));
        return null;
    }

    private static int Line(YamlNode node) => YamlConfigFile.Line(node);
}
