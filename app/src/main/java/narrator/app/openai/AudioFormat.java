package narrator.app.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import narrator.pipeline.render.FfmpegCommand;

/**
 * The speech endpoint's {@code response_format}s, all mono at {@link #SAMPLE_RATE} as OpenAI sends them: pcm and
 * wav are written here, the compressed ones by one FFmpeg per request reading the PCM from its stdin.
 */
public enum AudioFormat {
    MP3("audio/mpeg", List.of("-c:a", "libmp3lame", "-b:a", "64k"), "mp3"),
    OPUS("audio/ogg", List.of("-c:a", "libopus", "-b:a", "32k"), "ogg"),
    AAC("audio/aac", List.of("-c:a", "aac", "-b:a", "64k"), "adts"),
    FLAC("audio/flac", List.of("-c:a", "flac"), "flac"),
    WAV("audio/wav", List.of(), null),
    PCM("audio/pcm", List.of(), null);

    /** OpenAI's speech is 24 kHz; its {@code pcm} is 24 kHz 16-bit little-endian mono without a header. */
    public static final int SAMPLE_RATE = 24_000;

    private final String contentType;
    private final List<String> codec;
    private final String container;

    AudioFormat(String contentType, List<String> codec, String container) {
        this.contentType = contentType;
        this.codec = codec;
        this.container = container;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<AudioFormat> of(String label) {
        for (AudioFormat format : values()) {
            if (format.label().equals(label)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The FFmpeg that turns the PCM into this format; empty for pcm and wav, written without one. */
    public Optional<List<String>> encoder() {
        return container == null ? Optional.empty()
                : Optional.of(FfmpegCommand.encodePcmStream(SAMPLE_RATE, codec, container));
    }

    /**
     * What goes before the PCM: for wav a header whose sizes say "unknown" (0xFFFFFFFF, as OpenAI's streamed
     * wav does), since the length is not known when the first sentence is sent.
     */
    public byte[] preamble() {
        if (this != WAV) {
            return new byte[0];
        }
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(-1).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(-1);
        return b.array();
    }
}
