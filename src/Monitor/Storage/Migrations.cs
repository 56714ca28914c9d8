namespace Monitor.Storage;

/// <summary>
/// The schema as an ordered, append-only list of steps (like miniflux's migrations.go): the schema version is the
/// number of steps applied. Never edit or reorder a step that has shipped; add a new one.
/// Plain SQL that SQLite and PostgreSQL both accept (TEXT timestamps in ISO 8601 UTC, which sort as they compare).
/// </summary>
public static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            first_polled_at TEXT,
            last_polled_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_poll_at TEXT
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            feed_url TEXT NOT NULL,
            guid TEXT,
            url TEXT,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            content TEXT NOT NULL,
            author TEXT,
            published_at TEXT,
            found_at TEXT NOT NULL,
            status TEXT NOT NULL,
            dedup_reason TEXT NOT NULL,
            best_score REAL NOT NULL
        );
        CREATE INDEX ix_articles_feed_guid ON articles (feed_url, guid);
        CREATE INDEX ix_articles_found_at ON articles (found_at);
        CREATE TABLE article_scores (
            article_id INTEGER NOT NULL REFERENCES articles (id),
            watchlist TEXT NOT NULL,
            score REAL NOT NULL,
            matches TEXT NOT NULL,
            PRIMARY KEY (article_id, watchlist)
        );
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            recipient TEXT NOT NULL,
            message_id TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            mime BLOB NOT NULL,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_at TEXT,
            last_error TEXT,
            lease_owner TEXT,
            lease_until TEXT,
            sent_at TEXT
        );
        CREATE INDEX ix_outbox_status ON outbox (status);
        CREATE TABLE outbox_articles (
            outbox_id INTEGER NOT NULL REFERENCES outbox (id),
            article_id INTEGER NOT NULL REFERENCES articles (id),
            PRIMARY KEY (outbox_id, article_id)
        );
        CREATE TABLE sent_articles (
            recipient TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles (id),
            outbox_id INTEGER NOT NULL REFERENCES outbox (id),
            sent_at TEXT NOT NULL,
            PRIMARY KEY (recipient, article_id)
        );
        """,
        // 2: what had to be repaired to read a feed on its last successful poll (empty when nothing).
        """
        ALTER TABLE feeds ADD COLUMN last_repairs TEXT;
        """,
        // 3: since when a feed has been failing (null while it works), and the interval its last success planned with.
        """
        ALTER TABLE feeds ADD COLUMN failing_since TEXT;
        ALTER TABLE feeds ADD COLUMN poll_interval_seconds INTEGER;
        """,
        // 4: where a feed moved permanently (301/308): fetched from there until feeds.yaml is updated.
        """
        ALTER TABLE feeds ADD COLUMN moved_to TEXT;
        """,
        // 5: the newest item date seen and the feed's usual gap between items, to flag feeds that went silent.
        """
        ALTER TABLE feeds ADD COLUMN last_item_at TEXT;
        ALTER TABLE feeds ADD COLUMN usual_gap_seconds INTEGER;
        """,
        // 6: RSS <ttl> kept across 304s (which carry no body); feeds already failing before step 3 get a failing_since.
        """
        ALTER TABLE feeds ADD COLUMN ttl_seconds INTEGER;
        UPDATE feeds SET failing_since = last_polled_at WHERE last_error IS NOT NULL AND failing_since IS NULL;
        """,
        // 7: stories (an article joins the story of an earlier one it repeats), the dedup evidence as JSON, and the
        // fingerprints later articles are compared with (MinHash signatures per window, shingles, anchors).
        """
        ALTER TABLE articles ADD COLUMN story_key TEXT;
        ALTER TABLE articles ADD COLUMN dedup_evidence TEXT;
        UPDATE articles SET story_key = key WHERE story_key IS NULL;
        CREATE INDEX ix_articles_story ON articles (story_key);
        CREATE TABLE fingerprints (
            article_key TEXT PRIMARY KEY,
            story_key TEXT NOT NULL,
            found_at TEXT NOT NULL,
            language TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            signatures BLOB NOT NULL,
            shingles BLOB NOT NULL,
            anchors TEXT NOT NULL
        );
        CREATE INDEX ix_fingerprints_found_at ON fingerprints (found_at);
        """,
        // 8: the explanation of each score (raw score, excludes, unmet requirement, seed bonus) and of the article's
        // scoring (detected language, seed similarity); scores with matches but vetoed to 0 are kept too.
        """
        ALTER TABLE articles ADD COLUMN scoring TEXT;
        ALTER TABLE article_scores ADD COLUMN details TEXT;
        """,
        // 9: when a failed mail may be tried again (exponential backoff; null = now), and the digest slots claimed so
        // far: one row per (recipient, scheduled time), inserted by the one process that composes that slot's digest.
        """
        ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
        CREATE INDEX ix_outbox_next_attempt ON outbox (status, next_attempt_at);
        CREATE TABLE digest_slots (
            recipient TEXT NOT NULL,
            slot_at TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            claimed_by TEXT NOT NULL,
            catch_up INTEGER NOT NULL,
            outbox_id INTEGER REFERENCES outbox (id),
            PRIMARY KEY (recipient, slot_at)
        );
        """,
    ];
}
