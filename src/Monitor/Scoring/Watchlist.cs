namespace Monitor.Scoring;

/// <summary>
/// A named watchlist: the concepts that score, the excludes that veto or lower the score, the groups of concepts an
/// article must have, how much each field counts, and the scores an article needs to enter the digest or trigger an alert.
/// </summary>
public sealed record Watchlist(
    string Name,
    string Title,
    double Threshold,
    double? AlertThreshold,
    IReadOnlyList<WatchlistTerm> Terms,
    IReadOnlyList<WatchlistTerm> Excludes,
    IReadOnlyList<Requirement> Requires,
    FieldBoosts Boosts,
    double SeedBonus,
    IReadOnlyList<string> Recipients)
{
    /// <summary>A watchlist with terms only, the default boosts and no seed bonus (tests and simple callers).</summary>
    public Watchlist(string name, string title, double threshold, double? alertThreshold, IReadOnlyList<WatchlistTerm> terms)
        : this(name, title, threshold, alertThreshold, terms, [], [], FieldBoosts.Default, 0, [])
    {
    }
}

/// <summary>How much a match counts in each field: a term's contribution is its weight times the boost of the best field it was found in.</summary>
public sealed record FieldBoosts(double Title, double Summary, double Content)
{
    public static readonly FieldBoosts Default = new(1.5, 1, 1);

    public double Of(string field) => field switch
    {
        Fields.Title => Title,
        Fields.Summary => Summary,
        _ => Content,
    };
}

/// <summary>The fields of an article that are matched, in the order they are read.</summary>
public static class Fields
{
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Content = "content";
}

/// <summary>
/// A Boolean condition on the concepts found: <see cref="RequireMode.Any"/> (at least one of them) or
/// <see cref="RequireMode.All"/>. Terms are named by their <c>term</c> text. <see cref="Key"/> says where it is written.
/// </summary>
public sealed record Requirement(RequireMode Mode, IReadOnlyList<string> Terms, string Key)
{
    public bool IsMetBy(IReadOnlySet<string> found) => Mode == RequireMode.All ? Terms.All(found.Contains) : Terms.Any(found.Contains);

    public override string ToString() => $"{(Mode == RequireMode.All ? "all" : "any")} of [{string.Join(", ", Terms)}]";
}

public enum RequireMode
{
    Any,
    All,
}
