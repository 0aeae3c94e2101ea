package narrator.tts.kokoro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.ModelCall;
import narrator.tts.SpeakableText;
import narrator.tts.SpokenText;
import narrator.tts.espeak.EspeakPhonemizer;

/**
 * Text to the model calls a Kokoro voice makes, without the model: what {@code narrator phonemes}
 * prints and what {@link KokoroVoice} sends. English voices ('a' American, 'b' British) follow
 * kokoro-js 1.2.1 exactly for each piece of text; a text over the per-call token budget is split
 * into pieces first (see {@link KokoroTextSplitter}) instead of being truncated. Other languages
 * use espeak-ng's sentences with Kokoro's phoneme mapping.
 */
public final class KokoroFrontEnd {
    private final EspeakPhonemizer espeak;
    private final KokoroEnglish english;
    private final int tokensPerCall;

    /** @param tokensPerCall most phoneme tokens per model call, 1 to {@link KokoroModel#MAX_TOKENS} */
    public KokoroFrontEnd(EspeakPhonemizer espeak, int tokensPerCall) {
        if (tokensPerCall < 1 || tokensPerCall > KokoroModel.MAX_TOKENS) {
            throw new IllegalArgumentException("tokens per call must be 1 to " + KokoroModel.MAX_TOKENS);
        }
        this.espeak = espeak;
        this.english = new KokoroEnglish(espeak);
        this.tokensPerCall = tokensPerCall;
    }

    /** With the default budget, {@link KokoroModel#MAX_TOKENS_PER_CALL}. */
    public static KokoroFrontEnd of(EspeakPhonemizer espeak) {
        return new KokoroFrontEnd(espeak, KokoroModel.MAX_TOKENS_PER_CALL);
    }

    /**
     * The calls that speak {@code text} in voice {@code voiceName}, in order.
     *
     * @throws NarratorException INVALID_TEXT when nothing in the text can be spoken
     */
    public List<ModelCall> calls(String text, String voiceName) {
        if (!KokoroEnglish.speaks(voiceName)) {
            return otherLanguageCalls(text, voiceName);
        }
        return pieces(text, voiceName).stream().map(KokoroPiece::call).toList();
    }

    /**
     * Text with phonemes as one call: the words phonemized as {@link #calls(String, String)} does, the
     * IPA mapped to Kokoro's spelling of it and sent as given, a space between stretches.
     *
     * @throws NarratorException INVALID_TEXT when nothing can be spoken or the call is over Kokoro's limit
     */
    public List<ModelCall> calls(SpokenText text, String voiceName) {
        if (!text.hasPhonemes()) {
            return calls(text.asWritten(), voiceName);
        }
        SpeakableText.require(text.asWritten());
        StringBuilder phonemes = new StringBuilder();
        for (SpokenText.Part part : text.parts()) {
            String piece = part instanceof SpokenText.Words words
                    ? wordPhonemes(words.text(), voiceName) : KokoroPhonemes.fromEspeak(((SpokenText.Phonemes) part).ipa());
            if (!piece.isBlank()) {
                phonemes.append(phonemes.isEmpty() ? "" : " ").append(piece.strip());
            }
        }
        List<Long> ids = KokoroVocab.framedIds(phonemes.toString());
        ModelCall call = new ModelCall(phonemes.toString(), ids, styleRow(ids.size() - 2));
        return requireSomething(KokoroPhonemes.speakable(call.phonemes()) ? List.of(requireFits(call)) : List.of());
    }

    /** The symbols of {@code ipa} Kokoro has no token for, after its usual respellings of espeak-ng's IPA. */
    public static List<String> unknownPhonemes(String ipa) {
        return KokoroPhonemes.respelled(ipa).codePoints()
                .filter(codepoint -> !Character.isWhitespace(codepoint))
                .mapToObj(Character::toString)
                .filter(symbol -> KokoroVocab.known(symbol).isEmpty())
                .distinct()
                .toList();
    }

    private String wordPhonemes(String text, String voiceName) {
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return text.strip(); // punctuation between stretches: kept as Kokoro's pause marks
        }
        if (KokoroEnglish.speaks(voiceName)) {
            return english.phonemes(text, voiceName);
        }
        return String.join(" ", espeak.phonemizeSentences(text, KokoroLanguages.ofVoice(voiceName)).stream()
                .map(KokoroPhonemes::fromEspeak).toList());
    }

    /** English only: the pieces of {@code text} with the call kokoro-js makes for each piece alone. */
    List<KokoroPiece> pieces(String text, String voiceName) {
        if (!KokoroEnglish.speaks(voiceName)) {
            throw new IllegalArgumentException(voiceName + " is not an English Kokoro voice");
        }
        SpeakableText.require(text);
        // The splitter measures candidates by phonemizing them; the chosen ones are not redone.
        Map<String, ModelCall> measured = new HashMap<>();
        KokoroTextSplitter splitter = new KokoroTextSplitter(
                piece -> measured.computeIfAbsent(piece, p -> englishCall(p, voiceName)).ids().size() - 2,
                tokensPerCall);
        List<KokoroPiece> pieces = new ArrayList<>();
        for (String piece : splitter.split(text)) {
            ModelCall call = measured.computeIfAbsent(piece, p -> englishCall(p, voiceName));
            if (KokoroPhonemes.speakable(call.phonemes())) {
                pieces.add(new KokoroPiece(piece, requireFits(call)));
            }
        }
        return requireSomething(pieces);
    }

    private ModelCall englishCall(String text, String voiceName) {
        String phonemes = english.phonemes(text, voiceName);
        List<Long> ids = KokoroVocab.framedIds(phonemes);
        return new ModelCall(phonemes, ids, styleRow(ids.size() - 2));
    }

    private List<ModelCall> otherLanguageCalls(String text, String voiceName) {
        SpeakableText.require(text);
        List<String> sentences = new ArrayList<>();
        for (String sentence : espeak.phonemizeSentences(text, KokoroLanguages.ofVoice(voiceName))) {
            sentences.add(KokoroPhonemes.fromEspeak(sentence));
        }
        List<ModelCall> calls = new ArrayList<>();
        for (String chunk : PhonemeChunker.chunk(sentences, tokensPerCall)) {
            if (KokoroPhonemes.speakable(chunk)) {
                List<Long> ids = KokoroVocab.framedIds(chunk);
                calls.add(new ModelCall(chunk, ids, styleRow(ids.size() - 2)));
            }
        }
        return requireSomething(calls);
    }

    /** kokoro-js picks the style by the unpadded token count, clamped to the voice's 510 rows. */
    private static int styleRow(int tokens) {
        return Math.min(Math.max(tokens, 0), KokoroModel.MAX_TOKENS);
    }

    private static ModelCall requireFits(ModelCall call) {
        if (call.ids().size() - 2 > KokoroModel.MAX_TOKENS) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "a word of the text is too long for one Kokoro call ("
                    + (call.ids().size() - 2) + " tokens, at most " + KokoroModel.MAX_TOKENS + ")");
        }
        return call;
    }

    private static <T> List<T> requireSomething(List<T> calls) {
        if (calls.isEmpty()) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "the text has nothing to speak (no letters or digits)");
        }
        return calls;
    }
}
