package narrator.app.segments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Segment;
import narrator.pipeline.render.SegmentPlan;
import narrator.pipeline.render.SegmentSpan;

/**
 * Draws each segment of a span with a real FFmpeg: a test pattern of exactly the segment's frames at its size, read at real
 * speed ({@code -re}) when asked so that a draw lasts as long as its segment plays. Records when each draw started
 * and ended, and fails the draws it is told to, before FFmpeg starts.
 */
final class FfmpegDrawer implements SegmentDrawer {
    /** One draw: its segment, and whether it {@code start}ed or {@code end}ed (and how). */
    record Event(int index, String what, long nanos) {
    }

    private final FfmpegRunner ffmpeg = new FfmpegRunner();
    private final boolean realTime;
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> failures = new ConcurrentHashMap<>();

    FfmpegDrawer(boolean realTime) {
        this.realTime = realTime;
    }

    /** The next {@code times} draws of segment {@code index} fail with RENDER_FAILED. */
    void fail(int index, int times) {
        failures.put(index, times);
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** How many times each segment was drawn (a failed draw included). */
    Map<Integer, Long> draws() {
        Map<Integer, Long> draws = new java.util.TreeMap<>();
        events().stream().filter(e -> e.what().equals("start")).forEach(e -> draws.merge(e.index(), 1L, Long::sum));
        return draws;
    }

    /** The tests' plans: the manifest draws single segments, each with its own subtitles, so none is asked. */
    static final SegmentPlan.SubtitleWindows NO_WINDOWS = (start, end) -> {
        throw new AssertionError("no span of several segments is drawn here");
    };

    @Override
    public void draw(SegmentSpan span, Consumer<Segment> drawn, DoubleConsumer progress, CancelSignal cancel) {
        for (Segment segment : span.segments()) {
            draw(segment, cancel);
            drawn.accept(segment);
        }
        progress.accept(1);
    }

    private void draw(Segment segment, CancelSignal cancel) {
        events.add(new Event(segment.index(), "start", System.nanoTime()));
        String ended = "failed";
        try {
            if (failures.getOrDefault(segment.index(), 0) > 0) {
                failures.merge(segment.index(), -1, Integer::sum);
                throw new NarratorException(ErrorCode.RENDER_FAILED, "segment " + segment.index() + " failed on purpose");
            }
            List<String> argv = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
            if (realTime) {
                argv.add("-re");
            }
            argv.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=" + segment.spec().picture().size() + ":rate="
                    + segment.spec().picture().fps(), "-frames:v", Long.toString(segment.frames()), "-c:v", "libx264",
                    "-preset", "ultrafast", "-threads", Integer.toString(segment.spec().encoding().threads()),
                    segment.spec().output().toString()));
            ffmpeg.run(argv, Duration.ofSeconds(60), cancel);
            ended = "end";
        } catch (NarratorException e) {
            ended = e.code() == ErrorCode.CANCELLED ? "cancelled" : "failed";
            throw e;
        } finally {
            events.add(new Event(segment.index(), ended, System.nanoTime()));
        }
    }
}
