package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import narrator.pipeline.VideoSize;

class SceneGraphTest {
    private static final Path PICTURE_OUT = Path.of("/w/picture.mp4");

    private static final MediaInfo PICTURE = new MediaInfo(true, false, true, 0, 800, 600);
    private static final MediaInfo TEN_SECONDS = new MediaInfo(true, true, false, 10, 1920, 1080);
    private static final MediaInfo ONE_SECOND = new MediaInfo(true, false, false, 1, 640, 360);
    private static final SceneTimeline THREE = new SceneTimeline(30, List.of(
            new SceneTimeline.Scene(new BaseMedia(BaseMedia.Kind.IMAGE, Path.of("/w/a.png"), PICTURE), 0, 30,
                    Motion.ZOOM_IN, 0, ClipFit.LOOP, false),
            new SceneTimeline.Scene(new BaseMedia(BaseMedia.Kind.VIDEO, Path.of("/w/b.mp4"), TEN_SECONDS), 30, 60,
                    Motion.PAN_LEFT, 10, ClipFit.LOOP, true),
            new SceneTimeline.Scene(new BaseMedia(BaseMedia.Kind.VIDEO, Path.of("/w/c.mp4"), ONE_SECOND), 60, 120,
                    Motion.NONE, 0, ClipFit.SLOW, false)));

    @Test
    void theWholeCommandForAnImageAClipWithItsSoundAndASlowedClip() {
        RenderSpec spec = RenderSpec.builder(Path.of("/w/voice.wav"), 3.5, Path.of("/w/out.mp4"))
                .size(new VideoSize(720, 1280)).scenes(THREE).music(Path.of("/w/music.mp3"))
                .leveling(new Leveling.Gain(Loudness.STREAMING, 0)).build();

        assertEquals(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y",
                "-i", "/w/voice.wav",
                "-framerate", "30", "-i", "/w/a.png",
                "-t", "1.666667", "-i", "/w/b.mp4",
                "-i", "/w/c.mp4",
                "-filter_complex", "GRAPH",
                "-map", "[vout]", "-an", "-frames:v", "120",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                "-threads", "2", "-x264-params", "rc-lookahead=10", "/w/picture.mp4"),
                TrackCommands.picture(spec, PICTURE_OUT).stream().map(a -> a.startsWith("[1:v]") ? "GRAPH" : a).toList());
        // The sound reads only the clip that keeps its sound (input 1) and the music (input 2).
        List<String> sound = TrackCommands.sound(spec, Path.of("/w/sound.m4a"));
        assertEquals(List.of("-i", "/w/voice.wav", "-t", "1.666667", "-i", "/w/b.mp4", "-stream_loop", "-1", "-i",
                "/w/music.mp3"), sound.subList(9, sound.indexOf("-filter_complex")));

        List<String> argv = TrackCommands.picture(spec, PICTURE_OUT);
        // Segments of exactly their frames, joined, then one move over the whole: the image zooms in over the
        // frames only it shows (0-24), the view glides back to the whole frame over the crossfade (25-34), the
        // clips hold still, so the filter is off from frame 35. The clip's own sound sits at its segment's first frame (25 / 30 s = 40000 samples).
        assertEquals(List.of(
                "[1:v]crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,format=yuv420p,loop=loop=34:size=1,settb=1/30,setpts=N[s0]",
                "[2:v]setpts=PTS-STARTPTS,fps=30,crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,format=yuv420p,tpad=stop=-1:stop_mode=clone,trim=end_frame=35,settb=1/30,setpts=N[s1]",
                "[3:v]setpts=PTS-STARTPTS,setpts=2*PTS,fps=30,crop=w='min(iw,ih*720/1280)':h='min(ih,iw*1280/720)',scale=720:1280,setsar=1,format=yuv420p,tpad=stop=-1:stop_mode=clone,trim=end_frame=60,settb=1/30,setpts=N[s2]",
                "[s0][s1]xfade=transition=fade:duration=0.333333:offset=0.833333[j1]",
                "[j1][s2]concat=n=2:v=1:a=0,settb=1/30[j2]",
                "[j2]perspective=x0=if(lt(in\\,26)\\,W*(0+0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,W*(0.045455+-0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,W*0\\,W*0))):y0=if(lt(in\\,26)\\,H*(0+0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,H*(0.045455+-0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,H*0\\,H*0))):x1=if(lt(in\\,26)\\,W*(1+-0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,W*(0.954545+0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,W*1\\,W*1))):y1=if(lt(in\\,26)\\,H*(0+0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,H*(0.045455+-0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,H*0\\,H*0))):x2=if(lt(in\\,26)\\,W*(0+0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,W*(0.045455+-0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,W*0\\,W*0))):y2=if(lt(in\\,26)\\,H*(1+-0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,H*(0.954545+0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,H*1\\,H*1))):x3=if(lt(in\\,26)\\,W*(1+-0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,W*(0.954545+0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,W*1\\,W*1))):y3=if(lt(in\\,26)\\,H*(1+-0.045455*(in-1)/25)\\,if(lt(in\\,36)\\,H*(0.954545+0.045455*(in-26)/10)\\,if(lt(in\\,61)\\,H*1\\,H*1))):interpolation=linear:eval=frame:enable=between(n\\,0\\,24)+between(n\\,25\\,34)[scenes]",
                "[scenes]null[vout]"),
                List.of(argv.get(argv.indexOf("-filter_complex") + 1).split(";")));
        assertEquals(List.of(
                "[0:a]aresample=48000:ochl=stereo,apad=whole_dur=4,asplit=2[voice][key]",
                "[2:a]aresample=48000:ochl=stereo,volume=0.2,afade=t=in:st=0:d=1.5,afade=t=out:st=2:d=2[b0]",
                "[1:a]asetpts=PTS-STARTPTS,aresample=48000:ochl=stereo,atrim=end=1.166667,apad=whole_dur=1.166667,afade=t=in:d=0.333333,afade=t=out:st=1.146667:d=0.02,volume=0.2,adelay=delays=40000S:all=1[b1]",
                "[b0][b1]amix=inputs=2:duration=longest:normalize=0[bed]",
                "[bed][key]sidechaincompress=threshold=0.03:ratio=8:attack=20:release=350[ducked]",
                "[voice][ducked]amix=inputs=2:duration=first:normalize=0,volume=0dB,alimiter=limit=0.771792:level=false:latency=1,aformat=sample_rates=48000:channel_layouts=stereo[aout]"),
                List.of(sound.get(sound.indexOf("-filter_complex") + 1).split(";")));
    }
}
