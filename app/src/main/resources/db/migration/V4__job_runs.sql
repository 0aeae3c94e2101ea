-- The history of executions (owned by narrator.app.jobs.JobRuns): one row per claim of a job, with the
-- node and worker that ran it and when it started and stopped, so that "no job ever ran on two nodes at
-- once" can be read from the database itself. Times are epoch milliseconds; written for SQLite and
-- PostgreSQL alike (BIGINT is INTEGER to SQLite).
CREATE TABLE job_runs (
    id          TEXT   PRIMARY KEY,       -- random UUID
    job_id      TEXT   NOT NULL,          -- no foreign key: retention removes both
    attempt     INTEGER NOT NULL,         -- the job's attempts counter once claimed
    node_id     TEXT   NOT NULL,
    worker_id   TEXT   NOT NULL,          -- the job's picked_by while this run owned it
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT,                   -- NULL while running
    outcome     TEXT                      -- completed | failed | cancelled | requeued | lost | abandoned
);

-- A job's runs in order.
CREATE INDEX job_runs_job ON job_runs (job_id, started_at);
