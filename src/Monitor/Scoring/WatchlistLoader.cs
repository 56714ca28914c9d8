using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Monitor.Configuration;
using Monitor.Text;
using YamlDotNet.RepresentationModel;

namespace Monitor.Scoring;

/// <summary>
/// Reads and validates <c>watchlists.yaml</c> in full (every problem, with line and key), and returns the set only
/// when nothing is wrong. Format (the README has the full reference):
/// <code>
/// defaults:                            # optional
///   boosts: { title: 1.5, summary: 1, content: 1 }
///   seed_similarity: { min: 0.2, bonus: 2 }
/// watchlists:
///   - name: export-controls            # unique id, letters, digits, '-' and '_'
///     title: Chip export controls      # optional display name
///     threshold: 4                     # digest threshold
///     alert: 10                        # optional alert threshold
///     recipients: [analyst@example.org] # optional: only these recipients get it
///     boosts: { title: 2 }             # optional, per field, over the defaults
///     seed_bonus: 0                    # optional, over defaults.seed_similarity.bonus
///     terms:
///       - term: export controls
///         weight: 3
///         synonyms: [export restrictions, contrôles à l'exportation, "Nvidia NEAR/10 ban"]
///         regex: ['\bECCN\s*3A090\b']
///       - Nvidia                       # shorthand: weight 1, no synonyms
///     exclude:                         # a match vetoes the watchlist, or subtracts its penalty
///       - term: soybeans
///         synonyms: [soja]
///         penalty: 3
///     require:                         # Boolean groups over the terms above
///       - any: [China, United States]
/// </code>
/// </summary>
public sealed partial class WatchlistLoader
{
    public const string FileName = "watchlists.yaml";
    private static readonly string[] WatchlistKeys = ["name", "title", "threshold", "alert", "recipients", "boosts", "seed_bonus", "terms", "exclude", "require"];
    private static readonly string[] TermKeys = ["term", "weight", "synonyms", "regex"];
    private static readonly string[] ExcludeKeys = ["term", "synonyms", "regex", "penalty"];
    private static readonly string[] DefaultsKeys = ["boosts", "seed_similarity"];
    private static readonly string[] BoostKeys = [Fields.Title, Fields.Summary, Fields.Content];
    private static readonly string[] SeedKeys = ["min", "bonus"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();

    /// <summary><c>left NEAR/n right</c>, each side a phrase, optionally in double quotes.</summary>
    [GeneratedRegex("^(?<left>.+?)\\s+NEAR/(?<n>[0-9]+)\\s+(?<right>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NearSyntax();

    public WatchlistSet Load(string path)
    {
        var problems = new List<ConfigProblem>();
        var set = new Parser(ConfigSource.Display(path), problems).Parse(path);
        if (problems.Count > 0)
            throw new ConfigurationException(problems);
        return set;
    }

    private sealed class Parser(string source, List<ConfigProblem> problems)
    {
        private readonly PhraseTable _phrases = new();
        private FieldBoosts _boosts = FieldBoosts.Default;
        private double _seedMin = WatchlistSet.DefaultSeedSimilarityMin;
        private double _seedBonus;

        public WatchlistSet Parse(string path)
        {
            var watchlists = new List<Watchlist>();
            var (list, root) = YamlConfigFile.Load(path, "watchlists", ["defaults"], problems);
            if (root is not null && root.Children.TryGetValue(new YamlScalarNode("defaults"), out var defaults))
                ParseDefaults(defaults);
            if (list is null)
                return new WatchlistSet(watchlists, _phrases, _seedMin);
            if (list.Children.Count == 0)
            {
                problems.Add(new ConfigProblem(source, YamlConfigFile.Line(list), "watchlists", "is empty: define at least one watchlist"));
                return new WatchlistSet(watchlists, _phrases, _seedMin);
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < list.Children.Count; i++)
            {
                var watchlist = ParseWatchlist(list.Children[i], $"watchlists[{i}]");
                if (watchlist is null)
                    continue;
                if (!names.Add(watchlist.Name))
                    problems.Add(new ConfigProblem(source, Line(list.Children[i]), $"watchlists[{i}].name", $"'{watchlist.Name}' is used by another watchlist"));
                else
                    watchlists.Add(watchlist);
            }
            return new WatchlistSet(watchlists, _phrases, _seedMin);
        }

        private void ParseDefaults(YamlNode node)
        {
            if (!Mapping(node, "defaults", DefaultsKeys, out var map))
                return;
            if (map.Children.TryGetValue(new YamlScalarNode("boosts"), out var boosts))
                _boosts = Boosts(boosts, "defaults.boosts", FieldBoosts.Default);
            if (map.Children.TryGetValue(new YamlScalarNode("seed_similarity"), out var seed) && Mapping(seed, "defaults.seed_similarity", SeedKeys, out var seedMap))
            {
                _seedMin = Number(seedMap, "min", "defaults.seed_similarity", required: false, allowZero: false) ?? _seedMin;
                if (_seedMin > 1)
                    problems.Add(new ConfigProblem(source, Line(seedMap["min"]), "defaults.seed_similarity.min", $"is a cosine similarity between 0 and 1 (got {_seedMin.ToString(CultureInfo.InvariantCulture)})"));
                _seedBonus = Number(seedMap, "bonus", "defaults.seed_similarity", required: false, allowZero: true) ?? 0;
            }
        }

        private Watchlist? ParseWatchlist(YamlNode node, string key)
        {
            if (!Mapping(node, key, WatchlistKeys, out var map, "must be a mapping with name, threshold and terms"))
                return null;
            var before = problems.Count;

            var name = Scalar(map, "name", key);
            if (name is null)
                problems.Add(new ConfigProblem(source, Line(map), $"{key}.name", "is required"));
            else if (!NamePattern().IsMatch(name))
                problems.Add(new ConfigProblem(source, Line(map["name"]), $"{key}.name", $"must be letters, digits, '-' or '_' (got '{name}')"));

            var title = Scalar(map, "title", key);
            var threshold = Number(map, "threshold", key, required: true, allowZero: false) ?? 0;
            var alert = Number(map, "alert", key, required: false, allowZero: false);
            if (alert is not null && alert < threshold)
                problems.Add(new ConfigProblem(source, Line(map["alert"]), $"{key}.alert", $"must be at least the threshold ({threshold.ToString(CultureInfo.InvariantCulture)}): an alert is for the best of the digest"));
            var boosts = map.Children.TryGetValue(new YamlScalarNode("boosts"), out var boostNode) ? Boosts(boostNode, $"{key}.boosts", _boosts) : _boosts;
            var seedBonus = Number(map, "seed_bonus", key, required: false, allowZero: true) ?? _seedBonus;
            var recipients = Recipients(map, key);

            var terms = new List<WatchlistTerm>();
            if (!map.Children.TryGetValue(new YamlScalarNode("terms"), out var termsNode) || termsNode is not YamlSequenceNode termList || termList.Children.Count == 0)
                problems.Add(new ConfigProblem(source, Line(map), $"{key}.terms", "is required and must be a non-empty list"));
            else
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (var t = 0; t < termList.Children.Count; t++)
                {
                    var term = ParseTerm(termList.Children[t], $"{key}.terms[{t}]", exclude: false);
                    if (term is null)
                        continue;
                    if (!seen.Add(term.Term))
                        problems.Add(new ConfigProblem(source, Line(termList.Children[t]), $"{key}.terms[{t}]", $"'{term.Term}' is listed twice: merge the two entries"));
                    terms.Add(term);
                }
            }

            var excludes = new List<WatchlistTerm>();
            if (map.Children.TryGetValue(new YamlScalarNode("exclude"), out var excludeNode))
            {
                if (excludeNode is not YamlSequenceNode excludeList)
                    problems.Add(new ConfigProblem(source, Line(excludeNode), $"{key}.exclude", "must be a list of terms"));
                else
                {
                    for (var e = 0; e < excludeList.Children.Count; e++)
                        if (ParseTerm(excludeList.Children[e], $"{key}.exclude[{e}]", exclude: true) is { } term)
                            excludes.Add(term);
                }
            }

            var requires = map.Children.TryGetValue(new YamlScalarNode("require"), out var requireNode) ? Requires(requireNode, $"{key}.require", terms) : [];

            return problems.Count == before && name is not null
                ? new Watchlist(name, string.IsNullOrWhiteSpace(title) ? name : title.Trim(), threshold, alert, terms, excludes, requires, boosts, seedBonus, recipients)
                : null;
        }

        private WatchlistTerm? ParseTerm(YamlNode node, string key, bool exclude)
        {
            if (node is YamlScalarNode shorthand)
            {
                var pattern = Pattern(shorthand, key);
                return pattern is null ? null : new WatchlistTerm(shorthand.Value!.Trim(), 1, [pattern]);
            }
            if (!Mapping(node, key, exclude ? ExcludeKeys : TermKeys, out var map, "must be a term (text) or a mapping with term, weight and synonyms"))
                return null;
            var before = problems.Count;

            string? term = null;
            var patterns = new List<TermPattern>();
            if (!map.Children.TryGetValue(new YamlScalarNode("term"), out var termNode) || termNode is not YamlScalarNode termScalar)
                problems.Add(new ConfigProblem(source, Line(map), $"{key}.term", "is required"));
            else if (Pattern(termScalar, $"{key}.term") is { } pattern)
            {
                term = termScalar.Value!.Trim();
                patterns.Add(pattern);
            }

            var weight = exclude ? 0 : Number(map, "weight", key, required: false, allowZero: false) ?? 1;
            var penalty = exclude ? Number(map, "penalty", key, required: false, allowZero: false) : null;

            foreach (var (synonym, synonymKey) in Items(map, "synonyms", key, "phrases"))
                if (Pattern(synonym, synonymKey) is { } pattern)
                    patterns.Add(pattern);
            foreach (var (regex, regexKey) in Items(map, "regex", key, "regular expressions"))
                if (ParseRegex(regex, regexKey) is { } pattern)
                    patterns.Add(pattern);

            return problems.Count == before && term is not null ? new WatchlistTerm(term, weight, patterns, penalty) : null;
        }

        /// <summary>The scalars of a list-valued key (a single scalar counts as a list of one).</summary>
        private IEnumerable<(YamlScalarNode Node, string Key)> Items(YamlMappingNode map, string field, string key, string what)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(field), out var node))
                yield break;
            if (node is YamlScalarNode single)
            {
                yield return (single, $"{key}.{field}");
                yield break;
            }
            if (node is not YamlSequenceNode list)
            {
                problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", $"must be a list of {what}"));
                yield break;
            }
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (list.Children[i] is YamlScalarNode item)
                    yield return (item, $"{key}.{field}[{i}]");
                else
                    problems.Add(new ConfigProblem(source, Line(list.Children[i]), $"{key}.{field}[{i}]", $"must be a single value in a list of {what}"));
            }
        }

        /// <summary>A phrase, or <c>left NEAR/n right</c>.</summary>
        private TermPattern? Pattern(YamlScalarNode node, string key)
        {
            var text = node.Value?.Trim() ?? "";
            if (text.Length == 0)
            {
                problems.Add(new ConfigProblem(source, Line(node), key, "is empty"));
                return null;
            }
            var near = NearSyntax().Match(text);
            if (!near.Success)
            {
                var phrase = Phrase(Unquote(text), node, key);
                return phrase < 0 ? null : new PhrasePattern(text, phrase);
            }
            if (!int.TryParse(near.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var within) || within is < 1 or > 100)
            {
                problems.Add(new ConfigProblem(source, Line(node), key, $"NEAR/{near.Groups["n"].Value}: the distance must be 1 to 100 words"));
                return null;
            }
            var left = Phrase(Unquote(near.Groups["left"].Value.Trim()), node, key);
            var right = Phrase(Unquote(near.Groups["right"].Value.Trim()), node, key);
            return left < 0 || right < 0 ? null : new NearPattern(text, left, right, within);
        }

        private int Phrase(string text, YamlScalarNode node, string key)
        {
            if (PhraseRules.IsOnlyCommonWords(text))
            {
                problems.Add(new ConfigProblem(source, Line(node), key, $"'{text}' has only common words (such as 'the', 'of', 'de', 'la'): it would match almost every article"));
                return -1;
            }
            if (PhraseRules.IsSingleCjkCharacter(text))
            {
                problems.Add(new ConfigProblem(source, Line(node), key, $"'{text}' is a single Chinese, Japanese or Korean character: text in these scripts is matched by pairs of characters, so write the word it belongs to"));
                return -1;
            }
            var phrase = _phrases.Add(text);
            if (phrase < 0)
                problems.Add(new ConfigProblem(source, Line(node), key, $"'{text}' has no letters or digits to match"));
            return phrase;
        }

        private static string Unquote(string text) =>
            text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Trim() : text;

        /// <summary>Ordinary text on which a pattern that can match nothing (e.g. <c>\b(3A090)?</c>) shows it.</summary>
        private const string ZeroLengthProbe = "Weather: sunny, 21 degrees in Paris today.";

        private RegexPattern? ParseRegex(YamlScalarNode node, string key)
        {
            var text = node.Value ?? "";
            if (text.Length == 0)
            {
                problems.Add(new ConfigProblem(source, Line(node), key, "is empty"));
                return null;
            }
            try
            {
                var regex = new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, WatchlistMatcher.RegexTimeout);
                if (regex.IsMatch("") || regex.Match(ZeroLengthProbe) is { Success: true, Length: 0 })
                {
                    problems.Add(new ConfigProblem(source, Line(node), key, $"regular expression '{text}' can match zero characters, so it would match every article (make the part that must be there non-optional)"));
                    return null;
                }
                return new RegexPattern(text, regex);
            }
            catch (ArgumentException ex)
            {
                problems.Add(new ConfigProblem(source, Line(node), key, $"invalid regular expression '{text}': {ex.Message}"));
                return null;
            }
        }

        private List<Requirement> Requires(YamlNode node, string key, List<WatchlistTerm> terms)
        {
            var requires = new List<Requirement>();
            if (node is not YamlSequenceNode list)
            {
                problems.Add(new ConfigProblem(source, Line(node), key, "must be a list of groups such as '- any: [China, Beijing]' or '- all: [Nvidia, China]'"));
                return requires;
            }
            var known = terms.Select(t => t.Term).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < list.Children.Count; i++)
            {
                var itemKey = $"{key}[{i}]";
                if (list.Children[i] is not YamlMappingNode group || group.Children.Count != 1
                    || group.Children.Single().Key is not YamlScalarNode { Value: "any" or "all" } mode)
                {
                    problems.Add(new ConfigProblem(source, Line(list.Children[i]), itemKey, "must be one group: 'any: [term, ...]' or 'all: [term, ...]'"));
                    continue;
                }
                var names = new List<string>();
                foreach (var (item, nameKey) in Items(group, mode.Value!, itemKey, "terms of this watchlist"))
                {
                    var name = item.Value?.Trim() ?? "";
                    if (!known.Contains(name))
                        problems.Add(new ConfigProblem(source, Line(item), nameKey, $"'{name}' is not a term of this watchlist (require names terms by their 'term')"));
                    else
                        names.Add(name);
                }
                if (names.Count == 0 && !problems.Any(p => p.Key.StartsWith(itemKey, StringComparison.Ordinal)))
                    problems.Add(new ConfigProblem(source, Line(group), itemKey, $"'{mode.Value}' lists no term: name at least one term of this watchlist"));
                if (names.Count > 0)
                    requires.Add(new Requirement(mode.Value == "all" ? RequireMode.All : RequireMode.Any, names, itemKey));
            }
            return requires;
        }

        private List<string> Recipients(YamlMappingNode map, string key)
        {
            var recipients = new List<string>();
            foreach (var (item, itemKey) in Items(map, "recipients", key, "e-mail addresses"))
            {
                var address = item.Value?.Trim() ?? "";
                if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                    problems.Add(new ConfigProblem(source, Line(item), itemKey, $"must be a bare e-mail address such as analyst@example.org (got '{address}')"));
                else
                    recipients.Add(address);
            }
            return recipients;
        }

        private FieldBoosts Boosts(YamlNode node, string key, FieldBoosts over)
        {
            if (!Mapping(node, key, BoostKeys, out var map))
                return over;
            return new FieldBoosts(
                Number(map, Fields.Title, key, required: false, allowZero: true) ?? over.Title,
                Number(map, Fields.Summary, key, required: false, allowZero: true) ?? over.Summary,
                Number(map, Fields.Content, key, required: false, allowZero: true) ?? over.Content);
        }

        private bool Mapping(YamlNode node, string key, string[] known, out YamlMappingNode map, string? what = null)
        {
            if (node is not YamlMappingNode mapping)
            {
                problems.Add(new ConfigProblem(source, Line(node), key, what ?? $"must be a mapping with {string.Join(", ", known)}"));
                map = null!;
                return false;
            }
            map = mapping;
            foreach (var (k, _) in map.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(name))
                    problems.Add(new ConfigProblem(source, Line(k), $"{key}.{name}", $"unknown key (expected one of: {string.Join(", ", known)})"));
            }
            return true;
        }

        private string? Scalar(YamlMappingNode map, string field, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(field), out var node))
                return null;
            if (node is YamlScalarNode scalar)
                return scalar.Value;
            problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", "must be a single value"));
            return null;
        }

        private double? Number(YamlMappingNode map, string field, string key, bool required, bool allowZero)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(field), out var node))
            {
                if (required)
                    problems.Add(new ConfigProblem(source, Line(map), $"{key}.{field}", "is required"));
                return null;
            }
            if (node is YamlScalarNode scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                if (value > 0 || (allowZero && value == 0))
                    return value;
                problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", $"must be {(allowZero ? "0 or more" : "greater than 0")} (got {scalar.Value})"));
                return null;
            }
            problems.Add(new ConfigProblem(source, Line(node), $"{key}.{field}", $"must be a number (got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}')"));
            return null;
        }

        private static int Line(YamlNode node) => YamlConfigFile.Line(node);
    }
}
