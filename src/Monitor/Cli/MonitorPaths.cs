namespace Monitor.Cli;

/// <summary>
/// Where Monitor reads its configuration and keeps its state. Each comes from the command line, else the environment
/// (MONITOR_CONFIG, MONITOR_DATA), else the default (./config, ./data).
/// </summary>
public sealed record MonitorPaths(string ConfigFolder, string DataFolder)
{
    public string AppSettings => Path.Combine(ConfigFolder, "appsettings.json");

    public string FeedsFile => Path.Combine(ConfigFolder, Feeds.FeedListLoader.FileName);

    public string WatchlistsFile => Path.Combine(ConfigFolder, Scoring.WatchlistLoader.FileName);

    /// <summary>A copy of the last watchlists.yaml put in force, that <c>monitor run</c> starts with when the file is invalid.</summary>
    public string LastGoodWatchlists => Path.Combine(DataFolder, "watchlists.last-good.yaml");

    /// <summary>The user's digest templates (digest.html.liquid, digest.txt.liquid); the built-in ones when absent.</summary>
    public string TemplatesFolder => Path.Combine(ConfigFolder, "templates");

    public string MailFolder => Path.Combine(DataFolder, "mail");

    /// <summary>The heartbeat <c>monitor run</c> keeps for <c>monitor health</c>.</summary>
    public string HealthFile => Path.Combine(DataFolder, Scheduling.HeartbeatFile.FileName);

    public static MonitorPaths Resolve(string? configOption, string? dataOption) => new(
        Path.GetFullPath(configOption ?? NonEmpty(Environment.GetEnvironmentVariable("MONITOR_CONFIG")) ?? "config"),
        Path.GetFullPath(dataOption ?? NonEmpty(Environment.GetEnvironmentVariable("MONITOR_DATA")) ?? "data"));

    /// <summary>
    /// The seed folder: Dedup:SeedsPath when set (relative to the config folder), else seeds/ beside the config folder,
    /// else the copy shipped with the program.
    /// </summary>
    public string SeedsFolder(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured, ConfigFolder);
        var beside = Path.GetFullPath(Path.Combine(ConfigFolder, "..", "seeds"));
        return Directory.Exists(beside) ? beside : Path.Combine(AppContext.BaseDirectory, "seeds");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
