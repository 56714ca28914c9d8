namespace Monitor.Digest;

/// <summary>The articles of one watchlist in a digest, highest score first.</summary>
public sealed record DigestSection(string Watchlist, string Title, double Threshold, IReadOnlyList<DigestItem> Items);
