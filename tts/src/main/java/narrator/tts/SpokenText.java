package narrator.tts;

import java.util.List;

/**
 * What a voice is asked to say: written words and, where the writer said how a word is pronounced,
 * phonemes in place of those words. Voices that take phonemes (Piper, Kokoro) send them to the model
 * as given, bypassing espeak-ng; espeak-ng's own voices say the written words instead.
 */
public record SpokenText(List<Part> parts) {
    public SpokenText {
        parts = List.copyOf(parts);
    }

    /** One stretch of the text. */
    public sealed interface Part permits Words, Phonemes {
    }

    /** Text the voice's front end turns into phonemes itself. */
    public record Words(String text) implements Part {
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

    /** The whole text as words, each IPA stretch replaced by what it stands for. */
    public String asWritten() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(part instanceof Words words ? words.text() : ((Phonemes) part).written());
        }
        return text.toString();
    }

    /** The text as one string that tells apart different phonemes: the written text when there are none. */
    public String key() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(part instanceof Words words ? words.text() : "\u0001" + ((Phonemes) part).ipa() + "\u0001");
        }
        return text.toString();
    }
}
