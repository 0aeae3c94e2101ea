-- The manifest of segmented renders (owned by narrator.app.segments.SegmentStore): one row per segment of a job
-- being rendered, so that a job interrupted by a crash resumes with the segments already done, a failed segment
-- is retried alone, and any worker of a cluster may claim a segment. The rows of a job are removed when it ends
-- (completed, failed or cancelled); a crash leaves them for the requeued job. Times are epoch milliseconds.
CREATE TABLE render_segments (
    job_id         TEXT    NOT NULL,          -- no foreign key: removed with the job's end, or by retention
    idx            INTEGER NOT NULL,          -- 0-based, in the video's order
    start_frame    BIGINT  NOT NULL,          -- frames [start_frame, end_frame) of the video
    end_frame      BIGINT  NOT NULL,
    fingerprint    TEXT    NOT NULL,          -- SHA-256 of what the segment draws: a changed plan or input differs
    spec_json      TEXT,                      -- how another node draws it (inputs as store keys); NULL: only the job's node
    status         TEXT    NOT NULL CHECK (status IN ('queued', 'rendering', 'done', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0, -- claims so far, including the current one
    node_id        TEXT,                      -- the node drawing it, or that drew it
    picked_by      TEXT,                      -- the worker drawing it, or that drew it
    last_heartbeat BIGINT,
    started_at     BIGINT,                    -- when the current (or last) draw began
    ended_at       BIGINT,                    -- when it was done (or failed)
    file_key       TEXT,                      -- the stored segment file, once done
    error_code     TEXT,                      -- the last failure
    error_message  TEXT,
    version        INTEGER NOT NULL DEFAULT 0, -- bumped by every status change
    PRIMARY KEY (job_id, idx)
);

-- Claimers look for a queued segment, of one job or of any.
CREATE INDEX render_segments_status ON render_segments (status, job_id, idx);

-- Every draw of a segment, kept after the manifest rows are gone (until retention removes the job), so that
-- what was drawn where, when and how often can be read afterwards.
CREATE TABLE segment_runs (
    job_id      TEXT    NOT NULL,
    idx         INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,             -- the segment's attempts once claimed
    node_id     TEXT    NOT NULL,
    worker_id   TEXT    NOT NULL,
    started_at  BIGINT  NOT NULL,
    ended_at    BIGINT,                       -- NULL while drawing, or when its node died
    outcome     TEXT                          -- done | failed | stopped
);

CREATE INDEX segment_runs_job ON segment_runs (job_id, idx, started_at);
