package narrator.tts;

import java.util.List;

/**
 * What the catalogue knows about a voice without loading it. {@code id} reads
 * {@code engine:name} (e.g. {@code piper:en_US-lessac-medium}, {@code kokoro:af_bella},
 * {@code espeak:en-us}); {@code language} is the espeak-ng language it phonemizes with.
 */
public record VoiceInfo(String id, String engine, String name, String language, int sampleRate,
                        List<String> speakers) {
    public VoiceInfo {
        speakers = List.copyOf(speakers);
    }
}
