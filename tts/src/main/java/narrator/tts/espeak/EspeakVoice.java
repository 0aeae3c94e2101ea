package narrator.tts.espeak;

import java.util.ArrayList;
import java.util.List;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.FrontEnd;
import narrator.tts.MarkedSpeech;
import narrator.tts.ModelCall;
import narrator.tts.SpeakableText;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.SpokenText;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import narrator.tts.WordMark;

/**
 * espeak-ng's own formant voice ({@code espeak:en-us}): robotic but needs no download, so it is
 * the fallback when no neural model is installed. Synthesis is serialized process-wide.
 */
public final class EspeakVoice implements Voice, FrontEnd {
    /** espeak-ng always synthesizes at this rate. */
    public static final int SAMPLE_RATE = 22050;
    /** espeak-ng's default speaking rate, used for speed 1.0. */
    static final int WORDS_PER_MINUTE = 175;

    private final EspeakEngine engine;
    private final EspeakPhonemizer phonemizer;
    private final VoiceInfo info;

    private EspeakVoice(EspeakEngine engine, String language) {
        this.engine = engine;
        this.phonemizer = EspeakPhonemizer.shared();
        this.info = describe(language);
    }

    /** What a voice for {@code language} is, without loading espeak-ng. */
    public static VoiceInfo describe(String language) {
        return new VoiceInfo("espeak:" + language, "espeak", language, language, SAMPLE_RATE, List.of());
    }

    /**
     * The voice for an espeak-ng language name such as {@code en-us} or {@code fr}.
     *
     * @throws NarratorException UNKNOWN_VOICE when espeak-ng has no such language,
     *     VOICE_UNAVAILABLE when libespeak-ng is not installed
     */
    public static EspeakVoice load(String language) {
        EspeakEngine engine = EspeakEngine.shared();
        engine.requireLanguage(language);
        return new EspeakVoice(engine, language);
    }

    @Override
    public VoiceInfo info() {
        return info;
    }

    /** One entry per sentence with its IPA; no ids, since espeak-ng speaks the text itself. */
    @Override
    public List<ModelCall> calls(String text) {
        SpeakableText.require(text);
        return phonemizer.phonemizeSentences(text, info.language()).stream()
                .map(sentence -> new ModelCall(sentence, List.of(), ModelCall.NO_STYLE_ROW))
                .toList();
    }

    /** Speed maps to words per minute (175 x speed); espeak-ng clamps it to its own range. */
    @Override
    public Speech speak(String text, SpeechOptions options) {
        return speakMarked(text, options).speech();
    }

    /**
     * The speech and where each word truly starts, from espeak-ng's own word events: what aligning a
     * recording to its script needs, and what no neural engine reports.
     */
    public MarkedSpeech speakMarked(String text, SpeechOptions options) {
        SpeakableText.require(text);
        return speech(text, text, false, options);
    }

    /** Emphasised words are stressed through espeak-ng's SSML {@code <emphasis>}; IPA is said as its written form. */
    @Override
    public Speech speak(SpokenText text, SpeechOptions options) {
        String written = text.asWritten();
        SpeakableText.require(written);
        return (text.hasEmphasis() ? speech(ssml(text), written, true, options) : speech(written, written, false, options))
                .speech();
    }

    private static String ssml(SpokenText text) {
        StringBuilder ssml = new StringBuilder("<speak>");
        for (SpokenText.Part part : text.parts()) {
            boolean emphasis = part instanceof SpokenText.Words words && words.emphasis();
            String said = part instanceof SpokenText.Words words ? words.text() : ((SpokenText.Phonemes) part).written();
            String escaped = said.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            ssml.append(emphasis ? "<emphasis>" + escaped + "</emphasis>" : escaped);
        }
        return ssml.append("</speak>").toString();
    }

    /** Word marks index {@code input}: only meaningful when it is the plain text (not SSML). */
    private MarkedSpeech speech(String input, String written, boolean ssml, SpeechOptions options) {
        EspeakEngine.Marked marked = engine.synthesize(input, info.language(),
                (int) Math.round(WORDS_PER_MINUTE * options.speed()), ssml);
        short[] pcm = marked.samples();
        if (pcm.length == 0) {
            throw new NarratorException(ErrorCode.INVALID_TEXT, "espeak-ng found nothing to pronounce in the text");
        }
        float[] samples = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            samples[i] = pcm[i] / 32768f;
        }
        List<WordMark> words = new ArrayList<>();
        for (int[] event : marked.words()) {
            words.add(new WordMark(charIndex(input, event[0] - 1), Math.min(event[1], pcm.length)));
        }
        return new MarkedSpeech(new Speech(samples, SAMPLE_RATE, phonemizer.phonemize(written, info.language())), words);
    }

    /** espeak-ng counts text positions in code points from 1; Java indexes UTF-16 chars. */
    private static int charIndex(String text, int codePoints) {
        int clamped = Math.max(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.offsetByCodePoints(0, clamped);
    }
}
