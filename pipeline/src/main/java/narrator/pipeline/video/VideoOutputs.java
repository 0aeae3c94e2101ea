package narrator.pipeline.video;

import java.nio.file.Path;
import java.util.Optional;

/** The files a video job made, all inside its work directory. */
public record VideoOutputs(
        Path voiceWav,
        Path ass,
        Path srt,
        Path vtt,
        Path video,
        Optional<Path> thumbnail,
        double durationSeconds,
        double encodeFps) {
}
