package narrator.pipeline.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;

/**
 * Grabs a JPEG still from a finished video. A thumbnail is a nicety: failures are logged and give
 * {@link Optional#empty()}, never an exception that would fail a good render.
 */
public final class Thumbnailer {
    private static final Logger LOG = LoggerFactory.getLogger(Thumbnailer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final FfmpegRunner runner;

    public Thumbnailer(FfmpegRunner runner) {
        this.runner = runner;
    }

    public Optional<Path> thumbnail(Path video, double durationSeconds, Path jpeg) {
        return thumbnail(video, durationSeconds, jpeg, CancelSignal.none());
    }

    /** As {@link #thumbnail(Path, double, Path)}; a cancel stops FFmpeg at once and is thrown, not logged. */
    public Optional<Path> thumbnail(Path video, double durationSeconds, Path jpeg, CancelSignal cancel) {
        try {
            runner.run(argv(video, at(durationSeconds), jpeg), TIMEOUT, cancel);
            if (Files.size(jpeg) > 0) {
                return Optional.of(jpeg);
            }
            LOG.warn("thumbnail of {} came out empty", video.getFileName());
        } catch (NarratorException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            LOG.warn("no thumbnail for {}: {}", video.getFileName(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("no thumbnail for {}: {}", video.getFileName(), e.getMessage());
        }
        deleteQuietly(jpeg);
        return Optional.empty();
    }

    /** 10% in (past any fade-in), at least 1 s, but never past the middle of a very short video. */
    static double at(double durationSeconds) {
        return Math.min(Math.max(0.1 * durationSeconds, 1.0), durationSeconds / 2);
    }

    static List<String> argv(Path video, double atSeconds, Path jpeg) {
        // Seeking before -i jumps to the nearest keyframe and decodes from there: fast on long videos.
        return List.of(FfmpegCommand.FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-ss", FfmpegCommand.num(atSeconds), "-i", video.toString(),
                "-frames:v", "1", "-vf", "scale='min(720,iw)':-2", "-q:v", "3", jpeg.toString());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}", file, e);
        }
    }
}
