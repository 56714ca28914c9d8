using Microsoft.Extensions.Time.Testing;
using Monitor.Scheduling;
using Monitor.Tests.Support;

namespace Monitor.Tests.Scheduling;

public sealed class HeartbeatFileTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 22, 8, 0, TimeSpan.Zero);

    private readonly TempConfig _config = new();

    private string HealthFile => Path.Combine(_config.DataFolder, "health.json");

    private string DatabaseFile => Path.Combine(_config.DataFolder, "monitor.db");

    public void Dispose() => _config.Dispose();

    [Fact]
    public void A_heartbeat_that_cannot_be_written_is_logged_and_polling_goes_on()
    {
        // The data folder's place is taken by a file: the heartbeat cannot be written there.
        File.WriteAllText(_config.DataFolder, "not a folder");
        var logger = new RecordingLogger<HeartbeatFile>();
        var heartbeat = new HeartbeatFile(HealthFile, new FakeTimeProvider(Now), logger);

        heartbeat.Started("9.9.9", DatabaseFile, TimeSpan.FromMinutes(1));
        heartbeat.TickFinished(1, 1, 0);

        Assert.Equal(2, logger.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains($"Could not write the heartbeat {HealthFile}", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(_config.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Heartbeat_names_a_database_in_the_data_folder_relative_to_it_and_one_elsewhere_absolute()
    {
        var heartbeat = new HeartbeatFile(HealthFile, new FakeTimeProvider(Now), new RecordingLogger<HeartbeatFile>());

        heartbeat.Started("9.9.9", DatabaseFile, TimeSpan.FromMinutes(1));
        Assert.Equal("monitor.db", HeartbeatFile.Read(HealthFile).Database);

        heartbeat.Started("9.9.9", "/srv/elsewhere/monitor.db", TimeSpan.FromMinutes(1));
        Assert.Equal("/srv/elsewhere/monitor.db", HeartbeatFile.Read(HealthFile).Database);
        Assert.Empty(Directory.GetFiles(_config.DataFolder, "*.tmp"));
    }
}
