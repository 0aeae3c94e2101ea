package narrator.pipeline.video;

import java.util.Optional;
import narrator.pipeline.Narration;
import narrator.pipeline.align.AlignmentReport;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.subtitles.Timings;
import narrator.pipeline.subtitles.WordTimingSource;

/**
 * A video request after its first phase: inputs probed and the voice track written; {@code alignment}
 * says how the captions were timed when the caller provided the voice.
 */
public record PreparedVideo(VideoRequest request, BaseMedia base, Narration narration,
                            Optional<AlignmentReport> alignment) {

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
