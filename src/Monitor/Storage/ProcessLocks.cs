namespace Monitor.Storage;

/// <summary>
/// Whether the process that holds an outbox lease is alive, told by a lock file beside the database rather than by
/// process ids, which lie across PID namespaces (two containers on one host both run Monitor as pid 1, and a container
/// cannot see the host's processes). Each process that leases mail holds <c>locks/INSTANCE.lock</c> open with an
/// exclusive lock (FileShare.None: flock on Linux) for as long as it lives; the kernel releases it when the process
/// dies, however it dies. An owner is certainly gone when its lock file exists and can be locked; with no lock file
/// (another data folder, another machine) nobody can tell, and the lease is left to expire.
/// On PostgreSQL, where the instances have data folders of their own, on other machines, the lock is a session-level
/// advisory lock instead, held on a connection of its own for as long as the process lives: the server releases it
/// when that connection ends, and an owner is gone when its lock can be taken. (A server restart releases every such
/// lock: a send in flight at that moment may then be taken over and sent twice, with the same Message-Id.)
/// </summary>
public sealed class ProcessLocks(MonitorDatabase database) : IDisposable
{
    private readonly Dictionary<string, IDisposable> _held = new(StringComparer.Ordinal);

    private string Folder => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path))!, "locks");

    private string FileOf(string owner) => Path.Combine(Folder, InstanceOf(owner) + ".lock");

    /// <summary>Takes this process's lock (once; later calls do nothing). <paramref name="owner"/> is "machine:pid:instance".</summary>
    public void Hold(string owner)
    {
        lock (_held)
        {
            if (_held.ContainsKey(owner))
                return;
            if (database.IsPostgres)
            {
                var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                if (MonitorDatabase.AdvisoryAsync(connection, "pg_try_advisory_lock", KeyOf(owner), CancellationToken.None).GetAwaiter().GetResult())
                    _held[owner] = connection;
                else
                    connection.Dispose();
                return;
            }
            Directory.CreateDirectory(Folder);
            try
            {
                var stream = new FileStream(FileOf(owner), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                stream.Write(System.Text.Encoding.UTF8.GetBytes(owner + "\n"));
                stream.Flush();
                _held[owner] = stream;
            }
            catch (IOException)
            {
                // Held already under this identity (another host in this process, as in tests): alive either way.
            }
        }
    }

    /// <summary>Whether the process <paramref name="owner"/> names has certainly ended.</summary>
    public bool IsGone(string owner)
    {
        lock (_held)
        {
            if (_held.ContainsKey(owner))
                return false;
        }
        if (database.IsPostgres)
            return IsGoneOnServer(owner);
        var file = FileOf(owner);
        if (!File.Exists(file))
            return false;
        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Left behind; harmless.
        }
        return true;
    }

    private bool IsGoneOnServer(string owner)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (!MonitorDatabase.AdvisoryAsync(connection, "pg_try_advisory_lock", KeyOf(owner), CancellationToken.None).GetAwaiter().GetResult())
            return false;
        MonitorDatabase.AdvisoryAsync(connection, "pg_advisory_unlock", KeyOf(owner), CancellationToken.None).GetAwaiter().GetResult();
        return true;
    }

    /// <summary>The advisory lock key of an owner: the first 8 bytes of the SHA-256 of its name.</summary>
    private static long KeyOf(string owner) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("monitor-process:" + owner)), 0);

    /// <summary>The instance part of "machine:pid:instance" (the whole text when it has another form), safe as a file name.</summary>
    private static string InstanceOf(string owner)
    {
        var instance = owner[(owner.LastIndexOf(':') + 1)..];
        return instance.Length > 0 && instance.All(char.IsAsciiLetterOrDigit) ? instance : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner)))[..32];
    }

    public void Dispose()
    {
        lock (_held)
        {
            foreach (var stream in _held.Values)
                stream.Dispose();
            _held.Clear();
        }
    }
}
