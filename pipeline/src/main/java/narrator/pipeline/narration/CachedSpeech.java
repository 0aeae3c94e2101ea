package narrator.pipeline.narration;

/** A sentence's speech as it is stored and written: 16-bit PCM bytes plus what the voice spoke. */
record CachedSpeech(byte[] pcm16, int sampleRate, String phonemes) {
    long sampleCount() {
        return pcm16.length / 2;
    }
}
