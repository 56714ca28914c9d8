namespace Monitor.Configuration;

/// <summary>
/// What a config file looked like when it was read: whether it existed, its last write time and its length.
/// Compared to notice an edit without reading the file again.
/// </summary>
public sealed record FileStamp(bool Exists, DateTime LastWriteUtc, long Length)
{
    public static readonly FileStamp Missing = new(false, default, 0);

    /// <summary>The file as it is now; through a symbolic link, the file it points to.</summary>
    public static FileStamp Of(string path)
    {
        var file = new FileInfo(path);
        // FileInfo describes a link itself (its length is that of the target's path). A mounted Kubernetes ConfigMap
        // is such a link, and an update changes only what it points to.
        if (file.LinkTarget is not null)
            file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
        return file.Exists ? new FileStamp(true, file.LastWriteTimeUtc, file.Length) : Missing;
    }
}
