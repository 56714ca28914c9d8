using System.Runtime.InteropServices;
using System.Text.Json;
using System.Data.Common;
using Monitor.Dedup;

namespace Monitor.Storage;

/// <summary>
/// Table <c>fingerprints</c>: what dedup remembers of each article (signatures, shingles, anchors), written with the
/// article and read back at start, so that restarting does not recompute history and does not forget it.
/// </summary>
public sealed class FingerprintStore(MonitorDatabase database) : IFingerprintArchive
{
    /// <summary>Whether other processes write this store too (PostgreSQL): then what they stored is read before each check.</summary>
    public bool IsShared => database.IsPostgres;

    public sealed record Stored(string ArticleKey, string StoryKey, DateTimeOffset FoundAt, Fingerprint Fingerprint, DateTimeOffset? Published = null);

    internal static void Insert(DbConnection connection, DbTransaction transaction, string articleKey, string storyKey, DateTimeOffset foundAt,
        DateTimeOffset? published, Fingerprint fingerprint)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO fingerprints (article_key, story_key, found_at, language, word_count, signatures, shingles, anchors,
                published_at, terms, title_terms, english_terms, english_title_terms)
            VALUES (@key, @story, @found, @language, @words, @signatures, @shingles, @anchors,
                @published, @terms, @titleTerms, @englishTerms, @englishTitleTerms)
            ON CONFLICT (article_key) DO NOTHING
            """;
        insert.Parameters.AddWithValue("@published", Timestamps.WriteNullable(published));
        insert.Parameters.AddWithValue("@terms", Bytes(fingerprint.Terms));
        insert.Parameters.AddWithValue("@titleTerms", Bytes(fingerprint.TitleTerms));
        insert.Parameters.AddWithValue("@englishTerms", fingerprint.EnglishTerms is { } english ? Bytes(english) : DBNull.Value);
        insert.Parameters.AddWithValue("@englishTitleTerms", fingerprint.EnglishTitleTerms is { } title ? Bytes(title) : DBNull.Value);
        insert.Parameters.AddWithValue("@key", articleKey);
        insert.Parameters.AddWithValue("@story", storyKey);
        insert.Parameters.AddWithValue("@found", Timestamps.Write(foundAt));
        insert.Parameters.AddWithValue("@language", fingerprint.Language);
        insert.Parameters.AddWithValue("@words", fingerprint.WordCount);
        insert.Parameters.AddWithValue("@signatures", MemoryMarshal.AsBytes(fingerprint.Signatures.SelectMany(s => s).ToArray().AsSpan()).ToArray());
        insert.Parameters.AddWithValue("@shingles", MemoryMarshal.AsBytes(fingerprint.Shingles.AsSpan()).ToArray());
        insert.Parameters.AddWithValue("@anchors", JsonSerializer.Serialize(fingerprint.Anchors.Select(a => a.ToString())));
        insert.ExecuteNonQuery();
    }

    /// <summary>Fingerprints of articles found since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Stored>> LoadSinceAsync(DateTimeOffset since, int signatureLength, CancellationToken cancellationToken)
    {
        var stored = new List<Stored>();
        await LoadAfterAsync(since, 0, signatureLength, stored.Add, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Hands <paramref name="each"/> the fingerprints of articles found since <paramref name="since"/> and stored after
    /// article id <paramref name="afterArticleId"/>, one at a time as they are read (200,000 of them held in a list
    /// took gigabytes), in the order they were stored; returns the highest article id read (or
    /// <paramref name="afterArticleId"/> when none): what other instances stored since this one last looked.
    /// </summary>
    public async Task<long> LoadAfterAsync(DateTimeOffset since, long afterArticleId, int signatureLength, Action<Stored> each, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.article_key, f.story_key, f.found_at, f.language, f.word_count, f.signatures, f.shingles, f.anchors, a.id,
                f.published_at, f.terms, f.title_terms, f.english_terms, f.english_title_terms
            FROM fingerprints f JOIN articles a ON a.key = f.article_key
            WHERE f.found_at >= @since AND a.id > @after ORDER BY a.id
            """;
        command.Parameters.AddWithValue("@since", Timestamps.Write(since));
        command.Parameters.AddWithValue("@after", afterArticleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var last = afterArticleId;
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = MemoryMarshal.Cast<byte, uint>((byte[])reader.GetValue(5)).ToArray();
            var signatures = new List<uint[]>();
            for (var i = 0; i + signatureLength <= values.Length; i += signatureLength)
                signatures.Add(values[i..(i + signatureLength)]);
            var anchors = (JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? []).Select(Anchor.Parse).OfType<Anchor>().ToHashSet();
            var fingerprint = new Fingerprint(reader.GetString(3), reader.GetInt32(4), MemoryMarshal.Cast<byte, uint>((byte[])reader.GetValue(6)).ToArray(), signatures, anchors)
            {
                Terms = Vector(reader, 10) ?? TermVector.Empty,
                TitleTerms = Vector(reader, 11) ?? TermVector.Empty,
                EnglishTerms = Vector(reader, 12),
                EnglishTitleTerms = Vector(reader, 13),
            };
            DateTimeOffset? published = reader.IsDBNull(9) ? null : Timestamps.Read(reader.GetString(9));
            each(new Stored(reader.GetString(0), reader.GetString(1), Timestamps.Read(reader.GetString(2)), fingerprint, published));
            last = Math.Max(last, reader.GetInt64(8));
        }
        return last;
    }

    /// <summary>A term vector as bytes: its term hashes, then its counts (4 bytes each).</summary>
    private static byte[] Bytes(TermVector vector)
    {
        var bytes = new byte[vector.Count * 8];
        MemoryMarshal.AsBytes(vector.Terms.AsSpan()).CopyTo(bytes);
        MemoryMarshal.AsBytes(vector.Counts.AsSpan()).CopyTo(bytes.AsSpan(vector.Count * 4));
        return bytes;
    }

    /// <summary>The term vector in column <paramref name="ordinal"/>; null when the row has none (stored by an earlier version).</summary>
    private static TermVector? Vector(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        var bytes = (byte[])reader.GetValue(ordinal);
        var count = bytes.Length / 8;
        return new TermVector(MemoryMarshal.Cast<byte, uint>(bytes.AsSpan(0, count * 4)).ToArray(),
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan(count * 4, count * 4)).ToArray());
    }

    /// <summary>
    /// Held while one feed's new articles are checked against what is remembered and stored (see PollCycle): on
    /// PostgreSQL, a session advisory lock, so that two instances never check two copies of one story at the same time
    /// (each would find the other's copy not stored yet); on SQLite, with one process, nothing (dedup's own lock does it).
    /// </summary>
    public async Task<IAsyncDisposable> LockForDedupAsync(CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
            return NoLock.Instance;
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await MonitorDatabase.AdvisoryAsync(connection, "pg_advisory_lock", MonitorDatabase.DedupLockKey, cancellationToken);
            return new HeldLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class HeldLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await MonitorDatabase.AdvisoryAsync(connection, "pg_advisory_unlock", MonitorDatabase.DedupLockKey, CancellationToken.None);
            }
            finally
            {
                // A connection that failed is closed, and the server releases its locks with it.
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Shingles of one article, for an exact check against a candidate no longer kept in memory.</summary>
    public uint[]? Shingles(string articleKey)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT shingles FROM fingerprints WHERE article_key = @key";
        command.Parameters.AddWithValue("@key", articleKey);
        return command.ExecuteScalar() is byte[] bytes ? MemoryMarshal.Cast<byte, uint>(bytes).ToArray() : null;
    }

    /// <summary>Deletes fingerprints older than <paramref name="cutoff"/> (the articles themselves stay); returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM fingerprints WHERE found_at < @cutoff";
        command.Parameters.AddWithValue("@cutoff", Timestamps.Write(cutoff));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
