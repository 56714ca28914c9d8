using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Monitor.Configuration;
using Monitor.Dedup;
using Monitor.Delivery;
using Monitor.Digest;
using Monitor.Feeds;
using Monitor.Metrics;
using Monitor.Scoring;
using Monitor.Storage;
using Monitor.Text;

namespace Monitor.Cli;

/// <summary>
/// Loads and checks the whole configuration before anything runs: appsettings.json and MONITOR_ environment
/// variables (unknown keys, wrong types, invalid values, each named with the file or variable it came from),
/// feeds.yaml and watchlists.yaml (with lines), and the rules across files. Reports every problem, not just the first.
/// </summary>
public sealed class ConfigurationCheck(FeedListLoader feedListLoader, WatchlistLoader watchlistLoader)
{
    public const string EnvironmentPrefix = "MONITOR_";

    /// <summary>
    /// Keys of MONITOR_ variables that are not settings: the folder variables read by the CLI itself, and the crash
    /// tests' pause point (Scheduling/TestPause.cs).
    /// </summary>
    private static readonly HashSet<string> NotSettings = new(StringComparer.OrdinalIgnoreCase) { "CONFIG", "DATA", "TEST_PAUSE_AT" };

    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [SmtpOptions.Section] = typeof(SmtpOptions),
        [FeedsOptions.Section] = typeof(FeedsOptions),
        [DedupOptions.Section] = typeof(DedupOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [Monitor.Scheduling.ClusterOptions.Section] = typeof(Monitor.Scheduling.ClusterOptions),
        [DigestOptions.Section] = typeof(DigestOptions),
        [AlertOptions.Section] = typeof(AlertOptions),
        [LogOptions.Section] = typeof(LogOptions),
        [MetricsOptions.Section] = typeof(MetricsOptions),
        [TranslationOptions.Section] = typeof(TranslationOptions),
    };

