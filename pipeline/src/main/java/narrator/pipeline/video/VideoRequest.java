package narrator.pipeline.video;

import narrator.pipeline.VideoSize;
import java.nio.file.Path;
import java.util.List;
import narrator.pipeline.scenes.Scene;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;

/**
 * One narrated video to make, with its inputs already on local disk. {@code baseMedia},
 * {@code music} and {@code providedVoice} may be null: no base gives a generated background, no
 * music gives voice only, and a provided voice replaces the synthesized one in the mix (the script
 * is still synthesized to time the subtitles). {@code scenes}, when not empty, replace the base media:
 * the picture changes with the script.
 */
public record VideoRequest(
        String script,
        Voice voice,
        SpeechOptions speech,
        VideoSize size,
        boolean karaoke,
        SubtitleStyle style,
        Path baseMedia,
        Path music,
        Path providedVoice,
        RenderOptions options,
        List<Scene> scenes) {
    public VideoRequest {
        scenes = List.copyOf(scenes);
    }
}
