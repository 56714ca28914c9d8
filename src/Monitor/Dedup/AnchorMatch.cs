namespace Monitor.Dedup;

/// <summary>The anchors two texts share and what they weigh together: the evidence that two texts in any languages report one event.</summary>
public sealed record AnchorMatch(double Score, IReadOnlyList<Anchor> Shared)
{
    public static readonly AnchorMatch None = new(0, []);

    /// <summary>
    /// The score and count of <see cref="Between"/> without listing the shared anchors: the lookups measure every
    /// candidate this way and list only the best one's (listing and ordering them for each candidate was most of
    /// the same-event check's time in the load harness).
    /// </summary>
    public static (double Score, int Count) Measure(IReadOnlySet<Anchor> a, IReadOnlySet<Anchor> b) => Walk(a, b, null);

    public static AnchorMatch Between(IReadOnlySet<Anchor> a, IReadOnlySet<Anchor> b)
    {
        var shared = new List<Anchor>();
        var (score, count) = Walk(a, b, shared);
        return count == 0 ? None : new AnchorMatch(score, shared.OrderByDescending(s => s.Weight).ThenBy(s => s.ToString(), StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The anchors both sets have, summed (and added to <paramref name="shared"/> when given). Years alone say too
    /// little (every article of a year shares it) and are not counted.
    /// </summary>
    private static (double Score, int Count) Walk(IReadOnlySet<Anchor> a, IReadOnlySet<Anchor> b, List<Anchor>? shared)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var score = 0.0;
        var count = 0;
        foreach (var anchor in small)
        {
            if (anchor.Kind == AnchorKind.Year || !large.Contains(anchor))
                continue;
            shared?.Add(anchor);
            count++;
            score += anchor.Weight;
        }
        return (score, count);
    }

    public override string ToString() => string.Join(", ", Shared);
}
