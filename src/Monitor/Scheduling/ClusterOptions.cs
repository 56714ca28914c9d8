namespace Monitor.Scheduling;

/// <summary>
/// Section <c>Cluster</c>, read with <c>Storage:Provider</c> Postgres (several instances on one database):
/// <code>"Cluster": { "PollShards": 4 }</code>. The feeds are split into <see cref="PollShards"/> poll jobs, each one
/// fired every minute on whichever instance Quartz's clustered store gives it to, so the polling spreads over the
/// instances and moves to the survivors when one dies.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public int PollShards { get; set; } = 4;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (PollShards is < 1 or > 64)
            yield return (nameof(PollShards), $"must be between 1 and 64 (got {PollShards})");
    }
}
