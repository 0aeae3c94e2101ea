package narrator.app.segments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleConsumer;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Segment;

/**
 * Draws a segment with a real FFmpeg: a test pattern of exactly the segment's frames at its size, read at real
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

    @Override
    public Path draw(Segment segment, DoubleConsumer progress, CancelSignal cancel) {
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
            progress.accept(1);
            ended = "end";
            return segment.spec().output();
        } catch (NarratorException e) {
            ended = e.code() == ErrorCode.CANCELLED ? "cancelled" : "failed";
            throw e;
        } finally {
            events.add(new Event(segment.index(), ended, System.nanoTime()));
        }
    }
}
