package narrator.pipeline.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;

/**
 * Renders a spec: the picture encode starts at once while, beside it, {@link LoudnessLeveler} measures the
 * audio mix and sets its gain (unless the spec asks for {@code loudnorm}) and the leveled mix is encoded;
 * then both are muxed by stream copy (see {@link TrackCommands} for why). When NVENC was chosen but cannot
 * be opened at render time (the driver went away, all sessions taken), the picture is encoded again with
 * libx264 rather than failed.
 */
public final class Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    private final FfmpegRunner runner;
    private final LoudnessLeveler leveler;
    private final Duration timeout;

    /** {@code timeout} bounds one FFmpeg run; past it the render fails with TIMEOUT. */
    public Renderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.leveler = new LoudnessLeveler(new LoudnessMeter(runner));
        this.timeout = Objects.requireNonNull(timeout);
    }

    /**
     * The result's wall time covers everything; its encode fps only the picture encode, whose progress is
     * {@link Stage#RENDERING}'s (the sound, done beside it, is short). A failure of either side stops the
     * other and leaves no file behind.
     */
    public RenderResult levelAndEncode(RenderSpec spec, ProgressListener listener, CancelSignal cancel) {
        long started = System.nanoTime();
        Path picture = Path.of(spec.output() + ".picture.mp4");
        Path sound = Path.of(spec.output() + ".sound.m4a");
        // Stops both encodes: on the caller's cancel, or when one of them fails.
        CancelSignal both = CancelSignal.none();
        AutoCloseable linked = cancel.onCancel(both::cancel);
        try {
            CompletableFuture<Void> soundDone = CompletableFuture.runAsync(
                    () -> runner.run(TrackCommands.sound(level(spec, both), sound), timeout, both), Renderer::daemon);
            soundDone.whenComplete((ok, failed) -> {
                if (failed != null) {
                    both.cancel();
                }
            });
            Picture encoded;
            try {
                encoded = picture(spec, picture, f -> listener.progress(Stage.RENDERING, f), both);
                soundDone.join();
            } catch (RuntimeException e) {
                both.cancel();
                throw firstCause(e, soundDone);
            }
            runner.run(TrackCommands.mux(picture, sound, spec.output()), timeout, cancel);
            double seconds = Math.max(encoded.run().wall().toNanos() / 1e9, 1e-3);
            return new RenderResult(spec.output(), Duration.ofNanos(System.nanoTime() - started),
                    FfmpegCommand.frames(spec) / seconds, encoded.run().peakRssBytes(), encoded.encoder());
        } catch (RuntimeException e) {
            deleteQuietly(spec.output()); // leave no stale output from an earlier attempt
            throw e;
        } finally {
            deregister(linked);
            deleteQuietly(picture);
            deleteQuietly(sound);
        }
    }

    /**
     * What made the render fail: the picture's failure, unless it was only stopped because the sound
     * failed first. Waits for the sound side to end.
     */
    private static RuntimeException firstCause(RuntimeException picture, CompletableFuture<Void> soundDone) {
        RuntimeException sound = soundDone.handle((ok, failed) -> failed == null ? null
                : failed instanceof CompletionException && failed.getCause() instanceof RuntimeException cause ? cause
                : new IllegalStateException(failed)).join();
        if (picture instanceof CompletionException) {
            return sound; // soundDone.join() threw: the picture was done
        }
        boolean pictureStopped = picture instanceof NarratorException n && n.code() == ErrorCode.CANCELLED;
        return pictureStopped && sound != null ? sound : picture;
    }

    private static void deregister(AutoCloseable hook) {
        try {
            hook.close();
        } catch (Exception e) {
            LOG.debug("could not remove a cancel hook", e);
        }
    }

    private record Picture(FfmpegRunner.Output run, Encoder encoder) {
    }

    private Picture picture(RenderSpec spec, Path picture, DoubleConsumer onProgress, CancelSignal cancel) {
        try {
            return new Picture(encodePicture(spec, picture, onProgress, cancel), spec.encoding().encoder());
        } catch (ProcessFailure e) {
            if (spec.encoding().encoder() != Encoder.NVENC || !EncoderDetector.isNvencUnavailable(e)) {
                throw e;
            }
            LOG.warn("h264_nvenc could not be opened; rendering {} with libx264 instead: {}",
                    spec.output().getFileName(), e.getMessage());
            RenderSpec x264 = spec.withEncoder(Encoder.LIBX264);
            return new Picture(encodePicture(x264, picture, onProgress, cancel), Encoder.LIBX264);
        }
    }

    private FfmpegRunner.Output encodePicture(RenderSpec spec, Path picture, DoubleConsumer onProgress,
                                              CancelSignal cancel) {
        return runner.runReportingProgress(TrackCommands.picture(spec, picture), picture, spec.totalSeconds(),
                onProgress, cancel, timeout);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "render-sound");
        thread.setDaemon(true);
        thread.start();
    }

    private RenderSpec level(RenderSpec spec, CancelSignal cancel) {
        return spec.audio().leveling() instanceof Leveling.Loudnorm ? spec
                : leveler.level(spec, fraction -> { }, cancel);
    }

    private static void deleteQuietly(Path output) {
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            LOG.warn("could not delete stale output {}", output, e);
        }
    }
}
