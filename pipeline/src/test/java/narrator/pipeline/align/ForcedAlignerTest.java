package narrator.pipeline.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.tts.SpeechOptions;
import narrator.tts.espeak.EspeakVoice;
import org.junit.jupiter.api.Test;

/** The aligner on small real recordings; accuracy over a corpus is the bench module's AlignAccuracyTest. */
class ForcedAlignerTest {
    private static final List<Sentence> SCRIPT = List.of(
            new Sentence("The ferry leaves the harbour at nine in the morning.", false),
            new Sentence("Passengers wait on the pier with their bags and bicycles.", false),
            new Sentence("When the horn sounds, the gangway is raised.", false));
    private final ReferenceSpeaker speaker = new ReferenceSpeaker(EspeakVoice.load("en-us"));
    private final ForcedAligner aligner = new ForcedAligner();

    @Test
    void leadingSilenceAndASlowerVoiceAreFollowed() {
        Reference reference = speaker.speak(SCRIPT, SpeechOptions.DEFAULT);
        Reference slower = new ReferenceSpeaker(EspeakVoice.load("en-gb-x-rp")).speak(SCRIPT, new SpeechOptions(0.8, null));
        int lead = 22050 * 2;
        short[] recording = new short[lead + slower.pcm().length];
        System.arraycopy(slower.pcm(), 0, recording, lead, slower.pcm().length);

        Alignment alignment = aligner.align(reference, recording);

        assertTrue(alignment.trusted(), "confidence " + alignment.confidence());
        for (int s = 0; s < SCRIPT.size(); s++) {
            SpokenSentence truth = slower.sentences().get(s);
            SpokenSentence found = alignment.sentences().get(s);
            assertEquals(SCRIPT.get(s).text(), found.text());
            assertEquals(lead + truth.startSample(), found.startSample(), 22050 * 0.05, "sentence " + s + " start");
            assertEquals(truth.wordStarts().size(), found.wordStarts().size());
            for (int w = 0; w < truth.wordStarts().size(); w++) {
                assertEquals(lead + truth.wordStarts().get(w), found.wordStarts().get(w), 22050 * 0.1,
                        "sentence " + s + " word " + w);
            }
            assertTrue(found.endSample() > found.startSample());
        }
    }

    @Test
    void silenceIsNotTrusted() {
        Reference reference = speaker.speak(SCRIPT, SpeechOptions.DEFAULT);

        Alignment alignment = aligner.align(reference, new short[22050 * 10]);

        assertEquals(0, alignment.confidence());
        assertEquals(SCRIPT.size(), alignment.sentences().size());
    }
}
