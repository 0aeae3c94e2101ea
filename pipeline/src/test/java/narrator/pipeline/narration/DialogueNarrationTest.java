package narrator.pipeline.narration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Speaker;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.VideoSize;
import narrator.pipeline.script.Lexicon;
import narrator.pipeline.script.ScriptMarkup;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;
import narrator.pipeline.subtitles.CaptionStyle;
import narrator.pipeline.subtitles.Captions;
import narrator.pipeline.subtitles.Cue;
import narrator.pipeline.subtitles.SubtitleStyle;
import narrator.pipeline.subtitles.SubtitleTimeline;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.espeak.EspeakPhonemizer;
import narrator.tts.piper.PiperVoice;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marked-up scripts spoken by generated Piper voices (real format, real inference) into a real WAV:
 * pauses measured as silence in the track, speakers told apart in the audio, voices of different
 * sample rates sharing one track with sample-exact timing.
 */
class DialogueNarrationTest {
    private static final ScriptSplitter SPLITTER = new ScriptSplitter(SplitRules.DEFAULT);
    private static final Speaker ALICE = new Speaker("ALICE", "#FFD166");
    private static final Speaker BOB = new Speaker("BOB", "#06D6A0");

    @TempDir
    Path dir;

    private Voice voice(String name, int speakers, int sampleRate) {
        return PiperVoice.load(TestVoices.writePiperVoice(dir, name, speakers, sampleRate, 0f), 1, EspeakPhonemizer.shared());
    }

    private Narration narrate(String script, ScriptMarkup markup, Cast cast) {
        return new NarrationBuilder(SpeechCache.disabled(), Pauses.DEFAULT).narrate(markup.parse(script).sentences(SPLITTER),
                cast, dir.resolve("voice.wav"), ProgressListener.NONE, CancelSignal.none());
    }

    @Test
    void pausesAreSilenceOfTheLengthAskedInTheVoiceTrack() throws Exception {
        Voice voice = voice("solo", 1, 22050);
        Narration n = narrate("""
                Hello there, my good friend. [pause 1.2s] How are you doing today?
                [pause 800ms] Fine, thank you very much.
                And how about you, my friend? [pause] I am well, thanks for asking.""", ScriptMarkup.PLAIN, Cast.of(voice, SpeechOptions.DEFAULT));

        assertEquals(List.of("Hello there, my good friend.", "How are you doing today?", "Fine, thank you very much.",
                "And how about you, my friend?", "I am well, thanks for asking."), n.sentences().stream().map(SpokenSentence::text).toList());
        List<Double> silences = silences(pcm(n.wav()), n.sampleRate());
        assertEquals(4, silences.size(), silences.toString());
        double[] asked = {1.2, 0.8, Pauses.DEFAULT.sentenceSeconds(), 0.5};
        for (int i = 0; i < asked.length; i++) {
            assertEquals(asked[i], silences.get(i), 0.010, "silence " + i + " of " + silences);
        }
    }

    @Test
    void eachSpeakerSpeaksInItsOwnVoiceAndCarriesItsNameAndColour() throws Exception {
        Voice duo = voice("duo", 2, 22050);
        Voice narrator = voice("solo", 1, 22050);
        Cast cast = new Cast(new Cast.Voicing(narrator, SpeechOptions.DEFAULT), Map.of(
                "ALICE", new Cast.Voicing(duo, new SpeechOptions(1.0, TestVoices.speakerName(0))),
                "BOB", new Cast.Voicing(duo, new SpeechOptions(1.0, TestVoices.speakerName(1)))));
        ScriptMarkup markup = new ScriptMarkup(true, Map.of("ALICE", ALICE, "BOB", BOB), Lexicon.EMPTY);
        Narration n = narrate("ALICE: Where were you last night?\nBOB: Where were you last night?\nThe end of it all.",
                markup, cast);

        List<SpokenSentence> s = n.sentences();
        assertEquals(ALICE, s.get(0).speaker());
        assertEquals(BOB, s.get(1).speaker());
        assertEquals(BOB, s.get(2).speaker(), "a line without a speaker name continues the turn");
        short[] pcm = pcm(n.wav());
        short[] alice = Arrays.copyOfRange(pcm, (int) s.get(0).startSample(), (int) s.get(0).endSample());
        short[] bob = Arrays.copyOfRange(pcm, (int) s.get(1).startSample(), (int) s.get(1).endSample());
        assertEquals(alice.length, bob.length, "the same words take as long");
        assertFalse(Arrays.equals(alice, bob), "the same words in two voices sound different");
        assertTrue(zeroCrossings(bob) > zeroCrossings(alice) * 1.02, "speaker 1 of the generated voice is higher: "
                + zeroCrossings(alice) + " vs " + zeroCrossings(bob));
    }

