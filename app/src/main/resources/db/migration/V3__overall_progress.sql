-- The whole job's progress, as /jobs/{id} and job_progress webhooks report it (narrator.app.jobs.JobProgress).
-- Kept rather than derived from stage and progress: it never goes down within an attempt, though the
-- stages do (the voice is uploaded between synthesis and subtitles).
ALTER TABLE jobs ADD COLUMN overall_progress DOUBLE PRECISION NOT NULL DEFAULT 0;
