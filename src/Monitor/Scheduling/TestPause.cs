using Microsoft.Extensions.Logging;

namespace Monitor.Scheduling;

/// <summary>
/// TEST ONLY: fault injection for the crash tests (tests/Monitor.Tests/EndToEnd/CrashRecoveryTests.cs). When the
/// environment variable <c>MONITOR_TEST_PAUSE_AT</c> names a point (<c>before-compose</c>, <c>after-compose</c>,
/// <c>after-accept</c>), the process logs "Paused at POINT (MONITOR_TEST_PAUSE_AT)" on reaching it and waits forever,
/// so the test can kill it with SIGKILL exactly there. Unset (always, outside those tests) it does nothing.
/// </summary>
public static class TestPause
{
    public const string Variable = "MONITOR_TEST_PAUSE_AT";

    public const string BeforeCompose = "before-compose";
    public const string AfterCompose = "after-compose";
    public const string AfterAccept = "after-accept";

    public static async Task AtAsync(string point, ILogger logger)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), point, StringComparison.Ordinal))
            return;
        logger.LogWarning("Paused at {PausePoint} (MONITOR_TEST_PAUSE_AT)", point);
        // Deliberately not cancellable: only SIGKILL ends this, which is the point.
        await Task.Delay(Timeout.Infinite, CancellationToken.None);
    }
}
