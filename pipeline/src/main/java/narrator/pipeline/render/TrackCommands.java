package narrator.pipeline.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A render as two encodes that run at once, picture and sound, then a stream-copy mux. Pure: argv only.
 *
 * <p>Why: in one FFmpeg process the whole filter graph runs on one thread, so the mix, the limiter and
 * the AAC encoder (~2.4 s per minute of output) queue behind the picture chain and the burned
 * subtitles, which already keep that thread busy; and the loudness measurement had to finish before
 * the encode could start. Run apart, the picture encode starts at once and the sound (measured, then
 * encoded) is done long before it; the mux copies both streams (~0.2 s per minute at 1080x1920).
 * Measured on 2 cores: see {@code narrator bench render --overhead}.
 */
public final class TrackCommands {
    private TrackCommands() {
    }

    /** The sound's inputs and where {@link FfmpegCommand#mix} finds them: no picture is read. */
    record SoundInputs(List<String> argv, FfmpegCommand.AudioInputs inputs) {
    }

    /** Inputs are 0 = voice, then the scenes whose clips' sound is mixed in, then the music. */
    static SoundInputs soundInputs(RenderSpec spec) {
        List<String> argv = new ArrayList<>(List.of("-i", spec.voiceWav().toString()));
        Map<Integer, Integer> clips = new LinkedHashMap<>();
        for (int scene : FfmpegCommand.clipAudioScenes(spec)) {
            clips.put(scene, 1 + clips.size());
            argv.addAll(SceneGraph.input(spec.picture().scenes(), scene));
        }
        argv.addAll(FfmpegCommand.musicInput(spec));
        return new SoundInputs(List.copyOf(argv), new FfmpegCommand.AudioInputs(1 + clips.size(), clips));
    }

    /**
     * The picture alone, exactly as the one-pass graph draws it. The voice stays input 0, opened but never
     * decoded, so the picture inputs keep the numbers {@link FfmpegCommand#videoGraph} gives them.
     */
    public static List<String> picture(RenderSpec spec, Path out) {
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(List.of("-i", spec.voiceWav().toString()));
        SceneTimeline scenes = spec.picture().scenes();
        argv.addAll(scenes.isEmpty() ? FfmpegCommand.baseInput(spec) : SceneGraph.inputs(scenes));
        // A frame count, not -t: the picture then has exactly the frames a segmented render of the spec has.
        argv.addAll(List.of("-filter_complex", FfmpegCommand.videoGraph(spec), "-map", "[vout]", "-an",
                "-frames:v", Long.toString(FfmpegCommand.frames(spec))));
        argv.addAll(FfmpegCommand.videoCodec(spec));
        argv.add(out.toString());
        return List.copyOf(argv);
    }

    /** The leveled mix alone, AAC in an M4A file, as long as the video. */
    static List<String> sound(RenderSpec spec, Path out) {
        SoundInputs sound = soundInputs(spec);
        List<String> argv = FfmpegCommand.encodePrefix();
        argv.addAll(sound.argv());
        argv.addAll(List.of("-filter_complex", FfmpegCommand.audioGraph(spec, sound.inputs()), "-map", "[aout]",
                "-t", FfmpegCommand.num(spec.totalSeconds()), "-c:a", "aac", "-b:a", "160k", out.toString()));
        return List.copyOf(argv);
    }

    /** Both streams copied into {@code output}, its index at the front so playback starts before the download ends. */
    static List<String> mux(Path picture, Path sound, Path output) {
        return List.of(FfmpegCommand.FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-i", picture.toString(), "-i", sound.toString(), "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
                "-movflags", "+faststart", output.toString());
    }
}
