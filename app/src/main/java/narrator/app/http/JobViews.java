package narrator.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobStatus;
import narrator.app.segments.SegmentStore;
import narrator.app.spec.JobOutputs;
import narrator.app.webhooks.WebhookDelivery;
import narrator.pipeline.Stage;

/**
 * JSON shapes of a job: the reference service's status, the detailed view of {@code /jobs/{id}} and its webhook
 * deliveries.
 */
final class JobViews {
    private final ObjectMapper json;

    JobViews(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The reference shape: job id, status, the four URLs and an error message (null when none); then the
     * voice's timings and how its words were timed.
     */
    Map<String, Object> status(Job job) {
        JobOutputs out = outputs(job);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("status", job.status().label());
        view.put("voice_url", out.voiceUrl());
        view.put("subtitles_url", out.subtitlesUrl());
        view.put("video_url", out.videoUrl());
        view.put("thumbnail_url", out.thumbnailUrl());
        view.put("error", job.errorMessage());
        if (job.errorCode() != null) {
            view.put("error_code", job.errorCode().name());
        }
        putTimings(view, out);
        putAlignment(view, out);
        return view;
    }

    /**
     * The GPU render server's status ({@code /api/render/{id}/status}): progress, where the video went, and for a
     * failed job whether trying again may help ({@code should_retry}, null unless failed).
     */
    Map<String, Object> renderServerStatus(Job job) {
        JobOutputs out = outputs(job);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("status", job.status().label());
        view.put("progress", overallPercent(job));
        view.put("message", job.errorMessage() != null ? job.errorMessage()
                : job.stage() == null ? job.status().label() : job.stage().label());
        view.put("output_video_key", out.outputVideoKey());
        view.put("video_url", out.videoUrl());
        view.put("urls", out.signedUrls());
        view.put("error", job.errorMessage());
        view.put("error_code", job.errorCode() == null ? null : job.errorCode().name());
        view.put("should_retry", job.status() == JobStatus.FAILED && job.errorCode() != null
                ? job.errorCode().retryable() : null);
        return view;
    }

    /** {@code /voiceover}'s reference answer, the voice, plus its timings.json and how its words were timed. */
    Map<String, Object> voiceover(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("status", job.status().label());
        JobOutputs out = outputs(job);
        view.put("voice_url", out.voiceUrl());
        view.put("error", job.errorMessage());
        putTimings(view, out);
        return view;
    }

    /** After the reference shape's fields, which callers of the reference read in order. */
    private static void putTimings(Map<String, Object> view, JobOutputs out) {
        view.put("timings_url", out.timingsUrl());
        view.put("word_timing", out.wordTiming());
    }

    Map<String, Object> detail(Job job) {
        return detail(job, Optional.empty());
    }

    /** As {@link #detail(Job)}, with the job's segment manifest while it has one. */
    Map<String, Object> detail(Job job, Optional<SegmentStore.Summary> segments) {
        JobOutputs out = outputs(job);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("kind", job.kind().label());
        view.put("status", job.status().label());
        view.put("stage", job.stage() == null ? null : job.stage().label());
        view.put("progress", overallPercent(job));
        view.put("stage_progress", round(job.progress()));
        view.put("attempts", job.attempts());
        view.put("created_at", iso(job.createdAt()));
        view.put("started_at", iso(job.startedAt()));
        view.put("finished_at", iso(job.finishedAt()));
        view.put("timings_ms", inStageOrder(job.timingsMillis()));
        view.put("voice_url", out.voiceUrl());
        view.put("subtitles_url", out.subtitlesUrl());
        view.put("srt_url", out.srtUrl());
        view.put("vtt_url", out.vttUrl());
        view.put("video_url", out.videoUrl());
        view.put("thumbnail_url", out.thumbnailUrl());
        putTimings(view, out);
        view.put("duration_seconds", out.durationSeconds());
        view.put("signed_urls", out.signedUrls());
        view.put("error", job.errorCode() == null ? null
                : Map.of("code", job.errorCode().name(), "message", job.errorMessage() == null ? "" : job.errorMessage()));
        view.put("metadata", metadata(job));
        segments.ifPresent(summary -> view.put("segments", segments(summary)));
        putAlignment(view, out);
        return view;
    }

    private static Map<String, Object> segments(SegmentStore.Summary summary) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", summary.total());
        view.put("done", summary.done());
        view.put("list", summary.rows().stream().map(row -> {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("index", row.index());
            segment.put("start_frame", row.startFrame());
            segment.put("end_frame", row.endFrame());
            segment.put("status", row.status().label());
            segment.put("attempts", row.attempts());
            segment.put("node_id", row.nodeId());
            return segment;
        }).toList());
        return view;
    }

    /** {@code GET /jobs/{id}/webhooks}: what became of the job's events, newest first. */
    Map<String, Object> deliveries(Job job, List<WebhookDelivery> deliveries) {
        List<Map<String, Object>> list = deliveries.stream().map(d -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("event_id", d.eventId());
            view.put("event", d.event());
            view.put("receiver", d.receiver());
            view.put("status", d.status());
            view.put("attempts", d.attempts());
            view.put("last_status_code", d.lastStatusCode());
            view.put("last_error", d.lastError());
            view.put("created_at", iso(d.createdAt()));
            view.put("next_attempt_at", iso(d.nextAttemptAt()));
            view.put("delivered_at", iso(d.deliveredAt()));
            return view;
        }).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("deliveries", list);
        return view;
    }

    /** Only jobs over a provided voiceover have these: other answers keep the reference's shape. */
    private static void putAlignment(Map<String, Object> view, JobOutputs out) {
        if (out.alignment() != null) {
            view.put("alignment", out.alignment());
        }
        if (!out.warnings().isEmpty()) {
            view.put("warnings", out.warnings());
        }
    }

    /** As stored by the job's context (see {@code JobProgress}): the same number webhooks send. */
    static double overallPercent(Job job) {
        return job.status() == JobStatus.COMPLETED ? 100.0 : round(job.overallProgress());
    }

    private JobOutputs outputs(Job job) {
        if (job.resultJson() == null) {
            return JobOutputs.NONE;
        }
        try {
            return json.readValue(job.resultJson(), JobOutputs.class);
        } catch (Exception e) {
            return JobOutputs.NONE;
        }
    }

    private Object metadata(Job job) {
        try {
            return job.metadataJson() == null ? Map.of() : json.readValue(job.metadataJson(), Object.class);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The stages in the order a job goes through them, so readers see the pipeline, not a hash order. */
    static Map<String, Long> inStageOrder(Map<String, Long> byLabel) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            Long millis = byLabel.get(stage.label());
            if (millis != null) {
                ordered.put(stage.label(), millis);
            }
        }
        ordered.putAll(byLabel); // keeps the order above; adds any label that is not a stage
        return ordered;
    }
}
