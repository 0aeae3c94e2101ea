package narrator.pipeline.video;

import narrator.pipeline.VideoSize;
import java.nio.file.Path;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;

/**
 * One narrated video to make, with its inputs already on local disk. {@code baseMedia},
 * {@code music} and {@code providedVoice} may be null: no base gives a generated background, no
 * music gives voice only, and a provided voice replaces the synthesized one in the mix (the script
 * is still synthesized to time the subtitles).
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
        RenderOptions options) {
}
