using Serilog.Events;

namespace Monitor.Cli;

/// <summary>Section <c>Log</c>: <code>"Log": { "Level": "Information", "Format": "plain", "File": false }</code></summary>
public sealed class LogOptions
{
    public const string Section = "Log";

    /// <summary>Minimum level: Verbose, Debug, Information, Warning, Error or Fatal.</summary>
    public LogEventLevel Level { get; set; } = LogEventLevel.Information;

    /// <summary>plain (readable lines, the default) or json (one compact JSON object per line, for log collectors); console and file alike.</summary>
    public LogFormat Format { get; set; } = LogFormat.Plain;

    /// <summary>Also write a daily rolling file, DATA/logs/monitor-YYYYMMDD.log, kept 14 days.</summary>
    public bool File { get; set; }

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!Enum.IsDefined(Level))
            yield return (nameof(Level), $"must be Verbose, Debug, Information, Warning, Error or Fatal (got '{Level}')");
        if (!Enum.IsDefined(Format))
            yield return (nameof(Format), $"must be plain or json (got '{Format}')");
    }
}
