namespace Monitor.Feeds;

/// <summary>The downloaded document is not a feed we can read; the message says why, in words fit for the log.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
