package narrator.pipeline.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;

/**
 * Renders a spec as two sides that run at once: the picture (one encode, or segments drawn by a
 * {@link SegmentExecutor}) and the sound ({@link LoudnessLeveler} measures the mix and sets its gain, unless the
 * spec asks for {@code loudnorm}, then the leveled mix is encoded once for the whole video); then both are put
 * together by stream copy (see {@link TrackCommands} for why). When NVENC was chosen but cannot be opened at
 * render time (the driver went away, all sessions taken), the picture is encoded again with libx264 rather than
 * failed. A failure of either side stops the other; no intermediate file is left behind.
 */
public final class Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    /** In a segmented render, the share of {@link Stage#RENDERING} progress given to the join; the segments get the rest. */
    static final double JOIN_SHARE = 0.05;
    static final String REENCODED_JOIN = "The video's segments could not be joined as they were, so they were"
            + " joined by encoding them again (slower, one more generation of compression)";

    private final FfmpegRunner runner;
    private final LoudnessLeveler leveler;
    private final MediaProbe probe;
    private final Duration timeout;

    /** {@code timeout} bounds one FFmpeg run; past it the render fails with TIMEOUT. */
    public Renderer(FfmpegRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.leveler = new LoudnessLeveler(new LoudnessMeter(runner));
        this.probe = new MediaProbe(runner);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** How long one FFmpeg run may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The render in one picture encode. The result's wall time covers everything; its encode fps only the
     * picture encode, whose progress is {@link Stage#RENDERING}'s (the sound, done beside it, is short).
     */
    public RenderResult levelAndEncode(RenderSpec spec, ProgressListener listener, CancelSignal cancel) {
        long started = System.nanoTime();
        Path picture = beside(spec.output(), ".picture.mp4");
        Path sound = beside(spec.output(), ".sound.m4a");
        try {
            Picture encoded = besideTheSound(spec, sound, cancel,
                    both -> picture(spec, picture, f -> listener.progress(Stage.RENDERING, f), both));
            runner.run(TrackCommands.mux(picture, sound, spec.output()), timeout, cancel);
            double seconds = Math.max(encoded.run().wall().toNanos() / 1e9, 1e-3);
            return new RenderResult(spec.output(), Duration.ofNanos(System.nanoTime() - started),
                    FfmpegCommand.frames(spec) / seconds, encoded.run().peakRssBytes(), encoded.encoder(), List.of());
        } catch (RuntimeException e) {
            deleteQuietly(spec.output()); // leave no stale output from an earlier attempt
            throw e;
        } finally {
            deleteQuietly(picture);
            deleteQuietly(sound);
        }
    }

    /**
     * The segmented render of {@code spec}: the {@code plan}'s segments drawn by {@code executor} while the sound is made
     * once for the whole video (so no join can click), then joined by stream copy and muxed with the sound.
     * Segments that differ in their encoding (or a copy join that fails) are joined by encoding them again,
     * which the result's warnings say. {@link Stage#RENDERING} progress covers the segments and the join.
     */
    public RenderResult levelAndEncodeSegments(RenderSpec spec, SegmentPlan plan, SegmentExecutor executor,
                                               ProgressListener listener, CancelSignal cancel) {
        long started = System.nanoTime();
        Path sound = beside(spec.output(), ".sound.m4a");
        try {
            List<Path> files = besideTheSound(spec, sound, cancel, both -> executor.renderAll(plan,
                    f -> listener.progress(Stage.RENDERING, f * (1 - JOIN_SHARE)), both));
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
            try {
                List<String> warnings = join(spec, files, sound, f -> listener.progress(Stage.RENDERING,
                        1 - JOIN_SHARE + f * JOIN_SHARE), cancel);
                return new RenderResult(spec.output(), Duration.ofNanos(System.nanoTime() - started),
                        FfmpegCommand.frames(spec) / seconds, OptionalLong.empty(), spec.encoding().encoder(), warnings);
            } finally {
                files.forEach(Renderer::deleteQuietly);
            }
        } catch (RuntimeException e) {
            deleteQuietly(spec.output());
            throw e;
        } finally {
            deleteQuietly(sound);
            plan.segments().forEach(s -> deleteQuietly(s.spec().output()));
        }
    }

    /**
     * {@code pictureSide}'s result, made while the leveled sound is encoded into {@code sound} on another thread.
     * Both sides get a signal that the caller's cancel, or a failure of either side, raises.
     */
    private <T> T besideTheSound(RenderSpec spec, Path sound, CancelSignal cancel, Function<CancelSignal, T> pictureSide) {
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
            try {
                T made = pictureSide.apply(both);
                soundDone.join();
                return made;
            } catch (RuntimeException e) {
                both.cancel();
                throw firstCause(e, soundDone);
            }
        } finally {
            deregister(linked);
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
        try (BaseLoop loop = BaseLoop.write(probe, spec, cancel)) {
            return withNvencFallback(spec, s -> new Picture(runner.runReportingProgress(TrackCommands.picture(s, picture),
                    picture, s.totalSeconds(), onProgress, cancel, timeout), s.encoding().encoder()));
        }
    }

    /** {@code encode(spec)}, or {@code encode} with libx264 when the spec's NVENC cannot be opened. */
    static <T> T withNvencFallback(RenderSpec spec, Function<RenderSpec, T> encode) {
        try {
            return encode.apply(spec);
        } catch (ProcessFailure e) {
            if (spec.encoding().encoder() != Encoder.NVENC || !EncoderDetector.isNvencUnavailable(e)) {
                throw e;
            }
            LOG.warn("h264_nvenc could not be opened; rendering {} with libx264 instead: {}",
                    spec.output().getFileName(), e.getMessage());
            return encode.apply(spec.withEncoder(Encoder.LIBX264));
        }
    }

    /** The segments and the sound into the spec's output; the warnings say if it took the re-encoding join. */
    private List<String> join(RenderSpec spec, List<Path> files, Path sound, DoubleConsumer onProgress,
                              CancelSignal cancel) {
        Path list = beside(spec.output(), ".segments.ffconcat");
        try {
            Files.writeString(list, FfmpegCommand.concatListText(files), StandardCharsets.UTF_8);
            Set<String> encodings = new LinkedHashSet<>();
            files.forEach(f -> encodings.add(probe.videoSignature(f, cancel)));
            if (encodings.size() == 1) {
                try {
                    runner.runReportingProgress(FfmpegCommand.copyJoin(list, sound, spec.output()), spec.output(),
                            spec.totalSeconds(), onProgress, cancel, timeout);
                    return List.of();
                } catch (ProcessFailure e) {
                    LOG.warn("joining the segments of {} by stream copy failed; encoding them again: {}",
                            spec.output().getFileName(), e.getMessage());
                }
            } else {
                LOG.warn("the segments of {} differ in their encoding ({}); joining them by encoding them again",
                        spec.output().getFileName(), encodings);
            }
            runner.runReportingProgress(FfmpegCommand.reencodeJoin(files, sound, spec), spec.output(),
                    spec.totalSeconds(), onProgress, cancel, timeout);
            return List.of(REENCODED_JOIN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + list, e);
        } finally {
            deleteQuietly(list);
        }
    }

    private static Path beside(Path output, String suffix) {
        return output.resolveSibling(output.getFileName() + suffix);
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
