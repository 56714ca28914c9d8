namespace Monitor.Dedup;

/// <summary>
/// Section <c>Dedup:Story</c>: the weights of <see cref="StoryModel"/> and the probability from which two texts are
/// one story. The defaults are the calibrated ones (docs/dedup.md); config/appsettings.json ships them too.
/// </summary>
public sealed class StoryModelOptions
{
    public double Intercept { get; set; } = -6.381;

    /// <summary>Per unit of ln(1 + summed IDF of the shared anchors).</summary>
    public double Entities { get; set; } = 1.731;

    /// <summary>Per unit of content-word cosine (0 to 1).</summary>
    public double Text { get; set; } = 4.251;

    /// <summary>Per unit of shingle overlap (0 to 1).</summary>
    public double Shingles { get; set; } = 0.427;

    /// <summary>Per unit of headline cosine (0 to 1).</summary>
    public double Title { get; set; } = 4.112;

    /// <summary>Added when both texts are dated and at most 3 days apart.</summary>
    public double Near { get; set; } = 0.654;

    /// <summary>Per unit of ln(1 + days beyond 3 between the publication dates).</summary>
    public double Far { get; set; } = -0.334;

    /// <summary>Added when the two texts' words could not be compared (different languages, no translation).</summary>
    public double Blind { get; set; } = 0.659;

    public double Threshold { get; set; } = 0.75;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Threshold is <= 0 or >= 1)
            yield return ("Story:" + nameof(Threshold), $"must be between 0 and 1, both excluded (got {Threshold})");
    }
}
