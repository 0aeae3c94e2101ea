package narrator.tts.espeak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text to espeak-ng IPA: its clauses with their terminators, exactly as piper-phonemize reads them,
 * and readable sentence strings built from them. Safe to call from any thread: calls are serialized
 * because espeak-ng is not thread-safe.
 */
public final class EspeakPhonemizer {
    private static EspeakPhonemizer shared;

    private final EspeakEngine engine;

    private EspeakPhonemizer(EspeakEngine engine) {
        this.engine = engine;
    }

    /**
     * The process-wide phonemizer (espeak-ng has one global state).
     *
     * @throws narrator.core.NarratorException VOICE_UNAVAILABLE when libespeak-ng cannot be loaded
     */
    public static synchronized EspeakPhonemizer shared() {
        if (shared == null) {
            shared = new EspeakPhonemizer(EspeakEngine.shared());
        }
        return shared;
    }

    /**
     * {@code text} as espeak-ng's clauses, read the way piper-phonemize reads them: each clause's IPA
     * (language-switch flags included) and the terminator espeak-ng reports for it.
     *
     * @throws narrator.core.NarratorException UNKNOWN_VOICE when espeak-ng has no such voice
     */
    public List<EspeakClause> clauses(String text, String voice) {
        return engine.clauses(text, voice);
    }

    /**
     * The IPA of {@code text} as one string: words separated by single spaces, sentences separated
     * by a space, punctuation kept as Piper keeps it.
     *
     * @throws narrator.core.NarratorException UNKNOWN_VOICE when espeak-ng has no such language
     */
    public String phonemize(String text, String language) {
        return String.join(" ", phonemizeSentences(text, language));
    }

    /**
     * The IPA of {@code text}, one entry per sentence, with clause punctuation as piper-phonemize
     * appends it ({@code , : ;} followed by a space) and a space between clauses that end without
     * one. Language-switch flags such as {@code (fr)} are dropped. For Piper voices' exact input
     * see {@code narrator.tts.piper.PiperFrontEnd}.
     */
    public List<String> phonemizeSentences(String text, String language) {
        List<String> sentences = new ArrayList<>();
        StringBuilder sentence = new StringBuilder();
        for (EspeakClause clause : engine.clauses(text, language)) {
            String phonemes = withoutLanguageFlags(clause.phonemes()).strip();
            // piper-phonemize glues such clauses together; a space keeps the words apart.
            if (!phonemes.isEmpty() && !sentence.isEmpty() && sentence.charAt(sentence.length() - 1) != ' ') {
                sentence.append(' ');
            }
            sentence.append(phonemes);
            char punctuation = clause.punctuation();
            if (punctuation != 0) {
                sentence.append(punctuation);
            }
            if (clause.endsSentence()) {
                if (!sentence.toString().isBlank()) {
                    sentences.add(sentence.toString().strip());
                }
                sentence.setLength(0);
            } else if (punctuation != 0) {
                sentence.append(' ');
            }
        }
        if (!sentence.toString().isBlank()) {
            sentences.add(sentence.toString().strip());
        }
        return sentences;
    }

    /**
     * The IPA of {@code text} one entry per clause, as espeak-ng's phoneme trace writes it while
     * synthesizing ({@code espeak-ng -q --ipa}): untouched, language-switch flags kept, empty lines
     * left out. This is what the npm {@code phonemizer} package returns, kokoro-js's espeak front end.
     */
    public List<String> phonemeTraceLines(String text, String language) {
        return Arrays.stream(engine.phonemeTrace(text, language).split("\n")).filter(line -> !line.isEmpty()).toList();
    }

    private static String withoutLanguageFlags(String phonemes) {
        return phonemes.replaceAll("\\([^)]*\\)", "");
    }
}
