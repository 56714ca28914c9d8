namespace Monitor.Storage;

/// <summary>The database cannot be opened or brought up to date; the message names the file and the likely cause.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
