package narrator.bench.render;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import narrator.pipeline.CancelSignal;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.BaseLoop;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.Fit;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.RenderSpec;
import narrator.pipeline.render.TrackCommands;

/**
 * The job's picture alone in one {@code ffmpeg}, built by the renderer's own picture command: the base fitted, the
 * job's own subtitles burned, the same x264 settings and threads, the job's frame count, no audio. What a render
 * path cannot go below, so the job's time over this one is the path's cost around FFmpeg's own work.
 */
public final class BareEncode {
    private BareEncode() {
    }

    /**
     * @param voice     the job's voice: opened, never decoded (the picture's inputs keep their numbers)
     * @param subtitles the job's stored ASS document
     * @param seconds   the job's video length
     */
    public static RenderSpec spec(Path voice, BaseMedia base, Path subtitles, VideoSize size, double seconds, String preset,
                           int crf, int threads, Path output) {
        // The video's length as the voice's, no tail: only the length matters to a picture.
        return RenderSpec.builder(voice, seconds, output)
                .tailSeconds(0)
                .base(base)
                .fit(Fit.CROP)
                .subtitles(subtitles)
                .size(size)
                .x264(preset, crf)
                .threads(threads)
                .build();
    }

    static List<String> argv(RenderSpec spec) {
        return TrackCommands.picture(spec, spec.output());
    }

    /**
     * Runs the encode of {@code spec}; its wall time. The loop list a looping base is read through is written
     * first, as the job's renderer writes it (not timed: a file write).
     */
    public static Duration run(FfmpegRunner ffmpeg, RenderSpec spec, Duration deadline) {
        try (BaseLoop loop = BaseLoop.write(new MediaProbe(ffmpeg), spec, CancelSignal.none())) {
            long started = System.nanoTime();
            ffmpeg.run(argv(spec), deadline);
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }
}
