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

    /// <summary>A seed passage at least this much inside an article makes it a duplicate (with the article at least half that share seed text).</summary>
    public double PassageContainmentThreshold { get; set; } = 0.8;

    /// <summary>The story decision: weights of its signals and its threshold (<see cref="StoryModel"/>).</summary>
    public StoryModelOptions Story { get; set; } = new();

    /// <summary>
    /// Shingle Jaccard from which an article copies one found more than <see cref="StoryDays"/> days ago (within the
    /// horizon) and joins its story; for recent ones the story model decides.
    /// </summary>
    public double JaccardThreshold { get; set; } = 0.5;

    /// <summary>Superseded by <see cref="Story"/>; still read so that a config written for an earlier version loads.</summary>
    public double SeedAnchorThreshold { get; set; } = 5.5;

    /// <summary>Superseded by <see cref="Story"/>; still read so that a config written for an earlier version loads.</summary>
    public double StoryAnchorThreshold { get; set; } = 5;

    /// <summary>Superseded by <see cref="Story"/>; still read so that a config written for an earlier version loads.</summary>
    public int MinSharedAnchors { get; set; } = 3;

    /// <summary>Days an article's signatures are kept for near-duplicate lookups.</summary>
    public int HorizonDays { get; set; } = 90;

    /// <summary>
    /// Days, by the time it was found, an article can gather other reports of its story, and its words count in the
    /// IDF of the history (the beat of the last weeks).
    /// </summary>
    public int StoryDays { get; set; } = 14;

    /// <summary>LSH bands × rows = MinHash values per signature. 32 × 3: Jaccard 0.3 is a candidate 58% of the time, 0.5 98%.</summary>
    public int Bands { get; set; } = 32;

    public int Rows { get; set; } = 3;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (ShingleSize is < 2 or > 12)
            yield return (nameof(ShingleSize), $"must be between 2 and 12 (got {ShingleSize})");
        if (ContainmentThreshold is <= 0 or > 1)
            yield return (nameof(ContainmentThreshold), $"must be greater than 0 and at most 1 (got {ContainmentThreshold})");
        foreach (var (key, value) in new[] { (nameof(PassageContainmentThreshold), PassageContainmentThreshold), (nameof(JaccardThreshold), JaccardThreshold) })
            if (value is <= 0 or > 1)
                yield return (key, $"must be greater than 0 and at most 1 (got {value})");
        if (SeedAnchorThreshold <= 0)
            yield return (nameof(SeedAnchorThreshold), $"must be greater than 0 (got {SeedAnchorThreshold})");
        if (StoryAnchorThreshold <= 0)
            yield return (nameof(StoryAnchorThreshold), $"must be greater than 0 (got {StoryAnchorThreshold})");
        if (MinSharedAnchors < 1)
            yield return (nameof(MinSharedAnchors), $"must be at least 1 (got {MinSharedAnchors})");
        if (HorizonDays < 1)
            yield return (nameof(HorizonDays), $"must be at least 1 (got {HorizonDays})");
        if (StoryDays < 0)
            yield return (nameof(StoryDays), $"must be at least 0 (got {StoryDays})");
        if (Bands < 1 || Rows < 1 || Bands * Rows % 8 != 0)
            yield return (nameof(Bands), $"Bands × Rows must be a positive multiple of 8 (got {Bands} × {Rows})");
        foreach (var problem in Story.Validate())
            yield return problem;
        if (MinShingles < 1)
            yield return (nameof(MinShingles), $"must be at least 1 (got {MinShingles})");
    }
}
