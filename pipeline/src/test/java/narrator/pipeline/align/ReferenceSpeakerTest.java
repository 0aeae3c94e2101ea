package narrator.pipeline.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.tts.SpeechOptions;
import narrator.tts.WordMark;
import narrator.tts.espeak.EspeakVoice;
import org.junit.jupiter.api.Test;

class ReferenceSpeakerTest {
    @Test
    void aWordSpokenWithTheOneBeforeHasNoMarkedStart() {
        // espeak-ng speaks "on the" as one word; "--" is no word; "3.5" is two spoken words in one text word.
        String text = "Sit on the mat -- at 3.5 pm.";
        List<WordMark> marks = List.of(new WordMark(0, 100), new WordMark(4, 900), new WordMark(11, 2000),
                new WordMark(18, 3000), new WordMark(21, 3400), new WordMark(23, 3900), new WordMark(25, 4500));

        assertArrayEquals(new long[] {100, 900, -1, 2000, 3000, 3400, 4500}, ReferenceSpeaker.markedStarts(text, marks));
    }

    @Test
    void unmarkedWordsArePlacedBetweenTheirNeighboursByLetters() {
        String text = "Sit on the mat.";
        List<WordMark> marks = List.of(new WordMark(0, 0), new WordMark(4, 1000), new WordMark(11, 2000));

        // "on" (2 letters) and "the" (3) share 1000..2000: "the" starts 2/5 of the way.
        assertEquals(List.of(50L, 1050L, 1450L, 2050L), ReferenceSpeaker.wordStarts(text, marks, 50, 3000));
    }

    @Test
    void speaksEachSentenceWithItsWordsAndPausesBetween() {
        Reference reference = new ReferenceSpeaker(EspeakVoice.load("en-us"))
                .speak(List.of(new Sentence("Good morning, everyone.", true), new Sentence("Take a seat.", false)),
                        SpeechOptions.DEFAULT);

        assertEquals(22050, reference.sampleRate());
        assertEquals(2, reference.sentences().size());
        SpokenSentence first = reference.sentences().get(0);
        SpokenSentence second = reference.sentences().get(1);
        assertEquals(3, first.wordStarts().size());
        assertEquals(3, second.wordStarts().size());
        assertEquals(first.startSample(), first.wordStarts().get(0));
        assertTrue(first.startSample() >= 22050 / 5, "lead-in silence first");
        assertTrue(second.startSample() - first.endSample() >= 22050 * 7 / 10, "a paragraph's pause");
        assertTrue(reference.pcm().length > second.endSample());
    }
}
