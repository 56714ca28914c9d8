namespace Monitor.Dedup;

/// <summary>A passage of a seed file: a run of its text lines, fingerprinted once at start.</summary>
public sealed record SeedPassage(string SeedFile, int Index, string Preview, IReadOnlySet<ulong> Shingles);
