using System.Text.RegularExpressions;
using Fluid;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;

namespace Monitor.Digest;

/// <summary>
/// The Liquid templates digests and alerts are rendered with: <c>CONFIG/templates/digest.html.liquid</c> and
/// <c>digest.txt.liquid</c> when the user has them, else the copies built into the program (the same files as
/// <c>config/templates/</c> in the repository). A file is read again when it changes, so an edit applies to the next
/// mail without a restart. A file that does not parse is reported (file, line, reason) and logged once, and the built-in
/// template is used until it is fixed: a typo in a template never loses a digest.
/// </summary>
public sealed partial class DigestTemplates(string folder, ILogger<DigestTemplates> logger)
{
    public const string Html = "digest.html.liquid";
    public const string Text = "digest.txt.liquid";
    public static readonly IReadOnlyList<string> Names = [Html, Text];

    /// <summary>Fluid's parser is immutable once built and safe to share between threads.</summary>
    private static readonly FluidParser Parser = new();

    private static readonly Lazy<IReadOnlyDictionary<string, IFluidTemplate>> Embedded = new(() =>
        Names.ToDictionary(n => n, n => Parser.Parse(ReadEmbedded(n))));

    private readonly Dictionary<string, (FileStamp Stamp, IFluidTemplate? Template, ConfigProblem? Problem)> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public string Folder => folder;

    /// <summary>The template to render <paramref name="name"/> with: the user's file when it parses, else the built-in one.</summary>
    public (IFluidTemplate Template, bool IsBuiltIn) Get(string name)
    {
        var (_, template, _) = Load(name);
        return template is null ? (BuiltIn(name), true) : (template, false);
    }

    /// <summary>The problems of the user's templates as they are now (empty when they parse or there are none).</summary>
    public IReadOnlyList<ConfigProblem> Problems => Names.Select(n => Load(n).Problem).OfType<ConfigProblem>().ToList();

    public static IFluidTemplate BuiltIn(string name) => Embedded.Value[name];

    /// <summary>The built-in template's source, for <c>monitor check</c> to compare and for users to start from.</summary>
    public static string ReadEmbedded(string name)
    {
        using var stream = typeof(DigestTemplates).Assembly.GetManifestResourceStream("Monitor.Digest.Templates." + name)
            ?? throw new InvalidOperationException($"built-in template {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses every template the user has in <paramref name="templatesFolder"/>; one problem per file that does not parse.</summary>
    public static IReadOnlyList<ConfigProblem> Check(string templatesFolder) =>
        Names.Select(n => Path.Combine(templatesFolder, n)).Where(File.Exists).Select(p => Parse(p, File.ReadAllText(p)).Problem).OfType<ConfigProblem>().ToList();

    private (FileStamp Stamp, IFluidTemplate? Template, ConfigProblem? Problem) Load(string name)
    {
        var path = Path.Combine(folder, name);
        var stamp = FileStamp.Of(path);
        lock (_lock)
        {
            if (_loaded.TryGetValue(name, out var loaded) && loaded.Stamp == stamp)
                return loaded;
            if (!stamp.Exists)
                return _loaded[name] = (stamp, null, null);
            string source;
            try
            {
                source = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                // Being rewritten by an editor: the built-in template this time, the file on the next mail.
                logger.LogWarning(ex, "Template {Template} could not be read, the built-in template is used", path);
                return (FileStamp.Missing, null, null);
            }
            var (template, problem) = Parse(path, source);
            if (problem is not null)
                logger.LogError("Template invalid, the built-in template is used until it is fixed: {ConfigProblem}", problem.ToString());
            else if (_loaded.ContainsKey(name))
                logger.LogInformation("Template {Template} reloaded", path);
            return _loaded[name] = (stamp, template, problem);
        }
    }

    private static (IFluidTemplate? Template, ConfigProblem? Problem) Parse(string path, string source)
    {
        if (Parser.TryParse(source, out var template, out var error))
            return (template, null);
        // Fluid words its errors "'{% endif %}' was expected at (12:5)\nSource:\n...": the line goes in its own field.
        var first = error.Split('\n')[0].Trim();
        var position = Position().Match(first);
        var line = position.Success ? int.Parse(position.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var reason = position.Success ? $"{position.Groups[1].Value} (column {position.Groups[3].Value})" : first;
        return (null, new ConfigProblem(ConfigSource.Display(path), line, "template", $"invalid Liquid: {reason}; the built-in {Path.GetFileName(path)} is used until it is fixed"));
    }

    [GeneratedRegex(@"^(.*) at \((\d+):(\d+)\)$")]
    private static partial Regex Position();
}
