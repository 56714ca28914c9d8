namespace Monitor.Digest;

/// <summary>
/// A configuration problem the analyst should know about, in the digest footer: what it means
/// (<see cref="Summary"/>) and each problem as the log words it (file, line, key, reason). The text comes from files
/// the user edits: renderers encode it like feed text.
/// </summary>
public sealed record ConfigNotice(string Summary, IReadOnlyList<string> Problems);
