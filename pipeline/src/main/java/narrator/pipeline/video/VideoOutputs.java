package narrator.pipeline.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import narrator.pipeline.align.AlignmentReport;

/**
 * The files a video job made, all inside its work directory, and how its captions were timed on a
 * provided voiceover (empty when Narrator spoke the voice); {@code warnings} are for the job's owner (a
 * segmented render joined by encoding again).
 */
public record VideoOutputs(
        Path voiceWav,
        Path ass,
        Path srt,
        Path vtt,
        Path video,
        Optional<Path> thumbnail,
        double durationSeconds,
        double encodeFps,
        Optional<AlignmentReport> alignment,
        List<String> warnings) {
    public VideoOutputs {
        warnings = List.copyOf(warnings);
    }
}
