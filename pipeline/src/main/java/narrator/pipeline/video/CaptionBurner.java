package narrator.pipeline.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.BurnSpec;
import narrator.pipeline.render.Encoder;
import narrator.pipeline.render.EncoderDetector;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.FfmpegRunner;
import narrator.pipeline.render.MediaInfo;
import narrator.pipeline.render.MediaProbe;
import narrator.pipeline.render.ProcessFailure;
import narrator.pipeline.render.SourceStreams;
import narrator.pipeline.subtitles.AssWriter;
import narrator.pipeline.subtitles.Caption;
import narrator.pipeline.subtitles.CaptionLayout;

/**
 * Burns captions onto a caller's own video, stage by stage: probe the video (it must move), check every
 * caption lies inside it, lay the captions out for the frame as shown (rotation applied) and write
 * {@code subs.ass}, then one FFmpeg pass that re-encodes the picture with them and keeps the video's own
 * sound (copied when MP4 and MOV carry its codec, AAC otherwise). Files go into the caller's work
 * directory. As for narrated videos, an NVENC encoder that cannot be opened falls back to libx264.
 */
public final class CaptionBurner {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final Duration timeout;

    /** {@code timeout} bounds the encode; past it the job fails with TIMEOUT. */
    public CaptionBurner(FfmpegRunner ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.timeout = timeout;
    }

    /** @param durationSeconds the captioned video's length, the source's */
    public record Burned(Path video, Path subtitles, VideoSize size, double durationSeconds) {
    }

    public Burned burn(CaptionRequest request, Path workDir, ProgressListener listener, CancelSignal cancel) {
        MediaInfo info = probe.probe(request.video(), "video_url", cancel);
        if (!info.hasVideo() || info.isStillImage()) {
            throw new NarratorException(ErrorCode.INVALID_MEDIA, "video_url: the input is not a video (no moving picture)");
        }
        checkInside(request, info.durationSeconds());
        SourceStreams streams = SourceStreams.parse(ffmpeg.run(SourceStreams.argv(request.video()), PROBE_TIMEOUT,
                cancel).stdout());
        VideoSize size = request.size() != null ? request.size() : evenSize(info, streams.quarterTurn());
        Path ass = workDir.resolve("subs.ass");
        listener.timed(Stage.SUBTITLES, () -> write(ass, AssWriter.writeStyled(CaptionLayout.layout(request.captions(),
                size), size)));
        Path output = workDir.resolve("captioned." + request.format());
        BurnSpec.Audio audio = info.hasAudio() ? streams.audio() : BurnSpec.Audio.NONE;
        BurnSpec spec = new BurnSpec(request.video(), audio, ass, null, size, request.fps(), request.encoding(), output);
        cancel.throwIfCancelled();
        listener.timed(Stage.RENDERING, () -> encode(spec, info.durationSeconds(), listener, cancel));
        return new Burned(output, ass, size, info.durationSeconds());
    }

    private FfmpegRunner.Output encode(BurnSpec spec, double seconds, ProgressListener listener, CancelSignal cancel) {
        try {
            return ffmpeg.runReportingProgress(FfmpegCommand.burn(spec), spec.output(), seconds,
                    f -> listener.progress(Stage.RENDERING, f), cancel, timeout);
        } catch (ProcessFailure e) {
            if (spec.encoding().encoder() != Encoder.NVENC || !EncoderDetector.isNvencUnavailable(e)) {
                throw e;
            }
            BurnSpec x264 = new BurnSpec(spec.video(), spec.audio(), spec.subtitles(), spec.fontsDir(), spec.size(),
                    spec.fps(), spec.encoding().withEncoder(Encoder.LIBX264), spec.output());
            return ffmpeg.runReportingProgress(FfmpegCommand.burn(x264), x264.output(), seconds,
                    f -> listener.progress(Stage.RENDERING, f), cancel, timeout);
        }
    }

    /**
     * Every caption must start inside the video and end by its end (to the millisecond): a caption past
     * the end is a mistake in the request, not something to cut silently.
     */
    static void checkInside(CaptionRequest request, double durationSeconds) {
        long end = (long) Math.ceil(durationSeconds * 1000);
        for (int i = 0; i < request.captions().size(); i++) {
            Caption caption = request.captions().get(i);
            if (caption.endMillis() > end) {
                throw new NarratorException(ErrorCode.INVALID_REQUEST, String.format(Locale.ROOT,
                        "cues[%d] ends at %.3f s, after the end of the video (%.3f s)", i,
                        caption.endMillis() / 1000.0, durationSeconds), Map.of("field", "cues[" + i + "].end"), null);
            }
        }
    }

    /** The source's frame as shown (a quarter turn swaps its sides), odd sides rounded down as H.264 in yuv420p needs. */
    private static VideoSize evenSize(MediaInfo info, boolean quarterTurn) {
        int width = quarterTurn ? info.height() : info.width();
        int height = quarterTurn ? info.width() : info.height();
        try {
            return new VideoSize(width / 2 * 2, height / 2 * 2);
        } catch (NarratorException e) {
            throw new NarratorException(ErrorCode.INVALID_MEDIA, "video_url: a " + width + "x" + height
                    + " video cannot be captioned at its own size; ask for a size (options.width and height)");
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
