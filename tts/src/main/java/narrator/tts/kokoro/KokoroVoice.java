package narrator.tts.kokoro;

import java.util.ArrayList;
import java.util.List;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;

/**
 * One voice of a {@link KokoroModel}: text -> espeak-ng IPA -> Kokoro phonemes -> chunks of at most
 * {@link KokoroModel#MAX_TOKENS} tokens -> one model call each -> concatenated audio. Holds no mutable
 * state, so it is as thread-safe as the model it shares.
 */
final class KokoroVoice implements Voice {
    private final KokoroModel model;
    private final String name;
    private final VoiceInfo info;

    KokoroVoice(KokoroModel model, String name) {
        this.model = model;
        this.name = name;
        // Kokoro voices are single-speaker: the voice name picks the speaker, options.speaker() is unused.
        this.info = KokoroModel.describe(name);
    }

    @Override
    public VoiceInfo info() {
        return info;
    }

    @Override
    public Speech speak(String text, SpeechOptions options) {
        if (text == null || text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw nothingToSay();
        }
        List<String> sentences = new ArrayList<>();
        for (String sentence : model.phonemizer().phonemizeSentences(text, info.language())) {
            sentences.add(KokoroPhonemes.fromEspeak(sentence));
        }
        List<String> chunks = PhonemeChunker.chunk(sentences, KokoroModel.MAX_TOKENS);
        if (chunks.stream().noneMatch(KokoroPhonemes::speakable)) {
            throw nothingToSay();
        }
        List<float[]> parts = new ArrayList<>();
        for (String chunk : chunks) {
            parts.add(model.synthesize(name, KokoroVocab.ids(chunk), options.speed()));
        }
        return new Speech(concat(parts), KokoroModel.SAMPLE_RATE, String.join(" ", chunks));
    }

    private static NarratorException nothingToSay() {
        return new NarratorException(ErrorCode.INVALID_TEXT, "the text has nothing to speak (no letters or digits)");
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
