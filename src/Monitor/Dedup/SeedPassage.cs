namespace Monitor.Dedup;

/// <summary>A passage of a seed file: a run of its text lines, fingerprinted once at start (sorted distinct shingle hashes).</summary>
public sealed record SeedPassage(string SeedFile, int Index, string Preview, uint[] Shingles, string Text);

/// <summary>A few consecutive passages of one seed file and their anchors: the unit of the cross-language comparison.</summary>
public sealed record SeedWindow(string SeedFile, int FirstPassage, int LastPassage, IReadOnlySet<Anchor> Anchors, string Text);
