using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Monitor.Configuration;

/// <summary>
/// The part every YAML config file shares: read it, turn syntax errors into problems with their line, and check the
/// top level is a mapping with exactly one known key holding the list.
/// </summary>
public static class YamlConfigFile
{
    /// <summary>The list under <paramref name="rootKey"/>, or null (with the problems recorded) when the file cannot give one.</summary>
    public static YamlSequenceNode? LoadList(string path, string rootKey, List<ConfigProblem> problems) => Load(path, rootKey, [], problems).List;

    /// <summary>
    /// The list under <paramref name="rootKey"/> and the whole top-level mapping, for files that allow other top-level
    /// keys (<paramref name="otherKeys"/>) beside the list; (null, null) when the file cannot give a list.
    /// </summary>
    public static (YamlSequenceNode? List, YamlMappingNode? Root) Load(string path, string rootKey, string[] otherKeys, List<ConfigProblem> problems)
    {
        var source = ConfigSource.Display(path);
        if (!File.Exists(path))
        {
            problems.Add(new ConfigProblem(source, null, rootKey, "file not found"));
            return (null, null);
        }

        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        var parser = new Parser(reader);
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException ex)
        {
            problems.Add(ConfigSource.FromYamlException(source, rootKey, ex));
            return (null, null);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet throws this instead of a YamlException on some broken input (e.g. an unclosed flow list).
            problems.Add(new ConfigProblem(source, (int?)parser.Current?.End.Line, rootKey, "invalid YAML: " + ex.Message));
            return (null, null);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new ConfigProblem(source, 1, rootKey, $"the file must be a mapping with a '{rootKey}:' list"));
            return (null, null);
        }
        foreach (var (key, _) in root.Children)
        {
            if (key is YamlScalarNode scalar && scalar.Value != rootKey && !otherKeys.Contains(scalar.Value))
                problems.Add(new ConfigProblem(source, Line(key), scalar.Value ?? "", $"unknown key (expected {string.Join(" or ", new[] { rootKey }.Concat(otherKeys).Select(k => $"'{k}'"))})"));
        }
        if (!root.Children.TryGetValue(new YamlScalarNode(rootKey), out var node) || node is not YamlSequenceNode list)
        {
            problems.Add(new ConfigProblem(source, Line(root), rootKey, "missing or not a list"));
            return (null, root);
        }
        return (list, root);
    }

    public static int Line(YamlNode node) => (int)node.Start.Line;
}
