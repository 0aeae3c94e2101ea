package narrator.pipeline.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What re-encoding a caller's own video needs beyond {@link MediaInfo}: how its picture is turned for display (a
 * phone's portrait video is often stored landscape with a 90 degree rotation, which FFmpeg applies when decoding)
 * and its first audio stream's codec, to copy it when the container can carry it.
 *
 * @param rotationDegrees the display rotation, 0 when none
 * @param audioCodec      FFmpeg's name of the first audio stream's codec; null without audio
 */
public record SourceStreams(int rotationDegrees, String audioCodec) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Codecs MP4 and MOV both carry as they are. */
    private static final Set<String> COPYABLE_AUDIO = Set.of("aac", "mp3", "ac3", "eac3", "alac");

    public static List<String> argv(Path file) {
        return List.of(FfmpegCommand.FFPROBE, "-v", "error", "-show_entries",
                "stream=codec_type,codec_name:stream_tags=rotate:stream_side_data=rotation", "-of", "json",
                file.toString());
    }

    /** Reads {@link #argv}'s output: the rotation from the display matrix (or the older {@code rotate} tag). */
    public static SourceStreams parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ffprobe printed no readable description", e);
        }
        Integer rotation = null;
        String audio = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            if (type.equals("video") && rotation == null) {
                rotation = 0;
                for (JsonNode side : stream.path("side_data_list")) {
                    rotation = side.has("rotation") ? side.path("rotation").asInt() : rotation;
                }
                if (rotation == 0) {
                    rotation = stream.path("tags").path("rotate").asInt(0);
                }
            } else if (type.equals("audio") && audio == null) {
                audio = stream.path("codec_name").asText(null);
            }
        }
        return new SourceStreams(rotation == null ? 0 : rotation, audio);
    }

    /** Whether the picture is shown a quarter turn round, so its displayed width is its stored height. */
    public boolean quarterTurn() {
        return Math.floorMod(rotationDegrees, 180) == 90;
    }

    /** How the captioned copy keeps this audio. */
    public BurnSpec.Audio audio() {
        return audioCodec == null ? BurnSpec.Audio.NONE
                : COPYABLE_AUDIO.contains(audioCodec) ? BurnSpec.Audio.COPY : BurnSpec.Audio.AAC;
    }
}
