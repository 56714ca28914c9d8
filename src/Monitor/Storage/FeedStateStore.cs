using System.Data.Common;

namespace Monitor.Storage;

/// <summary>Table <c>feeds</c>: per-feed validators, schedule and health.</summary>
public sealed class FeedStateStore(MonitorDatabase database)
{
    private const string Columns = "url, title, etag, last_modified, first_polled_at, last_polled_at, last_success_at, last_error, consecutive_failures, next_poll_at, last_repairs, failing_since, poll_interval_seconds, moved_to, last_item_at, usual_gap_seconds, ttl_seconds";

    public async Task<FeedState?> FindAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feeds WHERE url = @url";
        command.Parameters.AddWithValue("@url", url);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<FeedState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feeds ORDER BY url";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var feeds = new List<FeedState>();
        while (await reader.ReadAsync(cancellationToken))
            feeds.Add(Read(reader));
        return feeds;
    }

    /// <summary>
    /// Records a successful poll: new validators, failures reset, next poll planned, and what had to be repaired to read
    /// it (null for a 304, which keeps the previous record).
    /// </summary>
    public async Task RecordSuccessAsync(string url, string? title, string? etag, string? lastModified, DateTimeOffset now, DateTimeOffset nextPollAt,
        IReadOnlyList<string>? repairs, TimeSpan pollInterval, CancellationToken cancellationToken, TimeSpan? ttl = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feeds (url, title, etag, last_modified, first_polled_at, last_polled_at, last_success_at, last_error, consecutive_failures, next_poll_at, last_repairs, failing_since, poll_interval_seconds)
            VALUES (@url, @title, @etag, @lastModified, @now, @now, @now, NULL, 0, @next, @repairs, NULL, @interval)
            ON CONFLICT (url) DO UPDATE SET
                title = COALESCE(excluded.title, feeds.title),
                etag = excluded.etag,
                last_modified = excluded.last_modified,
                first_polled_at = COALESCE(feeds.first_polled_at, excluded.first_polled_at),
                last_polled_at = excluded.last_polled_at,
                last_success_at = excluded.last_success_at,
                last_error = NULL,
                consecutive_failures = 0,
                next_poll_at = excluded.next_poll_at,
                last_repairs = CASE WHEN @keepRepairs THEN feeds.last_repairs ELSE excluded.last_repairs END,
                failing_since = NULL,
                poll_interval_seconds = excluded.poll_interval_seconds,
                ttl_seconds = CASE WHEN @keepRepairs THEN feeds.ttl_seconds ELSE @ttl END,
                claimed_by = NULL,
                claimed_until = NULL
            """;
        command.Parameters.AddWithValue("@ttl", ttl is { } t ? (long)t.TotalSeconds : DBNull.Value);
        command.Parameters.AddWithValue("@interval", (long)pollInterval.TotalSeconds);
        command.Parameters.AddWithValue("@url", url);
        command.Parameters.AddWithValue("@keepRepairs", repairs is null);
        command.Parameters.AddWithValue("@repairs", repairs is { Count: > 0 } ? string.Join("; ", repairs) : DBNull.Value);
        command.Parameters.AddWithValue("@title", (object?)title ?? DBNull.Value);
        command.Parameters.AddWithValue("@etag", (object?)etag ?? DBNull.Value);
        command.Parameters.AddWithValue("@lastModified", (object?)lastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("@now", Timestamps.Write(now));
        command.Parameters.AddWithValue("@next", Timestamps.Write(nextPollAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records the newest item date seen (never moving backwards) and, when the items show one, the feed's usual gap.
    /// </summary>
    public async Task RecordRhythmAsync(string url, DateTimeOffset? newestItem, TimeSpan? usualGap, CancellationToken cancellationToken)
    {
        if (newestItem is null && usualGap is null)
            return;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE feeds SET
                last_item_at = CASE WHEN CAST(@newest AS TEXT) IS NOT NULL AND (last_item_at IS NULL OR last_item_at < @newest) THEN @newest ELSE last_item_at END,
                usual_gap_seconds = COALESCE(@gap, usual_gap_seconds)
            WHERE url = @url
            """;
        command.Parameters.AddWithValue("@url", url);
        command.Parameters.AddWithValue("@newest", Timestamps.WriteNullable(newestItem));
        command.Parameters.AddWithValue("@gap", usualGap is { } g ? (long)g.TotalSeconds : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Claims a feed for one poll by <paramref name="owner"/> until <paramref name="until"/>, so that no other process
    /// (another instance, a <c>monitor once</c> beside <c>monitor run</c>) fetches it meanwhile; the poll's record of
    /// success or failure releases it. With <paramref name="dueBy"/>, only a feed due by then can be claimed, so a feed
    /// another process has just polled is not polled again in the same cycle; without, it is claimed even if not due
    /// (<c>monitor once</c>). One statement: two claimers cannot both win.
    /// </summary>
    public async Task<bool> TryClaimAsync(string url, string owner, DateTimeOffset now, DateTimeOffset until, DateTimeOffset? dueBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feeds (url, claimed_by, claimed_until) VALUES (@url, @owner, @until)
            ON CONFLICT (url) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
            WHERE (feeds.claimed_until IS NULL OR feeds.claimed_until < @now OR feeds.claimed_by = @owner)
              AND (CAST(@dueBy AS TEXT) IS NULL OR feeds.next_poll_at IS NULL OR feeds.next_poll_at <= CAST(@dueBy AS TEXT))
            """;
        command.Parameters.AddWithValue("@url", url);
        command.Parameters.AddWithValue("@owner", owner);
        command.Parameters.AddWithValue("@now", Timestamps.Write(now));
        command.Parameters.AddWithValue("@until", Timestamps.Write(until));
        command.Parameters.AddWithValue("@dueBy", dueBy is { } due ? Timestamps.Write(due) : null);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives a claim back without recording a poll (a poll interrupted by a stop): the feed is due again at once.</summary>
    public async Task ReleaseClaimAsync(string url, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE feeds SET claimed_by = NULL, claimed_until = NULL WHERE url = @url AND claimed_by = @owner";
        command.Parameters.AddWithValue("@url", url);
        command.Parameters.AddWithValue("@owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records that a feed moved permanently; later polls fetch the new address.</summary>
    public async Task RecordMoveAsync(string url, string movedTo, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO feeds (url, moved_to) VALUES (@url, @movedTo) ON CONFLICT (url) DO UPDATE SET moved_to = excluded.moved_to";
        command.Parameters.AddWithValue("@url", url);
        command.Parameters.AddWithValue("@movedTo", movedTo);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed poll: the reason, one more consecutive failure, validators and first-poll date kept.</summary>
    public async Task RecordFailureAsync(string url, string error, DateTimeOffset now, DateTimeOffset nextPollAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feeds (url, last_polled_at, last_error, consecutive_failures, next_poll_at, failing_since)
            VALUES (@url, @now, @error, 1, @next, @now)
            ON CONFLICT (url) DO UPDATE SET
                last_polled_at = excluded.last_polled_at,
                last_error = excluded.last_error,
                consecutive_failures = feeds.consecutive_failures + 1,
                next_poll_at = excluded.next_poll_at,
                failing_since = COALESCE(feeds.failing_since, excluded.failing_since),
                claimed_by = NULL,
                claimed_until = NULL
            """;
        command.Parameters.AddWithValue("@url", url);
        command.Parameters.AddWithValue("@error", error);
        command.Parameters.AddWithValue("@now", Timestamps.Write(now));
        command.Parameters.AddWithValue("@next", Timestamps.Write(nextPollAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static FeedState Read(DbDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        Timestamps.ReadNullable(r.GetValue(4)),
        Timestamps.ReadNullable(r.GetValue(5)),
        Timestamps.ReadNullable(r.GetValue(6)),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.GetInt32(8),
        Timestamps.ReadNullable(r.GetValue(9)),
        r.IsDBNull(10) ? null : r.GetString(10),
        Timestamps.ReadNullable(r.GetValue(11)),
        r.IsDBNull(12) ? null : TimeSpan.FromSeconds(r.GetInt64(12)),
        r.IsDBNull(13) ? null : r.GetString(13),
        Timestamps.ReadNullable(r.GetValue(14)),
        r.IsDBNull(15) ? null : TimeSpan.FromSeconds(r.GetInt64(15)),
        r.IsDBNull(16) ? null : TimeSpan.FromSeconds(r.GetInt64(16)));
}
