namespace Monitor.Cli;

/// <summary>Something odd in the configuration that does not stop Monitor (e.g. an unknown MONITOR_ variable).</summary>
public sealed record ConfigWarning(string Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}
