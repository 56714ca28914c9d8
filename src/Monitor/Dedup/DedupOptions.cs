namespace Monitor.Dedup;

/// <summary>
/// Section <c>Dedup</c>: <code>"Dedup": { "SeedsPath": "", "ShingleSize": 5, "ContainmentThreshold": 0.5 }</code>
/// </summary>
public sealed class DedupOptions
{
    public const string Section = "Dedup";

    /// <summary>
    /// Folder of the seed corpus. Empty: <c>seeds/</c> beside the config folder, else the copy shipped with the program.
    /// A relative path is taken from the config folder.
    /// </summary>
    public string SeedsPath { get; set; } = "";

    /// <summary>Words per shingle. Five words is long enough that two unrelated articles on one theme share few.</summary>
    public int ShingleSize { get; set; } = 5;

    /// <summary>An article is a duplicate when at least this share of its shingles is in a seed (or of a seed passage's shingles is in it).</summary>
    public double ContainmentThreshold { get; set; } = 0.5;

    /// <summary>Articles with fewer shingles than this (a bare title) are not compared: too little text to judge.</summary>
    public int MinShingles { get; set; } = 8;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (ShingleSize is < 2 or > 12)
            yield return (nameof(ShingleSize), $"must be between 2 and 12 (got {ShingleSize})");
        if (ContainmentThreshold is <= 0 or > 1)
            yield return (nameof(ContainmentThreshold), $"must be greater than 0 and at most 1 (got {ContainmentThreshold})");
        if (MinShingles < 1)
            yield return (nameof(MinShingles), $"must be at least 1 (got {MinShingles})");
    }
}
