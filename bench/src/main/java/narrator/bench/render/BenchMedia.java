package narrator.bench.render;

import java.nio.file.Path;
import java.util.List;

import narrator.pipeline.VideoSize;
import narrator.pipeline.render.FfmpegCommand;

/**
 * The benchmark's generated inputs, so every machine renders the same thing with nothing to download:
 * a moving test pattern (testsrc2, landscape, shorter than the voice so the render loops it) and a
 * soft stereo chord as music (shorter than the voice too, so it is looped as well).
 */
public final class BenchMedia {
    private BenchMedia() {
    }

    /** H.264 at ultrafast crf 23: about 15 Mbit/s at 1920x1080, like footage straight from a camera or stock site. */
    public static List<String> baseVideo(VideoSize size, double seconds, Path out) {
        return List.of(FfmpegCommand.FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=" + size + ":r=30:d=" + FfmpegCommand.num(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p", out.toString());
    }

    public static List<String> music(double seconds, Path out) {
        return List.of(FfmpegCommand.FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "aevalsrc=exprs=0.3*sin(2*PI*220*t)+0.2*sin(2*PI*330*t)"
                        + "|0.3*sin(2*PI*277*t)+0.2*sin(2*PI*440*t):s=44100:d=" + FfmpegCommand.num(seconds),
                "-c:a", "aac", "-b:a", "128k", out.toString());
    }
}
