namespace Monitor.Digest;

/// <summary>What a composed mail is: the scheduled digest, or an alert sent soon after articles above a watchlist's alert threshold are found.</summary>
public enum MailKind
{
    Digest,
    Alert,
}