    @Test
    void mixedSampleRatesShareOneTrackAndTheLastCueEndsAtTheLastSampleAfterAHundredSpeakerChanges() throws Exception {
        Voice low = voice("low", 1, 16000);
        Voice high = voice("high", 1, 24000);
        Cast cast = new Cast(new Cast.Voicing(low, SpeechOptions.DEFAULT), Map.of(
                "ALICE", new Cast.Voicing(low, SpeechOptions.DEFAULT), "BOB", new Cast.Voicing(high, SpeechOptions.DEFAULT)));
        StringBuilder script = new StringBuilder();
        for (int line = 0; line <= 100; line++) {
            script.append(line % 2 == 0 ? "ALICE" : "BOB").append(": This is line number ").append(line)
                    .append(line % 7 == 0 ? ". [pause 300ms]\n" : ".\n");
        }
        Narration n = narrate(script.toString(), new ScriptMarkup(true, Map.of("ALICE", ALICE, "BOB", BOB),
                Lexicon.EMPTY), cast);

        assertEquals(24000, n.sampleRate(), "the track takes the highest rate of its voices");
        assertEquals(101, n.sentences().size());
        long changes = 0;
        for (int i = 1; i < n.sentences().size(); i++) {
            changes += n.sentences().get(i).speaker().equals(n.sentences().get(i - 1).speaker()) ? 0 : 1;
        }
        assertEquals(100, changes);
        long samplesInFile = (Files.size(n.wav()) - 44) / 2;
        assertEquals(samplesInFile, n.totalSamples());
        SpokenSentence last = n.sentences().get(100);
        assertEquals(n.totalSamples(), last.endSample(), "the last sentence ends at the last sample");
        List<Cue> cues = SubtitleTimeline.build(n, SubtitleStyle.DEFAULT.resolve(new VideoSize(1080, 1920)), new Captions(CaptionStyle.KARAOKE, Captions.DEFAULT_MAX_WORDS));
        assertEquals(n.totalSamples(), cues.get(cues.size() - 1).endSample(), "so does the last cue");

        // A 16 kHz sentence is its own samples resampled: exactly round(n x 24000 / 16000) of them.
        int native16k = low.speak("This is line number 0.", SpeechOptions.DEFAULT).samples().length;
        SpokenSentence first = n.sentences().get(0);
        assertEquals(Math.round(native16k * 1.5), first.endSample() - first.startSample());
        int native24k = high.speak("This is line number 1.", SpeechOptions.DEFAULT).samples().length;
        SpokenSentence second = n.sentences().get(1);
        assertEquals(native24k, second.endSample() - second.startSample());
        assertArrayEquals(new long[] {first.endSample() + Math.round(0.3 * 24000)}, new long[] {second.startSample()},
                "line 0's writer's pause, counted at the track rate");
    }

    static short[] pcm(Path wav) throws Exception {
        byte[] bytes = Files.readAllBytes(wav);
        short[] samples = new short[(bytes.length - 44) / 2];
        ByteBuffer.wrap(bytes, 44, bytes.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** Lengths in seconds of the runs of exact silence longer than 10 ms (a sine's zero crossings are single samples). */
    static List<Double> silences(short[] pcm, int sampleRate) {
        List<Double> runs = new ArrayList<>();
        int run = 0;
        for (short sample : pcm) {
            if (sample == 0) {
                run++;
            } else {
                if (run > sampleRate / 100) {
                    runs.add(run / (double) sampleRate);
                }
                run = 0;
            }
        }
        return runs;
    }

    private static int zeroCrossings(short[] pcm) {
        int crossings = 0;
        for (int i = 1; i < pcm.length; i++) {
            crossings += (pcm[i - 1] < 0) != (pcm[i] < 0) ? 1 : 0;
        }
        return crossings;
    }
}
