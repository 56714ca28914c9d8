namespace Monitor.Storage;

/// <summary>What the outbox says about a recipient's alerts, for the rate limit: alerts are outbox rows of kind <c>alert</c>.</summary>
public sealed class AlertStore(MonitorDatabase database)
{
    /// <summary>
    /// When each alert for <paramref name="recipient"/> queued since <paramref name="since"/> was queued, oldest first.
    /// Queued ones count like sent ones: they go out as soon as the server answers.
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>> QueuedSinceAsync(string recipient, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at FROM outbox WHERE recipient = @recipient AND kind = @alert AND created_at > @since ORDER BY created_at";
        command.Parameters.AddWithValue("@recipient", recipient);
        command.Parameters.AddWithValue("@alert", OutboxKind.Alert);
        command.Parameters.AddWithValue("@since", Timestamps.Write(since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var times = new List<DateTimeOffset>();
        while (await reader.ReadAsync(cancellationToken))
            times.Add(Timestamps.Read(reader.GetString(0)));
        return times;
    }
}
