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
}
