package narrator.bench.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.BaseMedia;
import narrator.pipeline.render.MediaInfo;
import org.junit.jupiter.api.Test;

class BareEncodeTest {
    @Test
    void thePictureChainOfAJobWithoutItsAudio() {
        BaseMedia base = BaseMedia.of(Path.of("/in/base.mp4"), new MediaInfo(true, false, false, 20, 1920, 1080));

        List<String> argv = BareEncode.argv(BareEncode.spec(Path.of("/w/voice.wav"), base, Path.of("/w/subs.ass"),
                VideoSize.PORTRAIT, 612.5, "veryfast", 23, 2, Path.of("/w/bare.mp4")));

        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1",
                "-y", "-i", "/w/voice.wav", "-f", "concat", "-safe", "0", "-i", "/w/bare.mp4.loop.ffconcat",
                "-filter_complex", "[1:v]fps=30,crop=w='min(iw,ih*1080/1920)':h='min(ih,iw*1920/1080)',scale=1080:1920,"
                        + "setsar=1,format=yuv420p,ass=filename=/w/subs.ass[vout]",
                "-map", "[vout]", "-an", "-frames:v", "18375", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                "-pix_fmt", "yuv420p", "-threads", "2", "-x264-params", "rc-lookahead=10", "/w/bare.mp4"), argv);
    }
}
