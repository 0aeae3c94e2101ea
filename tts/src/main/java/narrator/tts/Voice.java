package narrator.tts;

/**
 * A loaded voice. Implementations are safe to call from several threads at once; the model stays
 * loaded for the life of the voice.
 *
 * @throws narrator.core.NarratorException with {@code INVALID_TEXT} when the text has nothing to
 *     speak, {@code TTS_FAILED} when inference fails.
 */
public interface Voice {
    VoiceInfo info();

    Speech speak(String text, SpeechOptions options);

    /**
     * Speaks text that may hold phonemes. Engines that take phonemes override this; the others say
     * the written words.
     */
    default Speech speak(SpokenText text, SpeechOptions options) {
        return speak(text.asWritten(), options);
    }

    /**
     * Hands the engine's working memory back to the system once a batch of speech is done (a job's
     * narration), so that the render that follows has it; the next call takes it again. Engines that
     * keep no large working memory do nothing.
     */
    default void releaseWorkingMemory() {
    }
}
