package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import narrator.pipeline.VideoSize;

class TrackCommandsTest {
    private static final MediaInfo TEN_SECOND_VIDEO = new MediaInfo(true, true, false, 10, 1920, 1080);
    private static final RenderSpec SPEC = RenderSpec.builder(Path.of("/w/voice.wav"), 12.25, Path.of("/w/out.mp4"))
            .size(new VideoSize(720, 1280))
            .base(new BaseMedia(BaseMedia.Kind.VIDEO, Path.of("/w/base.mp4"), TEN_SECOND_VIDEO))
            .music(Path.of("/w/music.mp3"))
            .subtitles(Path.of("/w/subs.ass"))
            .leveling(new Leveling.Gain(Loudness.STREAMING, 6.5))
            .build();

    @Test
    void thePictureIsTheOnePassGraphsPictureWithoutSound() {
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y",
                "-i", "/w/voice.wav",
                "-f", "concat", "-safe", "0", "-i", "/w/out.mp4.loop.ffconcat",
                "-filter_complex",
                "[1:v]fps=30,crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,format=yuv420p,"
                        + "ass=filename=/w/subs.ass[vout]",
                "-map", "[vout]", "-an", "-frames:v", "383",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                "-threads", "2", "-x264-params", "rc-lookahead=10", "/w/picture.mp4"),
                TrackCommands.picture(SPEC, Path.of("/w/picture.mp4")));
    }

    @Test
    void theSoundIsTheLeveledMixAloneReadingNoPicture() {
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y",
                "-i", "/w/voice.wav",
                "-stream_loop", "-1", "-i", "/w/music.mp3",
                "-filter_complex",
                "[0:a]aresample=48000:ochl=stereo,apad=whole_dur=12.75,asplit=2[voice][key];"
                        + "[1:a]aresample=48000:ochl=stereo,volume=0.2,afade=t=in:st=0:d=1.5,afade=t=out:st=10.75:d=2[bed];"
                        + "[bed][key]sidechaincompress=threshold=0.03:ratio=8:attack=20:release=350[ducked];"
                        + "[voice][ducked]amix=inputs=2:duration=first:normalize=0,"
                        + "volume=6.5dB,alimiter=limit=0.771792:level=false:latency=1,aformat=sample_rates=48000:channel_layouts=stereo[aout]",
                "-map", "[aout]", "-t", "12.75", "-c:a", "aac", "-b:a", "160k", "/w/sound.m4a"),
                TrackCommands.sound(SPEC, Path.of("/w/sound.m4a")));
    }

    @Test
    void theMuxCopiesBothStreamsWithTheIndexInFront() {
        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-i", "/w/p.mp4", "-i", "/w/s.m4a", "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
                "-movflags", "+faststart", "/w/out.mp4"),
                TrackCommands.mux(Path.of("/w/p.mp4"), Path.of("/w/s.m4a"), Path.of("/w/out.mp4")));
    }
}
