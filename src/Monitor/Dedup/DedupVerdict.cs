namespace Monitor.Dedup;

/// <summary>
/// Whether an article was already seen, with its evidence: which seed (file and passage), which measure, which value,
/// against which threshold.
/// </summary>
public sealed record DedupVerdict(bool IsDuplicate, string? SeedFile, int? PassageIndex, string? Measure, double Value, double Threshold)
{
    public static DedupVerdict New(double bestValue, double threshold) => new(false, null, null, null, bestValue, threshold);

    public string Reason => IsDuplicate
        ? FormattableString.Invariant($"duplicate of seed {SeedFile} passage {PassageIndex}: {Measure} {Value * 100:0}% >= {Threshold * 100:0}%")
        : FormattableString.Invariant($"new: highest seed containment {Value * 100:0}% < {Threshold * 100:0}%");
}
