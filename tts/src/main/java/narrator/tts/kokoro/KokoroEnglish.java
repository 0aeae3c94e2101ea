package narrator.tts.kokoro;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import narrator.tts.espeak.EspeakPhonemizer;

/**
 * kokoro-js 1.2.1's English phonemization: normalized text is cut at runs of punctuation, which
 * are kept literally (with the spaces around them); the text between them goes to espeak-ng, its
 * clauses joined by a space; then kokoro-js's rewrites of the espeak IPA. Voices starting with
 * 'b' speak British English (espeak's "en"), all others American ("en-us").
 */
final class KokoroEnglish {
    /** JavaScript's {@code \s}, which also covers Unicode spaces. */
    private static final String JS_SPACE = "[\\s\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";
    private static final Pattern PUNCTUATION =
            Pattern.compile("(?:" + JS_SPACE + "*[;:,.!?¡¿—…\"«»“”(){}\\[\\]]+" + JS_SPACE + "*)+");
    private static final Pattern HUNDRED = Pattern.compile("(?<=[a-zɹː])(?=hˈʌndɹɪd)");
    private static final Pattern LONE_Z = Pattern.compile(" z(?=[;:,.!?¡¿—…\"«»“” ]|\\z)");
    private static final Pattern AMERICAN_NINETY = Pattern.compile("(?<=nˈaɪn)ti(?!ː)");
    private static final Pattern EDGE_SPACE = Pattern.compile("^" + JS_SPACE + "+|" + JS_SPACE + "+\\z");

    private final EspeakPhonemizer espeak;

    KokoroEnglish(EspeakPhonemizer espeak) {
        this.espeak = espeak;
    }

    static boolean speaks(String voiceName) {
        String language = KokoroLanguages.ofVoice(voiceName);
        return language.equals("en-us") || language.equals("en-gb");
    }

    /** The phonemes kokoro-js hands its tokenizer for {@code text}. */
    String phonemes(String text, String voiceName) {
        boolean british = voiceName.startsWith("b");
        String normalized = KokoroTextNormalizer.normalize(text);
        StringBuilder ipa = new StringBuilder();
        Matcher punctuation = PUNCTUATION.matcher(normalized);
        int at = 0;
        while (punctuation.find()) {
            ipa.append(spoken(normalized.substring(at, punctuation.start()), british));
            ipa.append(punctuation.group());
            at = punctuation.end();
        }
        ipa.append(spoken(normalized.substring(at), british));
        return rewritten(ipa.toString(), british);
    }

    private String spoken(String words, boolean british) {
        return words.isEmpty() ? "" : String.join(" ", espeak.phonemeTraceLines(words, british ? "en" : "en-us"));
    }

    /** kokoro-js's fixes to espeak's IPA, in its order. */
    static String rewritten(String ipa, boolean british) {
        String result = ipa.replace("kəkˈoːɹoʊ", "kˈoʊkəɹoʊ")
                .replace("kəkˈɔːɹəʊ", "kˈəʊkəɹəʊ")
                .replace('ʲ', 'j')
                .replace('r', 'ɹ')
                .replace('x', 'k')
                .replace('ɬ', 'l');
        result = HUNDRED.matcher(result).replaceAll(" ");
        result = LONE_Z.matcher(result).replaceAll("z");
        if (!british) {
            result = AMERICAN_NINETY.matcher(result).replaceAll("di");
        }
        return EDGE_SPACE.matcher(result).replaceAll("");
    }
}
