package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.List;
import narrator.pipeline.VideoSize;

/**
 * Lays captions out for a frame the way narration subtitles are: each caption's text wrapped into one or
 * two lines of its style's width; a text too long for two lines becomes consecutive cues that tile the
 * caption's span, each given time in proportion to its width in columns. Times are milliseconds
 * ({@link Cue}s at a rate of 1000).
 */
public final class CaptionLayout {
    private static final int MILLIS = 1000;

    private CaptionLayout() {
    }

    public static List<AssWriter.StyledCue> layout(List<Caption> captions, VideoSize size) {
        List<AssWriter.StyledCue> cues = new ArrayList<>();
        for (Caption caption : captions) {
            SubtitleStyle style = caption.style().resolve(size);
            for (Cue cue : cues(caption, style.maxCharsPerLine())) {
                cues.add(new AssWriter.StyledCue(cue, style));
            }
        }
        return List.copyOf(cues);
    }

    private static List<Cue> cues(Caption caption, int maxChars) {
        List<Unit> units = Units.of(caption.text(), maxChars);
        if (units.isEmpty()) {
            return List.of();
        }
        int[] cuts = SentenceChunker.split(units, maxChars);
        List<List<Unit>> chunks = new ArrayList<>(cuts.length - 1);
        long total = 0;
        for (int c = 0; c + 1 < cuts.length; c++) {
            chunks.add(units.subList(cuts[c], cuts[c + 1]));
            total += Units.width(chunks.get(c));
        }
        long span = caption.endMillis() - caption.startMillis();
        List<Cue> cues = new ArrayList<>(chunks.size());
        long before = 0;
        long start = caption.startMillis();
        for (List<Unit> chunk : chunks) {
            before += Units.width(chunk);
            // Each boundary from the cumulative width, so the last ends exactly where the caption does.
            long end = caption.startMillis() + span * before / total;
            cues.add(new Cue(start, end, MILLIS, LineWrapper.lines(chunk, maxChars).orElseThrow(), List.of()));
            start = end;
        }
        return cues;
    }
}
