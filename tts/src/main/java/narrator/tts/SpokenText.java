package narrator.tts;

import java.util.List;

/**
 * What a voice is asked to say: written words, some of them emphasised, and, where the writer said how
 * a word is pronounced, phonemes in place of those words. Voices that take phonemes (Piper, Kokoro)
 * send them to the model as given, bypassing espeak-ng; espeak-ng's own voices say the written words
 * instead, and are the only ones that stress the emphasised words (Piper and Kokoro models take no
 * emphasis input).
 */
public record SpokenText(List<Part> parts) {
    public SpokenText {
        parts = List.copyOf(parts);
    }

    /** One stretch of the text. */
    public sealed interface Part permits Words, Phonemes {
    }

    /** Text the voice's front end turns into phonemes itself; {@code emphasis} asks for stress where the engine can. */
    public record Words(String text, boolean emphasis) implements Part {
        public Words(String text) {
            this(text, false);
        }
    }

    /** IPA to speak as given; {@code written} is what it stands for, said by voices that take no phonemes. */
    public record Phonemes(String ipa, String written) implements Part {
    }

    public static SpokenText of(String text) {
        return new SpokenText(List.of(new Words(text)));
    }

    public boolean hasPhonemes() {
        return parts.stream().anyMatch(part -> part instanceof Phonemes);
    }

    public boolean hasEmphasis() {
        return parts.stream().anyMatch(part -> part instanceof Words words && words.emphasis());
    }

    /** The whole text as words, each IPA stretch replaced by what it stands for. */
    public String asWritten() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(part instanceof Words words ? words.text() : ((Phonemes) part).written());
        }
        return text.toString();
    }

    /** The text as one string that tells apart different phonemes and emphasis: the written text when there are none. */
    public String key() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Words words) {
                text.append(words.emphasis() ? "\u0002" + words.text() + "\u0002" : words.text());
            } else {
                text.append('\u0001').append(((Phonemes) part).ipa()).append('\u0001');
            }
        }
        return text.toString();
    }
}
