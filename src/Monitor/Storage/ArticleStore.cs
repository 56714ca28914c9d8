using System.Text.Json;
using System.Data.Common;
using Monitor.Dedup;
using Monitor.Scoring;

namespace Monitor.Storage;

/// <summary>Tables <c>articles</c> and <c>article_scores</c>: every article met, duplicates included with their reason.</summary>
public sealed class ArticleStore(MonitorDatabase database)
{
    /// <summary>Whether this article is already stored: same key (canonical URL across feeds), or same GUID in the same feed.</summary>
    public async Task<bool> IsKnownAsync(string key, string feedUrl, string? guid, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM articles WHERE key = @key OR (CAST(@guid AS TEXT) IS NOT NULL AND feed_url = @feed AND guid = @guid) LIMIT 1";
        command.Parameters.AddWithValue("@key", key);
        command.Parameters.AddWithValue("@feed", feedUrl);
        command.Parameters.AddWithValue("@guid", (object?)guid ?? DBNull.Value);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Stores the articles of one poll of one feed in one transaction; returns how many were new to the store.</summary>
    public async Task<int> AddAsync(IReadOnlyList<NewArticle> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
            return 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var added = 0;
        foreach (var article in articles)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            // A story already mailed (to anyone) is not mailed again: a later report of it is stored as a duplicate.
            var storyKey = article.StoryKey;
            var storySent = false;
            if (article.Verdict.Outcome == DedupOutcome.SameStory)
            {
                await using var sent = connection.CreateCommand();
                sent.Transaction = transaction;
                sent.CommandText = "SELECT 1 FROM articles a CROSS JOIN sent_articles x WHERE a.story_key = @story AND x.article_id = a.id LIMIT 1";
                sent.Parameters.AddWithValue("@story", storyKey);
                storySent = await sent.ExecuteScalarAsync(cancellationToken) is not null;
            }
            var duplicate = article.Verdict.IsDuplicate || storySent;
            var reason = storySent ? article.Verdict.Reason + "; that story was already sent" : article.Verdict.Reason;

            insert.CommandText = """
                INSERT INTO articles (key, feed_url, guid, url, title, summary, content, author, published_at, found_at, status, dedup_reason, best_score, story_key, dedup_evidence, scoring)
                VALUES (@key, @feed, @guid, @url, @title, @summary, @content, @author, @published, @found, @status, @reason, @best, @story, @evidence, @scoring)
                ON CONFLICT (key) DO NOTHING
                RETURNING id
                """;
            var item = article.Item;
            insert.Parameters.AddWithValue("@key", item.Key);
            insert.Parameters.AddWithValue("@feed", article.FeedUrl);
            insert.Parameters.AddWithValue("@guid", (object?)item.Guid ?? DBNull.Value);
            insert.Parameters.AddWithValue("@url", (object?)item.Url ?? DBNull.Value);
            insert.Parameters.AddWithValue("@title", item.Title);
            insert.Parameters.AddWithValue("@summary", item.Summary);
            insert.Parameters.AddWithValue("@content", item.Content);
            insert.Parameters.AddWithValue("@author", (object?)item.Author ?? DBNull.Value);
            insert.Parameters.AddWithValue("@published", Timestamps.WriteNullable(item.Published));
            insert.Parameters.AddWithValue("@found", Timestamps.Write(article.FoundAt));
            insert.Parameters.AddWithValue("@status", duplicate ? ArticleStatus.Duplicate : ArticleStatus.New);
            insert.Parameters.AddWithValue("@reason", reason);
            insert.Parameters.AddWithValue("@best", article.Scored.BestScore);
            insert.Parameters.AddWithValue("@story", storyKey);
            insert.Parameters.AddWithValue("@evidence", JsonSerializer.Serialize(article.Verdict));
            insert.Parameters.AddWithValue("@scoring", article.Verdict.IsDuplicate ? DBNull.Value : JsonSerializer.Serialize(ScoringContext.Of(article.Scored)));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not long id)
                continue;
            added++;
            if (article.Fingerprint is { } fingerprint && !article.Verdict.IsDuplicate)
                FingerprintStore.Insert(connection, transaction, item.Key, storyKey, article.FoundAt, item.Published, fingerprint);

            await InsertScoresAsync(connection, transaction, id, article.Scored, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// Articles found since <paramref name="since"/>, not duplicates, with a positive score, that were neither sent to
    /// <paramref name="recipient"/> nor are waiting in the outbox for them. Thresholds are applied by the caller, with the
    /// watchlists in force now.
    /// </summary>
    public Task<IReadOnlyList<DigestCandidate>> DigestCandidatesAsync(string recipient, DateTimeOffset since, CancellationToken cancellationToken) =>
        DigestCandidatesAsync(recipient, since, includeAlerted: false, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="includeAlerted"/> (Alerts:RepeatInDigest), articles and stories that reached the
    /// recipient in alerts only are candidates too. What was in a digest never is. A story with a report still waiting
    /// in the outbox for this recipient (its digest or alert waits for the SMTP server) is left out too: a later report
    /// of it must not make it a second time into the next digest.
    /// </summary>
    public Task<IReadOnlyList<DigestCandidate>> DigestCandidatesAsync(string recipient, DateTimeOffset since, bool includeAlerted, CancellationToken cancellationToken) =>
        CandidatesAsync(recipient, since, includeAlerted ? NotInDigest + NoStoryInQueuedDigest : NotSent + NoStoryQueued, cancellationToken);

    /// <summary>
    /// The candidates of an alert: as for a digest, and also no story with a report still waiting in the outbox for this
    /// recipient (a second site reporting it while the first alert waits for the SMTP server must not make a second alert).
    /// Only articles scoring at least <paramref name="minScore"/> on some watchlist (the lowest alert threshold) are
    /// read: the window holds every article of the last day, and reading all of them with their scores at each tick
    /// took 10 s a tick with 200,000 stored (the soak in docs/benchmarks.md).
    /// </summary>
    public Task<IReadOnlyList<DigestCandidate>> AlertCandidatesAsync(string recipient, DateTimeOffset since, double minScore, CancellationToken cancellationToken) =>
        CandidatesAsync(recipient, since, NotSent + NoStoryQueued + AlertLevel, cancellationToken, minScore);

    // Constant SQL fragments (no values) for the "already mailed" rule of each kind of mail; every value is a parameter.
    // The story subqueries start from the story's articles (ix_articles_story) and reach the mails through the
    // article_id indexes (migration 11): SQLite keeps a CROSS JOIN's order. Planned from sent_articles outward they
    // scanned every sent row for every candidate (25.6 s for one query on the load harness's 10,000 articles; 0.04 s so).
    private const string NotSent = """
          AND NOT EXISTS (SELECT 1 FROM sent_articles x WHERE x.recipient = @recipient AND x.article_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM articles b CROSS JOIN sent_articles x
                          WHERE b.story_key = a.story_key AND x.recipient = @recipient AND x.article_id = b.id)

        """;

    // sent_articles keeps the first mail that carried an article: an alert, when one came before the digest. So what
    // went in a digest is read from the sent mails themselves.
    private const string NotInDigest = """
          AND NOT EXISTS (SELECT 1 FROM articles b CROSS JOIN outbox_articles oa CROSS JOIN outbox o
                          WHERE b.story_key = a.story_key AND oa.article_id = b.id AND o.id = oa.outbox_id
                            AND o.recipient = @recipient AND o.status = @sent AND o.kind <> @alert)

        """;

    private const string NoStoryQueued = """
          AND NOT EXISTS (SELECT 1 FROM articles b CROSS JOIN outbox_articles oa CROSS JOIN outbox o
                          WHERE b.story_key = a.story_key AND oa.article_id = b.id AND o.id = oa.outbox_id
                            AND o.recipient = @recipient AND o.status = @pending)

        """;

    private const string NoStoryInQueuedDigest = """
          AND NOT EXISTS (SELECT 1 FROM articles b CROSS JOIN outbox_articles oa CROSS JOIN outbox o
                          WHERE b.story_key = a.story_key AND oa.article_id = b.id AND o.id = oa.outbox_id
                            AND o.recipient = @recipient AND o.status = @pending AND o.kind <> @alert)

        """;

    private const string AlertLevel = """
          AND EXISTS (SELECT 1 FROM article_scores s2 WHERE s2.article_id = a.id AND s2.score >= @minScore)

        """;

    private async Task<IReadOnlyList<DigestCandidate>> CandidatesAsync(string recipient, DateTimeOffset since, string alreadyMailed, CancellationToken cancellationToken,
        double minScore = 0)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, a.title, a.url, a.feed_url, f.title,
                   CASE WHEN a.summary = '' THEN substr(a.content, 1, 2000) ELSE a.summary END,
                   a.published_at, a.found_at, s.watchlist, s.score, s.matches, COALESCE(a.story_key, a.key)
            FROM articles a
            JOIN article_scores s ON s.article_id = a.id
            LEFT JOIN feeds f ON f.url = a.feed_url
            WHERE a.status = @new AND a.found_at >= @since AND s.score > 0

            """ + alreadyMailed + """
              AND NOT EXISTS (SELECT 1 FROM outbox_articles oa JOIN outbox o ON o.id = oa.outbox_id
                              WHERE o.recipient = @recipient AND o.status = @pending AND oa.article_id = a.id)
            ORDER BY a.id
            """;
        command.Parameters.AddWithValue("@new", ArticleStatus.New);
        command.Parameters.AddWithValue("@pending", OutboxStatus.Pending);
        command.Parameters.AddWithValue("@sent", OutboxStatus.Sent);
        command.Parameters.AddWithValue("@alert", OutboxKind.Alert);
        command.Parameters.AddWithValue("@since", Timestamps.Write(since));
        command.Parameters.AddWithValue("@recipient", recipient);
        command.Parameters.AddWithValue("@minScore", minScore);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var byId = new Dictionary<long, (DigestCandidate Candidate, List<StoredScore> Scores)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (!byId.TryGetValue(id, out var entry))
            {
                var scores = new List<StoredScore>();
                var candidate = new DigestCandidate(
                    id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                    Timestamps.ReadNullable(reader.GetValue(6)), Timestamps.Read(reader.GetString(7)), scores, reader.GetString(11));
                byId[id] = entry = (candidate, scores);
            }
            var matches = JsonSerializer.Deserialize<List<TermMatch>>(reader.GetString(10)) ?? [];
            entry.Scores.Add(new StoredScore(reader.GetString(8), reader.GetDouble(9), matches));
        }
        return byId.Values.Select(v => v.Candidate).ToList();
    }

    /// <summary>
    /// The stored article with this id, URL or identity key (canonical URL without scheme and "www."), with its scores,
    /// the other articles of its story and where it was sent; null when none matches.
    /// </summary>
    public async Task<ArticleExplanation?> ExplainAsync(string idUrlOrKey, string? identityKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, key, title, url, feed_url, found_at, published_at, status, dedup_reason, dedup_evidence, COALESCE(story_key, key), scoring
            FROM articles WHERE id = @id OR url = @text OR key = @text OR key = @identity
            ORDER BY id LIMIT 1
            """;
        command.Parameters.AddWithValue("@id", long.TryParse(idUrlOrKey, out var id) ? id : -1);
        command.Parameters.AddWithValue("@text", idUrlOrKey);
        command.Parameters.AddWithValue("@identity", (object?)identityKey ?? DBNull.Value);
        long articleId;
        string key, title, feedUrl, status, reason, storyKey;
        string? url, evidence, scoring;
        DateTimeOffset foundAt;
        DateTimeOffset? published;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            (articleId, key, title, url, feedUrl) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4));
            (foundAt, published, status, reason) = (Timestamps.Read(reader.GetString(5)), Timestamps.ReadNullable(reader.GetValue(6)), reader.GetString(7), reader.GetString(8));
            (evidence, storyKey) = (reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10));
            scoring = reader.IsDBNull(11) ? null : reader.GetString(11);
        }

        var scores = new List<StoredScore>();
        await using (var scoreQuery = connection.CreateCommand())
        {
            scoreQuery.CommandText = "SELECT watchlist, score, matches, details FROM article_scores WHERE article_id = @id ORDER BY score DESC, watchlist";
            scoreQuery.Parameters.AddWithValue("@id", articleId);
            await using var reader = await scoreQuery.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                scores.Add(new StoredScore(reader.GetString(0), reader.GetDouble(1), JsonSerializer.Deserialize<List<TermMatch>>(reader.GetString(2)) ?? [])
                {
                    Details = reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<ScoreDetails>(reader.GetString(3)),
                });
        }

        var members = new List<(long, string, string, string)>();
        await using (var storyQuery = connection.CreateCommand())
        {
            storyQuery.CommandText = "SELECT id, title, feed_url, status FROM articles WHERE story_key = @story AND id <> @id ORDER BY id";
            storyQuery.Parameters.AddWithValue("@story", storyKey);
            storyQuery.Parameters.AddWithValue("@id", articleId);
            await using var reader = await storyQuery.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                members.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        var sent = new List<(string, DateTimeOffset)>();
        await using (var sentQuery = connection.CreateCommand())
        {
            sentQuery.CommandText = "SELECT recipient, sent_at FROM sent_articles WHERE article_id = @id ORDER BY sent_at";
            sentQuery.Parameters.AddWithValue("@id", articleId);
            await using var reader = await sentQuery.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                sent.Add((reader.GetString(0), Timestamps.Read(reader.GetString(1))));
        }
        return new ArticleExplanation(articleId, key, title, url, feedUrl, foundAt, published, status, reason, evidence, storyKey, scores, members, sent)
        {
            Scoring = scoring is null ? null : JsonSerializer.Deserialize<ScoringContext>(scoring),
        };
    }

    /// <summary>
    /// Replaces the stored scores of these articles (after a watchlist edit), in one transaction: what was sent stays
    /// sent, and the next digest ranks and filters with the new scores.
    /// </summary>
    public async Task ReplaceScoresAsync(IReadOnlyList<(long Id, ScoredArticle Scored)> articles, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var (id, scored) in articles)
        {
            await using (var delete = connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM article_scores WHERE article_id = @id";
                delete.Parameters.AddWithValue("@id", id);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE articles SET best_score = @best, scoring = @scoring WHERE id = @id";
                update.Parameters.AddWithValue("@id", id);
                update.Parameters.AddWithValue("@best", scored.BestScore);
                update.Parameters.AddWithValue("@scoring", JsonSerializer.Serialize(ScoringContext.Of(scored)));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await InsertScoresAsync(connection, transaction, id, scored, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task InsertScoresAsync(DbConnection connection, DbTransaction transaction, long id, ScoredArticle scored, CancellationToken cancellationToken)
    {
        // Scores with a match are kept even when vetoed to 0, so explain can say which exclude or requirement did it.
        foreach (var score in scored.Scores.Where(s => s.Score > 0 || s.Matches.Count > 0))
        {
            await using var scoreInsert = connection.CreateCommand();
            scoreInsert.Transaction = transaction;
            scoreInsert.CommandText = "INSERT INTO article_scores (article_id, watchlist, score, matches, details) VALUES (@id, @watchlist, @score, @matches, @details)";
            scoreInsert.Parameters.AddWithValue("@details", JsonSerializer.Serialize(ScoreDetails.Of(score)));
            scoreInsert.Parameters.AddWithValue("@id", id);
            scoreInsert.Parameters.AddWithValue("@watchlist", score.Watchlist);
            scoreInsert.Parameters.AddWithValue("@score", score.Score);
            scoreInsert.Parameters.AddWithValue("@matches", JsonSerializer.Serialize(score.Matches));
            await scoreInsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// When the last mail of <paramref name="kind"/> to <paramref name="recipient"/> was composed (sent, or still queued
    /// for the SMTP server): the end of the period it covered, so the start of the next digest's. Null when none was.
    /// </summary>
    public async Task<DateTimeOffset?> LastComposedAtAsync(string recipient, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(created_at) FROM outbox WHERE recipient = @recipient AND kind = @kind";
        command.Parameters.AddWithValue("@recipient", recipient);
        command.Parameters.AddWithValue("@kind", kind);
        return Timestamps.ReadNullable(await command.ExecuteScalarAsync(cancellationToken) ?? DBNull.Value);
    }

    /// <summary>Stored articles per feed (duplicates included), for <c>monitor feeds list</c>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByFeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT feed_url, COUNT(*) FROM articles GROUP BY feed_url";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>Counts of stored articles by status, for reports.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, COUNT(*) FROM articles GROUP BY status";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}
