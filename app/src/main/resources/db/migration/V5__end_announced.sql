-- Whether listeners (the webhook outbox) were told how the job ended. The update that ends a job sets
-- it to 0 and the announcement to 1, so a process killed in between leaves a 0 that the next start
-- announces (narrator.app.jobs.JobScheduler.start). Jobs that ended before this column count as told.
ALTER TABLE jobs ADD COLUMN end_announced INTEGER NOT NULL DEFAULT 1;
