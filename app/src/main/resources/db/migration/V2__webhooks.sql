-- Webhook outbox tables (owned by narrator.app.webhooks).
-- One row per (event, target URL). Times are Unix epoch milliseconds.
-- The auto_increment_id placeholder: SQLite's AUTOINCREMENT or PostgreSQL's identity (see narrator.app.db.Dialect).
-- job_id is plain TEXT with no foreign key: a delivery may outlive its job row.
-- The same event sent to two URLs shares its event_id, hence UNIQUE (event_id, url);
-- enqueueing the same event twice for one URL is ignored.
-- id orders deliveries as they were created; per (job_id, url) they are sent in id order.
CREATE TABLE webhook_deliveries (
    id               ${auto_increment_id},
    event_id         TEXT    NOT NULL,
    job_id           TEXT    NOT NULL,
    event            TEXT    NOT NULL,
    url              TEXT    NOT NULL,
    payload_json     TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    last_error       TEXT,
    last_status_code INTEGER,
    created_at       BIGINT  NOT NULL,
    delivered_at     BIGINT,
    UNIQUE (event_id, url)
);

-- The dispatcher's "what is due" scan.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

-- The ordering check: is an earlier delivery for the same (job, url) still pending?
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (job_id, url, status, id);
