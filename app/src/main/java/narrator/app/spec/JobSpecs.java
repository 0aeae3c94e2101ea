package narrator.app.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import narrator.app.jobs.JobKind;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Fit;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.script.Lexicon;
import narrator.tts.FrontEnd;
import narrator.tts.SpeechOptions;
import narrator.tts.VoiceInfo;

/**
 * Turns what a caller asked for ({@link Fields}, from the HTTP parser or the command line) into a
 * {@link JobSpec}: every range checked by {@link RequestRules}, defaults filled in, the voice resolved.
 * The one path both front doors take, so they accept and refuse exactly the same requests.
 */
public final class JobSpecs {
    /** What a request that leaves something out gets. */
    public record Defaults(int maxScriptChars, VideoSize size, Fit fit, double musicVolume) {
    }

    /**
     * A request as given, every option nullable (absent). Inputs are the caller's text: URLs from the
     * API, URLs or file paths from the command line. {@code speakers} maps a speaker name to its JSON
     * object ({@code voice}, {@code speaker}, {@code speed}, {@code color}); {@code lexicon} a written
     * form to its spoken one; {@code markup} false reads the script as plain text. {@code scenes} is the
     * JSON array as parsed, read by {@link SceneRules}.
     */
    public record Fields(String script, String base, String music, String voiceover, String voice, String speaker,
                         Double speed, String size, boolean karaoke, String fit, boolean zoom, Double musicVolume,
                         Map<String, ?> subtitleStyle, String webhookUrl, Map<String, Object> metadata,
                         Map<String, ?> speakers, Map<String, ?> lexicon, Boolean markup,
                         String captionStyle, Integer maxWords, List<?> scenes) {
    }

    /** What is known about the voices without loading them: a description, and the front end that checks IPA. */
    public record Voices(Function<String, Optional<VoiceInfo>> describe, Function<String, FrontEnd> frontEnd,
                         Supplier<String> defaultVoice, Supplier<Lexicon> serviceLexicon) {
    }

    private final Defaults defaults;
    private final Voices voices;

    public JobSpecs(Defaults defaults, Voices voices) {
        this.defaults = defaults;
        this.voices = voices;
    }

    public Defaults defaults() {
        return defaults;
    }

    public JobSpec resolve(JobKind kind, Fields in) {
        String script = in.script();
        if (script == null || script.isBlank()) {
            throw RequestRules.invalid("script", "script is required and must not be empty");
        }
        // Characters are code points: an emoji outside the BMP is one character, not two UTF-16 units.
        int characters = script.codePointCount(0, script.length());
        if (characters > defaults.maxScriptChars()) {
            throw new NarratorException(ErrorCode.SCRIPT_TOO_LONG, "script has " + characters
                    + " characters; the limit is " + defaults.maxScriptChars(), Map.of("field", "script",
                    "limit", defaults.maxScriptChars()), null);
        }
        if (kind == JobKind.RENDER_VIDEO && in.voiceover() == null) {
            throw RequestRules.invalid("voiceover_url", "voiceover_url is required");
        }
        boolean video = kind != JobKind.VOICEOVER;
        VideoSize size = in.size() == null ? defaults.size() : RequestRules.size(in.size());
        Fit fit = in.fit() == null ? defaults.fit() : RequestRules.fit(in.fit());
        Double musicVolume = RequestRules.musicVolume(in.musicVolume());
        double speed = RequestRules.speed(in.speed());
        SubtitleStyle style = SubtitleStyle.fromMap(in.subtitleStyle());
        Captions captions = video ? Captions.of(in.captionStyle(), in.maxWords(), in.karaoke()) : Captions.SENTENCE;
        if (video) {
            RequestRules.checkRenderable(size, style);
        }
        List<SceneRef> scenes = video ? SceneRules.parse(in.scenes()) : List.of();
        if (!scenes.isEmpty() && in.base() != null) {
            throw RequestRules.invalid("scenes", "scenes replace base_video_url: give one or the other");
        }
        VoiceInfo voice = voice(in.voice() != null ? in.voice() : voices.defaultVoice().get(), "voice");
        checkSpeaker(voice, in.speaker(), "speaker");
        ScriptOptions reading = ScriptReading.resolve(script, in, speed, voice.id(), this::voice, voices);
        return new JobSpec(kind, script, voice.id(), new SpeechOptions(speed, in.speaker()), size, fit,
                video && in.zoom(), musicVolume == null ? defaults.musicVolume() : musicVolume, captions,
                style, video ? input(in.base()) : null, video ? input(in.music()) : null,
                kind == JobKind.RENDER_VIDEO ? input(in.voiceover()) : null, in.webhookUrl(), in.metadata(), reading,
                scenes);
    }

    /** The installed voice {@code id}, else UNKNOWN_VOICE naming {@code field}. */
    VoiceInfo voice(String id, String field) {
        return voices.describe().apply(id).orElseThrow(() -> new NarratorException(ErrorCode.UNKNOWN_VOICE,
                "voice '" + id + "' is not installed; GET /voices lists the installed ones",
                Map.of("field", field), null));
    }

    /** A multi-speaker voice takes a listed speaker name or number; single-speaker voices ignore it. */
    static void checkSpeaker(VoiceInfo voice, String speaker, String field) {
        List<String> speakers = voice.speakers();
        if (speaker == null || speakers.isEmpty() || speakers.contains(speaker)) {
            return;
        }
        if (speaker.matches("\\d{1,6}") && Integer.parseInt(speaker) < speakers.size()) {
            return;
        }
        throw new NarratorException(ErrorCode.INVALID_REQUEST, "voice " + voice.id() + " has no speaker '" + speaker
                + "'; use a name from GET /voices or a number from 0 to " + (speakers.size() - 1),
                Map.of("field", field), null);
    }

    private static InputRef input(String text) {
        return text == null ? null : InputRef.of(text);
    }
}
