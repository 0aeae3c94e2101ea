package narrator.pipeline;

import java.util.ArrayList;
import java.util.List;
import narrator.tts.SpokenText;

/**
 * One sentence to speak and show as subtitles; {@code paragraphEnd} asks for the longer pause after it.
 * Script markup adds the rest: the {@code speaker} saying it (null: the request's own voice), the
 * spans shown with emphasis, how some words are said, and a pause the writer asked for after it
 * ({@code pauseAfterSeconds}, null for the usual one). Spans never overlap and are in order.
 */
public record Sentence(String text, boolean paragraphEnd, Speaker speaker, List<TextSpan> emphasis,
                       List<Pronunciation> pronunciations, Double pauseAfterSeconds) {
    public Sentence {
        emphasis = List.copyOf(emphasis);
        pronunciations = List.copyOf(pronunciations);
    }

    /** A sentence of a plain script. */
    public Sentence(String text, boolean paragraphEnd) {
        this(text, paragraphEnd, null, List.of(), List.of(), null);
    }

    /**
     * What the voice is asked to say: the text, each pronounced stretch replaced (IPA as phonemes), the
     * emphasised stretches marked.
     */
    public SpokenText spoken() {
        List<SpokenText.Part> parts = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        boolean stressed = false;
        int at = 0;
        for (int k = 0; k <= pronunciations.size(); k++) {
            Pronunciation p = k < pronunciations.size() ? pronunciations.get(k) : null;
            int end = p == null ? text.length() : p.span().start();
            // Plain text up to the next pronunciation, cut where emphasis starts or stops.
            for (int i = at; i < end; i++) {
                if (emphasised(i) != stressed && !words.isEmpty()) {
                    parts.add(new SpokenText.Words(words.toString(), stressed));
                    words.setLength(0);
                }
                stressed = emphasised(i);
                words.append(text.charAt(i));
            }
            if (p == null) {
                break;
            }
            String written = text.substring(p.span().start(), p.span().end());
            boolean inEmphasis = emphasised(p.span().start());
            if (!words.isEmpty() && (p.ipa() || inEmphasis != stressed)) {
                parts.add(new SpokenText.Words(words.toString(), stressed));
                words.setLength(0);
            }
            if (p.ipa()) {
                parts.add(new SpokenText.Phonemes(p.spoken(), written));
            } else {
                stressed = inEmphasis;
                words.append(p.spoken());
            }
            at = p.span().end();
        }
        if (!words.isEmpty()) {
            parts.add(new SpokenText.Words(words.toString(), stressed));
        }
        return new SpokenText(parts);
    }

    private boolean emphasised(int index) {
        return emphasis.stream().anyMatch(span -> span.start() <= index && index < span.end());
    }
}
