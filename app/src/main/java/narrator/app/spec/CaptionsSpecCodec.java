package narrator.app.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.NewJob;
import narrator.app.webhooks.CallbackStyle;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.subtitles.Caption;
import narrator.pipeline.subtitles.SubtitleStyle;

/**
 * How the queue keeps a {@link CaptionsSpec}: as JSON in {@code request_json}, each cue with its whole style,
 * the metadata once in {@code metadata_json}, the callback URL as the job's webhook URL.
 */
public final class CaptionsSpecCodec {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(String videoUrl, List<StoredCue> cues, String size, int fps, String quality, String format,
                  String callbackStyle) {
    }

    record StoredCue(String text, long startMillis, long endMillis, Map<String, Object> style) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();

    public NewJob newJob(CaptionsSpec spec, String idempotencyKey) {
        Stored stored = new Stored(spec.video().text(), spec.cues().stream()
                .map(c -> new StoredCue(c.text(), c.startMillis(), c.endMillis(), c.style().toMap())).toList(),
                spec.size() == null ? null : spec.size().toString(), spec.fps(),
                spec.quality() == null ? null : spec.quality().name().toLowerCase(Locale.ROOT), spec.format(),
                spec.callbackStyle().name().toLowerCase(Locale.ROOT));
        return new NewJob(JobKind.CAPTIONS, write(stored), spec.metadata().isEmpty() ? null : write(spec.metadata()),
                spec.callbackUrl(), idempotencyKey, spec.jobId());
    }

    public CaptionsSpec spec(Job job) {
        Stored s = read(job.requestJson(), Stored.class);
        List<Caption> cues = s.cues().stream().map(c -> new Caption(c.text(), c.startMillis(), c.endMillis(),
                SubtitleStyle.fromMap(c.style()))).toList();
        return new CaptionsSpec(InputRef.of(s.videoUrl()), cues, s.size() == null ? null : VideoSize.parse(s.size()),
                s.fps(), s.quality() == null ? null : CaptionsSpec.Quality.valueOf(s.quality().toUpperCase(Locale.ROOT)),
                s.format(), job.webhookUrl(), CallbackStyle.valueOf(s.callbackStyle().toUpperCase(Locale.ROOT)),
                job.id(), job.metadataJson() == null || job.metadataJson().isBlank() ? Map.of()
                        : read(job.metadataJson(), MAP));
    }

    /** Only the callback style: what the notifier needs for every event, without rebuilding the cues. */
    public CallbackStyle callbackStyle(Job job) {
        return CallbackStyle.valueOf(read(job.requestJson(), Stored.class).callbackStyle().toUpperCase(Locale.ROOT));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "cannot encode the job request", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "the stored job request is unreadable", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new NarratorException(ErrorCode.INTERNAL, "the stored job metadata is unreadable", e);
        }
    }
}