    /// <param name="useLastGoodWatchlists">
    /// When watchlists.yaml is invalid, use the copy of the last version put in force (<see cref="MonitorPaths.LastGoodWatchlists"/>)
    /// and report the file's problems in <see cref="CheckedConfiguration.WatchlistProblems"/> instead of failing.
    /// </param>
    public CheckedConfiguration Check(MonitorPaths paths, bool includeEnvironment = true, bool useLastGoodWatchlists = false)
    {
        var problems = new List<ConfigProblem>();
        var warnings = new List<ConfigWarning>();
        if (!Directory.Exists(paths.ConfigFolder))
        {
            throw new ConfigurationException([new ConfigProblem(ConfigSource.Display(paths.ConfigFolder), null, "config folder",
                "does not exist (give the folder with --config DIR or MONITOR_CONFIG)")]);
        }

        var configuration = Build(paths, includeEnvironment, problems);
        if (configuration is null)
            throw new ConfigurationException(problems);

        CheckKeys(configuration, paths, problems, warnings);
        // A section with a mistyped key cannot be bound; every other section is bound and validated, so one run
        // reports everything that is wrong.
        var broken = problems.Select(p => p.Key.Split(ConfigurationPath.KeyDelimiter)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var smtp = BindAndValidate<SmtpOptions>(SmtpOptions.Section, o => o.Validate());
        var feedsOptions = BindAndValidate<FeedsOptions>(FeedsOptions.Section, o => o.Validate());
        var dedup = BindAndValidate<DedupOptions>(DedupOptions.Section, o => o.Validate());
        BindAndValidate<StorageOptions>(StorageOptions.Section, o => o.Validate());
        BindAndValidate<Monitor.Scheduling.ClusterOptions>(Monitor.Scheduling.ClusterOptions.Section, o => o.Validate());
        var digest = BindAndValidate<DigestOptions>(DigestOptions.Section, o => o.Validate());
        BindAndValidate<AlertOptions>(AlertOptions.Section, o => o.Validate());
        var log = BindAndValidate<LogOptions>(LogOptions.Section, o => o.Validate());
        BindAndValidate<MetricsOptions>(MetricsOptions.Section, o => o.Validate());
        BindAndValidate<TranslationOptions>(TranslationOptions.Section, o => o.Validate());
        if (!broken.Contains(DedupOptions.Section) && !string.IsNullOrWhiteSpace(dedup.SeedsPath) && !Directory.Exists(paths.SeedsFolder(dedup.SeedsPath)))
            problems.Add(Problem("Dedup:SeedsPath", $"folder '{paths.SeedsFolder(dedup.SeedsPath)}' does not exist", configuration, paths));

        T BindAndValidate<T>(string section, Func<T, IEnumerable<(string Key, string Message)>> validate) where T : new()
        {
            if (broken.Contains(section))
                return new T();
            var options = configuration.GetSection(section).Get<T>() ?? new T();
            foreach (var (key, message) in validate(options))
                problems.Add(Problem(section + ConfigurationPath.KeyDelimiter + key, message, configuration, paths));
            return options;
        }

        FeedList? feeds = null;
        WatchlistSet? watchlists = null;
        try
        {
            feeds = new FeedList(feedListLoader.Load(paths.FeedsFile, feedsOptions.DefaultIntervalValue));
        }
        catch (ConfigurationException ex)
        {
            problems.AddRange(ex.Problems);
        }
        // Taken before the read, so that the reloader sees any edit made from now on.
        var watchlistsStamp = FileStamp.Of(paths.WatchlistsFile);
        IReadOnlyList<ConfigProblem> watchlistProblems = [];
        try
        {
            watchlists = watchlistLoader.Load(paths.WatchlistsFile);
        }
        catch (ConfigurationException ex)
        {
            // The worker restarted on an invalid edit starts with the last version it had in force, if it kept one that
            // still fits the rest of the configuration; everything else about the configuration must be right.
            if (useLastGoodWatchlists && LoadLastGood(paths) is { } lastGood && !UnknownWatchlists(digest, lastGood, configuration, paths).Any())
                (watchlists, watchlistProblems) = (lastGood, ex.Problems);
            else
                problems.AddRange(ex.Problems);
        }

        if (watchlists is not null)
            problems.AddRange(UnknownWatchlists(digest, watchlists, configuration, paths));

        var templateProblems = DigestTemplates.Check(paths.TemplatesFolder);
        if (problems.Count > 0)
            throw new ConfigurationException([.. problems, .. templateProblems]);
        if (digest.Recipients.Count == 0)
            warnings.Add(new ConfigWarning(ConfigSource.Display(paths.AppSettings), "Digest:Recipients is empty: feeds are polled but no digest is sent"));
        return new CheckedConfiguration(configuration, feeds!, watchlists!, watchlistsStamp, digest, dedup, log, warnings)
        {
            WatchlistProblems = watchlistProblems,
            // Not fatal for the worker: the built-in template renders meanwhile. `monitor check` treats them as errors.
            TemplateProblems = templateProblems,
        };
    }

    /// <summary>
    /// The rules across files: every watchlist a recipient names must exist, and every recipient a watchlist names must
    /// be configured. Checked at start, and again by the
    /// reloader on every edit of watchlists.yaml.
    /// </summary>
    internal static IEnumerable<ConfigProblem> UnknownWatchlists(DigestOptions digest, WatchlistSet watchlists, IConfigurationRoot configuration, MonitorPaths paths)
    {
        for (var r = 0; r < digest.Recipients.Count; r++)
        {
            for (var w = 0; w < digest.Recipients[r].Watchlists.Count; w++)
            {
                var name = digest.Recipients[r].Watchlists[w];
                if (!string.IsNullOrWhiteSpace(name) && watchlists.Find(name) is null)
                {
                    yield return Problem($"Digest:Recipients:{r}:Watchlists:{w}",
                        $"unknown watchlist '{name}' ({WatchlistLoader.FileName} defines: {string.Join(", ", watchlists.Watchlists.Select(x => x.Name))})", configuration, paths);
                }
            }
        }

        for (var r = 0; r < digest.Recipients.Count; r++)
        {
            foreach (var name in digest.Recipients[r].Thresholds.Keys.Where(n => watchlists.Find(n) is null))
            {
                yield return Problem($"Digest:Recipients:{r}:Thresholds:{name}",
                    $"unknown watchlist '{name}' ({WatchlistLoader.FileName} defines: {string.Join(", ", watchlists.Watchlists.Select(x => x.Name))})", configuration, paths);
            }
        }

        var addresses = digest.Recipients.Select(r => r.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var watchlist in watchlists.Watchlists)
        {
            foreach (var address in watchlist.Recipients.Where(a => !addresses.Contains(a)))
            {
                yield return new ConfigProblem(ConfigSource.Display(paths.WatchlistsFile), null, $"watchlists[{watchlist.Name}].recipients",
                    $"'{address}' is not a recipient: add it to Digest:Recipients in appsettings.json (with its digest time and time zone)");
            }
        }
    }

    private WatchlistSet? LoadLastGood(MonitorPaths paths)
    {
        try
        {
            return File.Exists(paths.LastGoodWatchlists) ? watchlistLoader.Load(paths.LastGoodWatchlists) : null;
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    private static IConfigurationRoot? Build(MonitorPaths paths, bool includeEnvironment, List<ConfigProblem> problems)
    {
        var builder = new ConfigurationBuilder().SetBasePath(paths.ConfigFolder).AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        if (includeEnvironment)
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            var json = ex.InnerException as JsonException ?? ex.InnerException?.InnerException as JsonException;
            var line = json?.LineNumber is { } l ? (int)l + 1 : (int?)null;
            problems.Add(new ConfigProblem(ConfigSource.Display(paths.AppSettings), line, "appsettings.json", "invalid JSON: " + (json?.Message ?? ex.InnerException?.Message ?? ex.Message)));
            return null;
        }
    }

    /// <summary>Every key set by a file or variable must be a known setting of the right type.</summary>
    private static void CheckKeys(IConfigurationRoot configuration, MonitorPaths paths, List<ConfigProblem> problems, List<ConfigWarning> warnings)
    {
        foreach (var provider in configuration.Providers)
        {
            var fromEnvironment = provider is EnvironmentVariablesConfigurationProvider;
            foreach (var (key, value) in Leaves(provider, null))
            {
                if (fromEnvironment && NotSettings.Contains(key))
                    continue;
                var source = Describe(provider, key, paths);
                var type = Resolve(key, out var unknownAt);
                if (type is null)
                {
                    if (fromEnvironment)
                        warnings.Add(new ConfigWarning(source, $"'{key}' is not a Monitor setting and is ignored"));
                    else
                        problems.Add(new ConfigProblem(source, null, key, $"unknown key '{unknownAt}'{Suggestion(key)}"));
                    continue;
                }
                if (!fromEnvironment && string.Equals(key, "Smtp:Password", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new ConfigProblem(source, null, key, "secrets do not belong in config files: set MONITOR_Smtp__Password or Smtp:PasswordFile"));
                    continue;
                }
                if (TypeError(type, value) is { } error)
                    problems.Add(new ConfigProblem(source, null, key, error));
            }
        }
    }

    private static IEnumerable<(string Key, string? Value)> Leaves(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var path = parent is null ? child : parent + ConfigurationPath.KeyDelimiter + child;
            var hasChildren = provider.GetChildKeys([], path).Any();
            if (!hasChildren && provider.TryGet(path, out var value))
                yield return (path, value);
            foreach (var leaf in Leaves(provider, path))
                yield return leaf;
        }
    }

    /// <summary>The CLR type a key binds to, or null (with the first unknown segment) when no setting has that key.</summary>
    private static Type? Resolve(string key, out string unknownAt)
    {
        var segments = key.Split(ConfigurationPath.KeyDelimiter);
        unknownAt = segments[0];
        if (!Sections.TryGetValue(segments[0], out var type))
            return null;
        for (var i = 1; i < segments.Length; i++)
        {
            unknownAt = string.Join(ConfigurationPath.KeyDelimiter, segments[..(i + 1)]);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                // Any key names an entry (Digest:Recipients:0:Thresholds:ai-chips); the names are checked against the watchlists.
                type = type.GetGenericArguments()[1];
                continue;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                if (!int.TryParse(segments[i], out _))
                    return null;
                type = type.GetGenericArguments()[0];
                continue;
            }
            var property = type.GetProperty(segments[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is null || !property.SetMethod.IsPublic)
                return null;
            type = property.PropertyType;
        }
        return type;
    }

    private static string? TypeError(Type type, string? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
            return null;
        if (!target.IsPrimitive && !target.IsEnum && target != typeof(decimal))
            return string.IsNullOrEmpty(value) ? null : $"must be a section or a list, not a value (got '{value}')";
        if (string.IsNullOrEmpty(value))
            return Nullable.GetUnderlyingType(type) is null ? $"must not be empty ({Expected(target)})" : null;
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            if (target.IsEnum && (int.TryParse(value, out _) || !Enum.IsDefined(target, Enum.Parse(target, value, ignoreCase: true))))
                return $"must be {Expected(target)} (got '{value}')";
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return $"must be {Expected(target)} (got '{value}')";
        }
    }

