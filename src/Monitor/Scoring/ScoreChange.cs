using System.Globalization;

namespace Monitor.Scoring;

/// <summary>
/// One article's score for one watchlist under two sets of watchlists (before: those in force, or the score stored when
/// the article was found; after: the proposed ones), the <see cref="Move"/> that makes in or out of the digest, and
/// <see cref="Differences"/>: what made the scores differ. A null side means the watchlist does not exist there
/// (added or removed by the edit).
/// </summary>
public sealed record ScoreChange(string Watchlist, WatchlistScore? Before, WatchlistScore? After)
{
    public double BeforeScore => Before?.Score ?? 0;

    public double AfterScore => After?.Score ?? 0;

    public DigestMove Move => (Before?.IsRelevant == true, After?.IsRelevant == true) switch
    {
        (false, true) => DigestMove.Enter,
        (true, false) => DigestMove.Leave,
        (true, true) => DigestMove.Stay,
        _ => DigestMove.Out,
    };

    /// <summary>
    /// What differs, in the order it counts: the watchlist added or removed, the threshold, each term found on one side
    /// only or contributing differently (its matched words, field and contribution), excludes and require groups that
    /// started or stopped applying, and the seed bonus. Empty when both sides scored the article the same way.
    /// </summary>
    public IReadOnlyList<string> Differences()
    {
        if (After is null)
            return ["watchlist removed"];
        if (Before is null)
            return ["new watchlist", .. After.Matches.Select(Found)];

        var differences = new List<string>();
        if (Before.Threshold != After.Threshold)
            differences.Add($"threshold {Number(Before.Threshold)} → {Number(After.Threshold)}");
        foreach (var (before, after) in Paired(Before.Matches, After.Matches))
        {
            if (before is null)
                differences.Add(Found(after!));
            else if (after is null)
                differences.Add($"-{before.Term} no longer found (was +{Number(before.Contribution)})");
            else if (before.Contribution != after.Contribution)
                differences.Add($"{after.Term} as \"{Words(after)}\" in {after.Field}: +{Number(before.Contribution)} → +{Number(after.Contribution)}");
        }
        foreach (var (before, after) in Paired(Before.Excluded, After.Excluded))
        {
            if (before is null)
                differences.Add($"exclude {after!.Term} as \"{Words(after)}\" in {after.Field}: {(after.Contribution == 0 ? "veto" : Number(after.Contribution))}");
            else if (after is null)
                differences.Add($"exclude {before.Term} no longer applies");
            else if (before.Contribution != after.Contribution)
                differences.Add($"exclude {after.Term}: {Penalty(before)} → {Penalty(after)}");
        }
        if (After.UnmetRequirement is { } unmet && Before.UnmetRequirement != unmet)
            differences.Add($"require {unmet} unmet: score 0");
        else if (Before.UnmetRequirement is { } met && After.UnmetRequirement is null)
            differences.Add($"require {met} now met");
        if (Before.SeedBonus != After.SeedBonus)
            differences.Add($"seed bonus +{Number(Before.SeedBonus)} → +{Number(After.SeedBonus)}");
        return differences;
    }

    /// <summary>Matches of the same term (compared without regard to case) side by side: the after side's order, then terms found before only.</summary>
    private static IEnumerable<(TermMatch? Before, TermMatch? After)> Paired(IReadOnlyList<TermMatch> before, IReadOnlyList<TermMatch> after)
    {
        foreach (var a in after)
            yield return (before.FirstOrDefault(b => string.Equals(b.Term, a.Term, StringComparison.OrdinalIgnoreCase)), a);
        foreach (var b in before)
            if (!after.Any(a => string.Equals(a.Term, b.Term, StringComparison.OrdinalIgnoreCase)))
                yield return (b, null);
    }

    private static string Found(TermMatch match) => $"+{match.Term} as \"{Words(match)}\" in {match.Field} (+{Number(match.Contribution)})";

    /// <summary>The words as found, on one line and short (a NEAR match can span many words).</summary>
    private static string Words(TermMatch match)
    {
        var form = string.Join(' ', (match.Form ?? match.MatchedPhrase).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return form.Length <= 40 ? form : form[..39] + "…";
    }

    private static string Penalty(TermMatch exclude) => exclude.Contribution == 0 ? "veto" : Number(exclude.Contribution);

    internal static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
