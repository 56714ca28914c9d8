namespace Monitor.Storage;

/// <summary>Section <c>Storage</c>: <code>"Storage": { "Path": "monitor.db" }</code> (relative paths are in the data folder).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "monitor.db";

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            yield return (nameof(Path), "must not be empty");
        else if (Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            yield return (nameof(Path), $"is not a valid path (got '{Path}')");
    }
}