    private static string Expected(Type type) =>
        type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : "a number";

    private static string Suggestion(string key)
    {
        var section = key.Split(ConfigurationPath.KeyDelimiter)[0];
        if (!Sections.TryGetValue(section, out var type))
            return $" (known sections: {string.Join(", ", Sections.Keys)})";
        var names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name);
        return $" ({section} has: {string.Join(", ", names)})";
    }

    /// <summary>
    /// A problem with a key, attributed to the source that set it last; when no source set the key itself (a default,
    /// e.g. a missing Address), to the source that set the nearest key around it (the recipient entry); else appsettings.json.
    /// </summary>
    private static ConfigProblem Problem(string key, string message, IConfigurationRoot configuration, MonitorPaths paths)
    {
        for (var path = key; path is not null; path = ConfigurationPath.GetParentPath(path))
        {
            foreach (var provider in configuration.Providers.Reverse())
            {
                if (provider.TryGet(path, out _) || provider.GetChildKeys([], path).Any())
                    return new ConfigProblem(Describe(provider, path, paths), null, key, message);
            }
        }
        return new ConfigProblem(ConfigSource.Display(paths.AppSettings), null, key, message);
    }

    private static string Describe(IConfigurationProvider provider, string key, MonitorPaths paths) => provider switch
    {
        EnvironmentVariablesConfigurationProvider when provider.TryGet(key, out _) => "environment variable " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal),
        EnvironmentVariablesConfigurationProvider => "environment variables " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal) + "__*",
        JsonConfigurationProvider json => ConfigSource.Display(Path.Combine(paths.ConfigFolder, json.Source.Path ?? "appsettings.json")),
        _ => provider.ToString() ?? "configuration",
    };
}
