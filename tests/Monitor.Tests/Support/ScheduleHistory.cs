using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;

namespace Monitor.Tests.Support;

/// <summary>
/// The data folder of a Monitor that ran a recipient's digest schedule before (it handled a slot two days ago), then was
/// down: its last slot is then "missed" and caught up at the next start (a first start has nothing to catch up).
/// </summary>
public static class ScheduleHistory
{
    public static Task RanBeforeAsync(string dataFolder, string recipient = "analyst@example.org") =>
        RanBeforeAsync(new MonitorDatabase(Path.Combine(dataFolder, "monitor.db"), NullLogger<MonitorDatabase>.Instance), recipient);

    /// <summary>The same on any database (a PostgreSQL one for cluster mode).</summary>
    public static async Task RanBeforeAsync(MonitorDatabase database, string recipient = "analyst@example.org")
    {
        await database.MigrateAsync(CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO digest_slots (recipient, slot_at, claimed_at, claimed_by, catch_up) VALUES (@recipient, @slot, @slot, 'earlier', 0)";
        insert.Parameters.AddWithValue("@recipient", recipient);
        insert.Parameters.AddWithValue("@slot", Timestamps.Write(DateTimeOffset.UtcNow.AddDays(-2)));
        await insert.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
