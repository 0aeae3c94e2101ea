package narrator.app.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.NewJob;
import narrator.app.webhooks.CallbackStyle;
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

    private final StoredJson json = new StoredJson();

    public NewJob newJob(CaptionsSpec spec, String idempotencyKey) {
        Stored stored = new Stored(spec.video().text(), spec.cues().stream()
                .map(c -> new StoredCue(c.text(), c.startMillis(), c.endMillis(), c.style().toMap())).toList(),
                spec.size() == null ? null : spec.size().toString(), spec.fps(),
                spec.quality() == null ? null : spec.quality().name().toLowerCase(Locale.ROOT), spec.format(),
                spec.callbackStyle().name().toLowerCase(Locale.ROOT));
        return new NewJob(JobKind.CAPTIONS, json.write(stored),
                spec.metadata().isEmpty() ? null : json.write(spec.metadata()),
                spec.callbackUrl(), idempotencyKey, spec.jobId());
    }

    public CaptionsSpec spec(Job job) {
        Stored s = json.read(job.requestJson(), Stored.class);
        List<Caption> cues = s.cues().stream().map(c -> new Caption(c.text(), c.startMillis(), c.endMillis(),
                SubtitleStyle.fromMap(c.style()))).toList();
        return new CaptionsSpec(InputRef.of(s.videoUrl()), cues, s.size() == null ? null : VideoSize.parse(s.size()),
                s.fps(), s.quality() == null ? null : CaptionsSpec.Quality.valueOf(s.quality().toUpperCase(Locale.ROOT)),
                s.format(), job.webhookUrl(), CallbackStyle.valueOf(s.callbackStyle().toUpperCase(Locale.ROOT)),
                job.id(), json.metadata(job.metadataJson()));
    }

    /** Only the callback style: what the notifier needs for every event, without rebuilding the cues. */
    public CallbackStyle callbackStyle(Job job) {
        return CallbackStyle.valueOf(json.read(job.requestJson(), Stored.class).callbackStyle().toUpperCase(Locale.ROOT));
    }
}
