package narrator.pipeline.narration;

import java.util.List;

/**
 * A sentence's speech as it is stored and written: 16-bit PCM bytes, what the voice spoke, and where its
 * words start when the voice reported it (empty otherwise).
 */
record CachedSpeech(byte[] pcm16, int sampleRate, String phonemes, List<Long> wordStarts) {
    long sampleCount() {
        return pcm16.length / 2;
    }
}
