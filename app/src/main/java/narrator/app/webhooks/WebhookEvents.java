package narrator.app.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import narrator.core.ErrorCode;
import narrator.pipeline.Stage;

/**
 * Builds the payload of every event. The two events of the service Narrator replaces,
 * {@code voiceover_uploaded} and {@code video_completed}, keep its fields, names and order exactly;
 * everything Narrator adds ({@code event_id}, {@code metadata}, {@code signed_urls}) comes after them,
 * so callers that read only the old fields keep working.
 */
public final class WebhookEvents {
    static final String VOICEOVER_UPLOADED = "voiceover_uploaded";
    static final String VIDEO_COMPLETED = "video_completed";
    static final String JOB_STARTED = "job_started";
    static final String JOB_PROGRESS = "job_progress";
    static final String JOB_FAILED = "job_failed";
    static final String JOB_CANCELLED = "job_cancelled";
    /** Every event Narrator sends, in the order a job may send them. */
    static final List<String> NAMES = List.of(JOB_STARTED, JOB_PROGRESS, VOICEOVER_UPLOADED, VIDEO_COMPLETED, JOB_FAILED,
            JOB_CANCELLED);

    private final Clock clock;

    public WebhookEvents(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param metadata   the job's caller metadata, echoed back; null becomes {}
     * @param timingsUrl where the voice's {@code timings.json} is stored
     * @param signedUrls presigned HTTPS URLs by kind (here: {@code voice, timings}); null becomes {}
     */
    public WebhookEvent voiceoverUploaded(String jobId, String voiceUrl, String timingsUrl, Map<String, ?> metadata,
            Map<String, String> signedUrls) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("voice_url", voiceUrl);
        return build(VOICEOVER_UPLOADED, jobId, fields, metadata, extras(timingsUrl, signedUrls));
    }

    /**
     * @param signedUrls presigned HTTPS URLs by kind: {@code voice, timings, subtitles, srt, vtt, video, thumbnail}
     */
    public WebhookEvent videoCompleted(String jobId, VideoUrls urls, Map<String, ?> metadata,
            Map<String, String> signedUrls) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("voice_url", urls.voiceUrl());
        fields.put("subtitles_url", urls.subtitlesUrl());
        fields.put("video_url", urls.videoUrl());
        fields.put("thumbnail_url", urls.thumbnailUrl());
        return build(VIDEO_COMPLETED, jobId, fields, metadata, extras(urls.timingsUrl(), signedUrls));
    }

    public WebhookEvent jobStarted(String jobId, Map<String, ?> metadata) {
        return build(JOB_STARTED, jobId, Map.of(), metadata, Map.of());
    }

    /** @param percent the whole job's progress, 0 to 100 */
    public WebhookEvent jobProgress(String jobId, Stage stage, int percent, Map<String, ?> metadata) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("progress must be 0..100, got " + percent);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stage", stage.label());
        fields.put("progress", percent);
        return build(JOB_PROGRESS, jobId, fields, metadata, Map.of(), String.valueOf(percent));
    }

    /** @param message fit to show the caller (a {@code NarratorException} message): no stack trace, no secret */
    public WebhookEvent jobFailed(String jobId, ErrorCode code, String message, Map<String, ?> metadata) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        return build(JOB_FAILED, jobId, Map.of("error", copy(error)), metadata, Map.of());
    }

    public WebhookEvent jobCancelled(String jobId, Map<String, ?> metadata) {
        return build(JOB_CANCELLED, jobId, Map.of(), metadata, Map.of());
    }

    /**
     * A name-based UUID of what the event announces, not of when or by which attempt: the repeat of an event by a
     * job's re-run after a crash carries the same id, so the outbox and receivers drop it.
     */
    static String eventId(String jobId, String name, String distinct) {
        return UUID.nameUUIDFromBytes(("narrator-event\n" + jobId + "\n" + name + "\n" + distinct)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Narrator's additions after the reference fields: the timings' location and the presigned links. */
    private static Map<String, Object> extras(String timingsUrl, Map<String, String> urls) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("timings_url", timingsUrl);
        extras.put("signed_urls", copy(urls));
        return extras;
    }

    /** Reference fields first, then Narrator's additions, so the old shape reads unchanged. */
    private WebhookEvent build(String name, String jobId, Map<String, Object> fields, Map<String, ?> metadata,
            Map<String, Object> extras) {
        return build(name, jobId, fields, metadata, extras, "");
    }

    /**
     * @param distinct what tells apart two events of one name for one job (the progress value); empty when a job
     *                 announces that event once
     */
    private WebhookEvent build(String name, String jobId, Map<String, Object> fields, Map<String, ?> metadata,
            Map<String, Object> extras, String distinct) {
        String id = eventId(jobId, name, distinct);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", name);
        payload.put("job_id", jobId);
        payload.putAll(fields);
        // The reference writes whole seconds in UTC: 2025-01-12T20:30:45Z.
        payload.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        payload.put("event_id", id);
        payload.put("metadata", copy(metadata));
        payload.putAll(extras);
        return new WebhookEvent(id, name, payload);
    }

    /** An ordered, unmodifiable copy; null becomes {}. Nested maps too, so an event cannot change after it is built. */
    private static Map<String, Object> copy(Map<String, ?> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
