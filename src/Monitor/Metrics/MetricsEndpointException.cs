namespace Monitor.Metrics;

/// <summary>The metrics endpoint could not start listening; the message names the address and the keys that set it.</summary>
public sealed class MetricsEndpointException(string message, Exception inner) : Exception(message, inner);
