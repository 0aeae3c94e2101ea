-- Job queue tables (owned by narrator.app.jobs).
-- Times are epoch milliseconds (BIGINT) so that staleness checks and ordering are plain comparisons.
-- Every status change bumps version (recovery's compare-and-set guard); heartbeats do not.
-- One text for SQLite and PostgreSQL (BIGINT and DOUBLE PRECISION have SQLite's INTEGER and REAL affinity);
-- The insertion_order_column placeholder adds PostgreSQL's stand-in for SQLite's implicit rowid (see narrator.app.db.Dialect).
CREATE TABLE jobs (
    ${insertion_order_column}
    id               TEXT    PRIMARY KEY,               -- random UUID
    kind             TEXT    NOT NULL,                  -- render | voiceover | render_video
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    request_json     TEXT    NOT NULL,                  -- the validated request, opaque to the queue
    metadata_json    TEXT,                              -- caller's metadata, echoed back in webhooks
    webhook_url      TEXT,
    idempotency_key  TEXT    UNIQUE,                    -- NULLs never collide
    stage            TEXT,                              -- current stage label while processing
    progress         DOUBLE PRECISION NOT NULL DEFAULT 0, -- percent (0-100) of the current stage
    result_json      TEXT,                              -- output URLs etc., opaque to the queue
    error_code       TEXT,
    error_message    TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,        -- claims so far, including the current one
    max_attempts     INTEGER NOT NULL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    picked_by        TEXT,                              -- worker id of the execution that owns it
    last_heartbeat   BIGINT,
    version          INTEGER NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    timings_json     TEXT    NOT NULL DEFAULT '{}'      -- stage label -> milliseconds
);

-- Claim order (oldest queued first), listing by status and stale-heartbeat scans.
CREATE INDEX jobs_status_created ON jobs (status, created_at);
-- Listing every job newest first.
CREATE INDEX jobs_created ON jobs (created_at);
-- Recent completed jobs, for the estimated wait.
CREATE INDEX jobs_status_finished ON jobs (status, finished_at);
