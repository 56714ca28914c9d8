namespace Monitor.Cli;

/// <summary>How log events are written (<c>Log:Format</c>).</summary>
public enum LogFormat
{
    /// <summary>One readable line per event: <c>[07:00:01 INF] Polled 10 feeds …</c>.</summary>
    Plain,

    /// <summary>One JSON object per line (Serilog's compact format, message rendered), for log collectors.</summary>
    Json,
}
