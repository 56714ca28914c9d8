namespace Monitor.Dedup;

/// <summary>The anchors two texts share and what they weigh together: the evidence that two texts in any languages report one event.</summary>
public sealed record AnchorMatch(double Score, IReadOnlyList<Anchor> Shared)
{
    public static readonly AnchorMatch None = new(0, []);

    /// <summary>Years alone say too little (every article of a year shares it) and are not counted.</summary>
    public static AnchorMatch Between(IReadOnlySet<Anchor> a, IReadOnlySet<Anchor> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        List<Anchor>? shared = null;
        var score = 0.0;
        foreach (var anchor in small)
        {
            if (anchor.Kind == AnchorKind.Year || !large.Contains(anchor))
                continue;
            (shared ??= []).Add(anchor);
            score += anchor.Weight;
        }
        return shared is null ? None : new AnchorMatch(score, shared.OrderByDescending(s => s.Weight).ThenBy(s => s.ToString(), StringComparer.Ordinal).ToList());
    }

    public override string ToString() => string.Join(", ", Shared);
}
