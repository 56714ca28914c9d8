namespace Monitor.Configuration;

/// <summary>The configuration is invalid; nothing may be polled or sent. Carries every problem found, not just the first.</summary>
public sealed class ConfigurationException(IReadOnlyList<ConfigProblem> problems)
    : Exception(FormatMessage(problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    private static string FormatMessage(IReadOnlyList<ConfigProblem> problems) =>
        "Invalid configuration:" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
