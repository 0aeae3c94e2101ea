package narrator.pipeline.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import narrator.pipeline.VideoSize;
import narrator.pipeline.narration.Cast;
import narrator.pipeline.scenes.Scene;
import narrator.pipeline.script.ScriptMarkup;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;

/**
 * One narrated video to make, with its inputs already on local disk. {@code baseMedia},
 * {@code music} and {@code providedVoice} may be null: no base gives a generated background, no
 * music gives voice only, and a provided voice replaces the synthesized one in the mix (the script
 * is still synthesized to time the subtitles). {@code markup} says how to read the script, and
 * {@code speakerVoices} who says the lines of each speaker it names. {@code scenes}, when not empty,
 * replace the base media: the picture changes with the script.
 */
public record VideoRequest(
        String script,
        Voice voice,
        SpeechOptions speech,
        VideoSize size,
        Captions captions,
        SubtitleStyle style,
        Path baseMedia,
        Path music,
        Path providedVoice,
        RenderOptions options,
        ScriptMarkup markup,
        Map<String, Cast.Voicing> speakerVoices,
        List<Scene> scenes) {
    public VideoRequest {
        speakerVoices = Map.copyOf(speakerVoices);
        scenes = List.copyOf(scenes);
    }

    /** The voices of the script: the request's own and its speakers'. */
    public Cast cast() {
        return new Cast(new Cast.Voicing(voice, speech), speakerVoices);
    }
}
