package narrator.app.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import narrator.app.jobs.JobKind;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Fit;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;

/**
 * One job, fully parsed and checked, the same whether it came from {@code POST /render} or
 * {@code narrator render}: defaults filled in, the voice resolved to an installed one, the frame
 * checked for room for the subtitles. Immutable; the queue keeps it through {@link JobSpecCodec}.
 * Absent inputs are null; a voiceover job has no picture inputs.
 *
 * @param musicVolume gain of the background music under the voice (0 to 1)
 * @param metadata    the caller's object, echoed back in webhooks; empty when none
 * @param reading     how the script is read: markup, speakers, lexicon
 * @param scenes      the picture scene by scene instead of {@code base}; empty when none
 */
public record JobSpec(
        JobKind kind,
        String script,
        String voiceId,
        SpeechOptions speech,
        VideoSize size,
        Fit fit,
        boolean zoom,
        double musicVolume,
        Captions captions,
        SubtitleStyle style,
        InputRef base,
        InputRef music,
        InputRef voiceover,
        String webhookUrl,
        Map<String, Object> metadata,
        ScriptOptions reading,
        List<SceneRef> scenes) {

    public JobSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(voiceId, "voiceId");
        Objects.requireNonNull(speech, "speech");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(captions, "captions");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(reading, "reading");
        scenes = scenes == null ? List.of() : List.copyOf(scenes);
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
