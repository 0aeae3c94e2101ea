package narrator.tts.piper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import narrator.tts.FrontEnd;
import narrator.tts.ModelCall;
import narrator.tts.SpokenText;
import narrator.tts.espeak.EspeakClause;
import narrator.tts.espeak.EspeakPhonemizer;

/**
 * Text to the model calls a Piper voice gets, made as piper-phonemize and {@code piper} make them:
 * espeak-ng's clauses, NFD-decomposed, language-switch flags dropped, the clause punctuation appended
 * ({@code , : ;} with a space), nothing between clauses; a sentence ends where espeak-ng's
 * terminator says so, becomes one call, and is skipped when empty. Needs only the voice's
 * {@code .onnx.json}, not its weights.
 */
public final class PiperFrontEnd implements FrontEnd {
    /**
     * Real piper never splits a sentence, however long. Narrator splits one only past this many
     * phonemes (minutes of speech without a sentence end, never seen in a script), at a clause end,
     * so that memory stays bounded.
     */
    static final int MAX_PHONEMES_PER_CALL = 4000;

    /** piper-phonemize's own per-voice phoneme replacements (its DEFAULT_PHONEME_MAP). */
    private static final Map<String, Map<Integer, String>> PHONEME_REPLACEMENTS = Map.of("pt-br", Map.of((int) 'c', "k"));

    private final String voice;
    private final PhonemeIdMapper mapper;
    private final Map<String, List<Long>> idMap;
    private final Map<Integer, String> replacements;
    private final EspeakPhonemizer phonemizer;
    private final int maxPhonemesPerCall;

    public PiperFrontEnd(PiperConfig config, EspeakPhonemizer phonemizer) {
        this(config, phonemizer, MAX_PHONEMES_PER_CALL);
    }

    PiperFrontEnd(PiperConfig config, EspeakPhonemizer phonemizer, int maxPhonemesPerCall) {
        this.voice = config.espeakVoice();
        this.idMap = config.phonemeIdMap();
        this.mapper = new PhonemeIdMapper(idMap);
        this.replacements = PHONEME_REPLACEMENTS.getOrDefault(voice, Map.of());
        this.phonemizer = phonemizer;
        this.maxPhonemesPerCall = maxPhonemesPerCall;
    }

    /**
     * The front end of the voice described by {@code config} (read with {@link PiperConfig#read}),
     * on the process's espeak-ng.
     *
     * @throws narrator.core.NarratorException VOICE_UNAVAILABLE when libespeak-ng cannot be loaded
     */
    public static PiperFrontEnd of(PiperConfig config) {
        return new PiperFrontEnd(config, EspeakPhonemizer.shared());
    }

    /**
     * One call per non-empty sentence, in order: its phonemes and its framed ids.
     *
     * @throws narrator.core.NarratorException UNKNOWN_VOICE when espeak-ng lacks the voice's language
     */
    @Override
    public List<ModelCall> calls(String text) {
        List<ModelCall> calls = new ArrayList<>();
        StringBuilder sentence = new StringBuilder();
        int length = 0;
        for (EspeakClause clause : phonemizer.clauses(text, voice)) {
            String phonemes = phonemes(clause);
            int clauseLength = phonemes.codePointCount(0, phonemes.length());
            if (length > 0 && length + clauseLength > maxPhonemesPerCall) {
                calls.add(call(sentence));
                length = 0;
            }
            sentence.append(phonemes);
            length += clauseLength;
            if (clause.endsSentence() && length > 0) {
                calls.add(call(sentence));
                length = 0;
            }
        }
        if (length > 0) {
            calls.add(call(sentence));
        }
        return calls;
    }

    /**
     * Text with phonemes as one call: the words phonemized as {@link #calls(String)} does, the IPA
     * NFD-normalized and sent as given, a space between stretches. A sentence of a script is short, so
     * one call keeps its intonation whole.
     */
    @Override
    public List<ModelCall> calls(SpokenText text) {
        if (!text.hasPhonemes()) {
            return calls(text.asWritten());
        }
        StringBuilder phonemes = new StringBuilder();
        for (SpokenText.Part part : text.parts()) {
            String piece = part instanceof SpokenText.Words words ? wordPhonemes(words.text())
                    : Normalizer.normalize(((SpokenText.Phonemes) part).ipa(), Normalizer.Form.NFD);
            if (!piece.isBlank()) {
                // Punctuation after phonemes ("/ɛks/.") joins them as espeak-ng's clause marks do.
                boolean joins = phonemes.isEmpty() || phonemes.charAt(phonemes.length() - 1) == ' '
                        || !Character.isLetter(piece.strip().codePointAt(0));
                phonemes.append(joins ? "" : " ").append(piece.strip());
            }
        }
        return List.of(call(phonemes));
    }

    /** Words as {@link #calls(String)} phonemizes them; punctuation alone, which espeak-ng drops, kept as it is. */
    private String wordPhonemes(String words) {
        if (words.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return words.strip();
        }
        return String.join(" ", calls(words).stream().map(ModelCall::phonemes).toList());
    }

    @Override
    public List<String> unknownPhonemes(String ipa) {
        return Normalizer.normalize(ipa, Normalizer.Form.NFD).codePoints()
                .filter(codepoint -> !Character.isWhitespace(codepoint))
                .mapToObj(Character::toString)
                .filter(symbol -> !idMap.containsKey(symbol))
                .distinct()
                .toList();
    }

    /** Whether the call holds a sound the voice knows, not just punctuation, spaces or unknown symbols. */
    boolean speaks(ModelCall call) {
        return call.phonemes().codePoints()
                .anyMatch(codepoint -> Character.isLetter(codepoint) && idMap.containsKey(Character.toString(codepoint)));
    }

    /** Where each spoken word of the call starts, as indexes into its ids. */
    List<Integer> wordStarts(ModelCall call) {
        return mapper.map(call.phonemes()).wordStarts();
    }

    private ModelCall call(StringBuilder sentence) {
        String phonemes = sentence.toString();
        sentence.setLength(0);
        return new ModelCall(phonemes, mapper.map(phonemes).ids(), ModelCall.NO_STYLE_ROW);
    }

    /** One clause's phonemes as piper-phonemize appends them to its sentence. */
    private String phonemes(EspeakClause clause) {
        StringBuilder out = new StringBuilder();
        // A flag such as "(fr)" marks words of another language; piper-phonemize drops it.
        boolean inFlag = false;
        for (int codepoint : Normalizer.normalize(clause.phonemes(), Normalizer.Form.NFD).codePoints().toArray()) {
            for (int phoneme : replacements.getOrDefault(codepoint, Character.toString(codepoint)).codePoints().toArray()) {
                if (inFlag) {
                    inFlag = phoneme != ')';
                } else if (phoneme == '(') {
                    inFlag = true;
                } else {
                    out.appendCodePoint(phoneme);
                }
            }
        }
        char punctuation = clause.punctuation();
        if (punctuation != 0) {
            out.append(punctuation);
            if (punctuation == ',' || punctuation == ':' || punctuation == ';') {
                out.append(' ');
            }
        }
        return out.toString();
    }
}
