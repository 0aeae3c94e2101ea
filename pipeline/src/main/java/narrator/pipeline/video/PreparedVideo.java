package narrator.pipeline.video;

import java.util.List;
import java.util.Optional;
import narrator.pipeline.Narration;
import narrator.pipeline.align.AlignmentReport;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.scenes.PlacedScene;
import narrator.pipeline.subtitles.Timings;
import narrator.pipeline.subtitles.WordTimingSource;

/**
 * A video request after its first phase: inputs probed, the voice track written, scenes placed on it (if
 * any); {@code alignment} says how the captions were timed when the caller provided the voice.
 */
public record PreparedVideo(VideoRequest request, BaseMedia base, Narration narration, List<PlacedScene> scenes,
                            Optional<AlignmentReport> alignment) {
    public PreparedVideo {
        scenes = List.copyOf(scenes);
    }

    /**
     * How the words were timed: over a provided voiceover by the aligner when its alignment was trusted,
     * else estimated (stretched); a synthesized voice's by what its voices reported.
     */
    public WordTimingSource wordTiming() {
        return alignment.map(a -> a.method().equals(AlignmentReport.DTW) ? WordTimingSource.ALIGNMENT
                : WordTimingSource.ESTIMATE).orElseGet(() -> WordTimingSource.of(narration));
    }

    /** {@code timings.json} of the voice, with the words timed as the captions time them. */
    public Timings timings() {
        return Timings.of(narration, wordTiming());
    }
}
