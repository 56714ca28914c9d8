namespace Monitor.Cli;

/// <summary>Process exit codes; scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error (a bug, a full disk, a database that cannot be opened).</summary>
    public const int Failure = 1;

    /// <summary>The configuration is invalid; nothing was polled or sent.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>A digest could not be delivered; it stays queued and goes out on the next cycle.</summary>
    public const int DeliveryFailed = 3;
}
