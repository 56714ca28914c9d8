namespace Monitor.Dedup;

/// <summary>
/// Section <c>Dedup:Story</c>: the weights of <see cref="StoryModel"/> and the probability from which two texts are
/// one story. The defaults are the calibrated ones (docs/dedup.md); config/appsettings.json ships them too.
/// </summary>
public sealed class StoryModelOptions
{
    public double Intercept { get; set; } = -6.457;

    /// <summary>Per unit of ln(1 + summed IDF of the shared anchors).</summary>
    public double Entities { get; set; } = 1.43;

    /// <summary>Per unit of the shared anchors' weight over the geometric mean of each text's (0 to 1).</summary>
    public double EntityShare { get; set; } = 2.47;

    /// <summary>Per unit of content-word cosine (0 to 1).</summary>
    public double Text { get; set; } = 4.765;

    /// <summary>Per unit of shingle overlap (0 to 1).</summary>
    public double Shingles { get; set; } = 0.313;

    /// <summary>Per unit of headline cosine (0 to 1).</summary>
    public double Title { get; set; } = 3.967;

    /// <summary>Added when both texts are dated and at most 3 days apart.</summary>
    public double Near { get; set; } = 0.862;

    /// <summary>Per unit of ln(1 + days beyond 3 between the publication dates).</summary>
    public double Far { get; set; } = -0.341;

    /// <summary>Added when the two texts' words could not be compared (different languages, no translation).</summary>
    public double Blind { get; set; } = 0.676;

    /// <summary>Added when both texts name years and none in common.</summary>
    public double OtherYears { get; set; } = -1.029;

    /// <summary>Added when either text is in a script with no capitals to read names from (Chinese, Japanese, Korean).</summary>
    public double Nameless { get; set; } = 1.525;

    /// <summary>
    /// Added when the other text is a seed window: a window of a long page shares a smaller part of its words with an
    /// article about its event than another article would.
    /// </summary>
    public double Seed { get; set; } = 3.96;

    /// <summary>Added when the words were compared on an English rendering (a translation shares fewer).</summary>
    public double Translated { get; set; } = -0.27;

    public double Threshold { get; set; } = 0.82;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Threshold is <= 0 or >= 1)
            yield return ("Story:" + nameof(Threshold), $"must be between 0 and 1, both excluded (got {Threshold})");
    }
}
