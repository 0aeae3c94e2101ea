package narrator.app.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.NewJob;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Fit;
import narrator.pipeline.subtitles.CaptionStyle;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;

/**
 * How the queue keeps a {@link JobSpec}: the request as JSON in {@code request_json}, the metadata once,
 * in {@code metadata_json}. The field names are those the queue has always stored, so jobs queued by an
 * earlier version still run: where such a row names no voice, size, fit or music volume (they were
 * filled in at run time then), the current defaults apply.
 */
public final class JobSpecCodec {
    /** The stored shape. Nullable fields are only ever null in rows written before the spec existed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(String script, String baseVideoUrl, String bgmUrl, String voiceoverUrl, String voice,
                  String speaker, double speed, String size, boolean karaoke, String fit, boolean zoom,
                  Double musicVolume, Map<String, Object> subtitleStyle, String webhookUrl, Boolean markup,
                  Map<String, StoredSpeaker> speakers, Map<String, String> lexicon, String captionStyle,
                  Integer maxWords, List<Map<String, Object>> scenes) {
    }

    /** A speaker as stored; written only for requests that name speakers. */
    record StoredSpeaker(String voice, String speaker, double speed, String color) {
    }

    private final StoredJson json = new StoredJson();
    private final JobSpecs.Defaults legacyDefaults;
    private final Supplier<String> legacyVoice;

    public JobSpecCodec(JobSpecs.Defaults legacyDefaults, Supplier<String> legacyVoice) {
        this.legacyDefaults = legacyDefaults;
        this.legacyVoice = legacyVoice;
    }

    public NewJob newJob(JobSpec spec, String idempotencyKey) {
        Stored stored = new Stored(spec.script(), text(spec.base()), text(spec.music()), text(spec.voiceover()),
                spec.voiceId(), spec.speech().speaker(), spec.speech().speed(), spec.size().toString(),
                spec.captions().style() == CaptionStyle.KARAOKE,
                spec.fit().name().toLowerCase(Locale.ROOT), spec.zoom(), spec.musicVolume(), spec.style().toMap(),
                spec.webhookUrl(), spec.reading().markup() ? null : false, speakers(spec.reading()),
                spec.reading().lexicon().isEmpty() ? null : spec.reading().lexicon(),
                spec.captions().style().apiName(), spec.captions().maxWords(),
                spec.scenes().isEmpty() ? null : SceneRules.toJson(spec.scenes()));
        return new NewJob(spec.kind(), json.write(stored),
                spec.metadata().isEmpty() ? null : json.write(spec.metadata()),
                spec.webhookUrl(), idempotencyKey);
    }

    public JobSpec spec(Job job) {
        Stored s = json.read(job.requestJson(), Stored.class);
        JobKind kind = job.kind();
        return new JobSpec(kind, s.script(), s.voice() != null ? s.voice() : legacyVoice.get(),
                new SpeechOptions(s.speed(), s.speaker()),
                s.size() != null ? VideoSize.parse(s.size()) : legacyDefaults.size(),
                s.fit() != null ? Fit.valueOf(s.fit().toUpperCase(Locale.ROOT)) : legacyDefaults.fit(),
                s.zoom(), s.musicVolume() != null ? s.musicVolume() : legacyDefaults.musicVolume(),
                Captions.of(s.captionStyle(), s.maxWords(), s.karaoke()),
                SubtitleStyle.fromMap(s.subtitleStyle()), ref(s.baseVideoUrl()), ref(s.bgmUrl()),
                ref(s.voiceoverUrl()), s.webhookUrl(),
                json.metadata(job.metadataJson()),
                reading(s), SceneRules.parse(s.scenes()));
    }

    private static Map<String, StoredSpeaker> speakers(ScriptOptions reading) {
        if (reading.speakers().isEmpty()) {
            return null;
        }
        Map<String, StoredSpeaker> stored = new LinkedHashMap<>();
        reading.speakers().forEach((name, spec) -> stored.put(name, new StoredSpeaker(spec.voiceId(),
                spec.speech().speaker(), spec.speech().speed(), spec.colour())));
        return stored;
    }

    /** Rows written before markup existed have none of its fields: markup on, no speakers, no lexicon. */
    private static ScriptOptions reading(Stored s) {
        Map<String, ScriptOptions.SpeakerSpec> speakers = new LinkedHashMap<>();
        if (s.speakers() != null) {
            s.speakers().forEach((name, stored) -> speakers.put(name, new ScriptOptions.SpeakerSpec(stored.voice(),
                    new SpeechOptions(stored.speed(), stored.speaker()), stored.color())));
        }
        return new ScriptOptions(s.markup() == null || s.markup(), speakers,
                s.lexicon() == null ? Map.of() : s.lexicon());
    }

    private static String text(InputRef ref) {
        return ref == null ? null : ref.text();
    }

    private static InputRef ref(String text) {
        return text == null ? null : InputRef.of(text);
    }
}
