namespace Monitor.Digest;

/// <summary>
/// A feed the analyst should know about, in the digest footer: one failing for more than a day, or one that went
/// silent. <see cref="Since"/> is when the problem began; <see cref="Description"/> says what it is.
/// </summary>
public sealed record FeedProblem(string FeedUrl, DateTimeOffset Since, string Description);
