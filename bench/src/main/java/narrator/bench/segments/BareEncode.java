package narrator.bench.segments;

import java.nio.file.Path;
import java.util.List;

import narrator.pipeline.VideoSize;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.FfmpegCommand;
import narrator.pipeline.render.Fit;
import narrator.pipeline.render.RenderSpec;

/**
 * The job's picture alone in one {@code ffmpeg}: the base fitted, the job's own subtitles burned, the same x264
 * settings and threads, as long as the job's video, no audio. What a render path cannot go below, so the job's
 * time over this one is the path's cost around FFmpeg's own work.
 */
final class BareEncode {
    private BareEncode() {
    }

    /**
     * @param subtitles the job's stored ASS document
     * @param seconds   the job's video length
     */
    static RenderSpec spec(BaseMedia base, Path subtitles, VideoSize size, double seconds, String preset, int crf,
                           int threads, Path output) {
        // The voice file only feeds the audio graph, which a bare encode has not; its length is the video's.
        return RenderSpec.builder(output.resolveSibling("no-voice.wav"), seconds, output)
                .tailSeconds(0)
                .base(base)
                .fit(Fit.CROP)
                .subtitles(subtitles)
                .size(size)
                .x264(preset, crf)
                .threads(threads)
                .build();
    }

    /** The {@code ffmpeg} of {@code spec}'s picture, built by the renderer's own argv code. */
    static List<String> argv(RenderSpec spec) {
        List<String> argv = FfmpegCommand.encodePrefix();
        // Input 0, a moment of silence left unused: the picture chain reads input 1, as in a job.
        argv.addAll(List.of("-f", "lavfi", "-t", "0.1", "-i", "anullsrc"));
        argv.addAll(FfmpegCommand.baseInput(spec));
        argv.addAll(List.of("-filter_complex", FfmpegCommand.videoGraph(spec), "-map", "[vout]", "-an",
                "-t", FfmpegCommand.num(spec.totalSeconds())));
        argv.addAll(FfmpegCommand.videoCodec(spec));
        argv.addAll(List.of("-movflags", "+faststart", spec.output().toString()));
        return List.copyOf(argv);
    }
}
