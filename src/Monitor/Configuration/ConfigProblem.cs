namespace Monitor.Configuration;

/// <summary>
/// One thing wrong with the configuration, located as precisely as the source allows:
/// the file (or environment variable), the line where the format has one, and the key.
/// </summary>
public sealed record ConfigProblem(string Source, int? Line, string Key, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"{Source}:{line}: {Key}: {Message}" : $"{Source}: {Key}: {Message}";
}
