namespace Monitor.Feeds;

public enum FetchOutcome
{
    Ok,
    NotModified,
    Failed,
}
