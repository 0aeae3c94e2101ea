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

    /** What the voice is asked to say: the text, with each pronounced stretch replaced. */
    public SpokenText spoken() {
        List<SpokenText.Part> parts = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        int at = 0;
        for (Pronunciation p : pronunciations) {
            words.append(text, at, p.span().start());
            String written = text.substring(p.span().start(), p.span().end());
            if (p.ipa()) {
                if (!words.isEmpty()) {
                    parts.add(new SpokenText.Words(words.toString()));
                    words.setLength(0);
                }
                parts.add(new SpokenText.Phonemes(p.spoken(), written));
            } else {
                words.append(p.spoken());
            }
            at = p.span().end();
        }
        words.append(text, at, text.length());
        if (!words.isEmpty()) {
            parts.add(new SpokenText.Words(words.toString()));
        }
        return new SpokenText(parts);
    }
}
