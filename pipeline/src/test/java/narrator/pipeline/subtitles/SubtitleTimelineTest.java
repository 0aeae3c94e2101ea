package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import narrator.pipeline.Narration;
import narrator.pipeline.Speaker;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.TextSpan;
import narrator.pipeline.VideoSize;
import org.junit.jupiter.api.Test;

class SubtitleTimelineTest {
    private static final SubtitleStyle STYLE = SubtitleStyle.DEFAULT.resolve(new VideoSize(1080, 1920));

    @Test
    void eachSentenceIsOneCueSpanningExactlyItsSamples() {
        Narration narration = narration(22050,
                new SpokenSentence("Hello, world.", 0, 26_001, ""),
                new SpokenSentence("A second sentence, a little longer than one line of text.", 37_026, 121_777, ""),
                new SpokenSentence("   ", 121_777, 130_000, ""),
                new SpokenSentence("Last.", 140_000, 150_013, ""));

        List<Cue> cues = SubtitleTimeline.build(narration, STYLE, Captions.SENTENCE);

        assertEquals(List.of(
                new Cue(0, 26_001, 22050, List.of("Hello, world."), List.of()),
                new Cue(37_026, 121_777, 22050, List.of("A second sentence, a little", "longer than one line of text."), List.of()),
                new Cue(140_000, 150_013, 22050, List.of("Last."), List.of())), cues);
    }

    @Test
    void emphasisedWordsAreMarkedWhereTheyStandInTheirCueLines() {
        // "*really*," and "*very* well": spans over the text as markup leaves it, punctuation outside the stars.
        String text = "It was really, truly very  well done.";
        SpokenSentence sentence = new SpokenSentence(text, 0, 10_000, "", List.of(), null,
                List.of(new TextSpan(7, 13), new TextSpan(22, 32)));
        SubtitleStyle narrow = SubtitleStyle.fromMap(Map.of("max_chars_per_line", 20)).resolve(new VideoSize(1080, 1920));

        Cue cue = SubtitleTimeline.build(narration(1000, sentence), narrow, Captions.SENTENCE).get(0);

        assertEquals(List.of("It was really, truly", "very well done."), cue.lines());
        String joined = String.join("\n", cue.lines());
        assertEquals(List.of("really,", "very", "well"), cue.emphasis().stream()
                .map(s -> joined.substring(s.start(), s.end())).toList());
    }

    @Test
    void aSpeakerLabelStartsEachTurnAndCountsInTheWrapping() {
        Speaker alice = new Speaker("ALICE", "#00FF00");
        Speaker bob = new Speaker("BOB", null);
        // 20 columns a line: Alice's first sentence fills two lines alone, so with its label it needs a second cue.
        SubtitleStyle labelled = SubtitleStyle.fromMap(Map.of("max_chars_per_line", 20, "speaker_labels", true))
                .resolve(new VideoSize(1080, 1920));
        Narration dialogue = narration(1000,
                new SpokenSentence("Where were you all of last night?", 0, 3000, "", List.of(), alice, List.of()),
                new SpokenSentence("Tell me.", 3000, 4000, "", List.of(), alice, List.of()),
                new SpokenSentence("Out.", 4000, 5000, "", List.of(), bob, List.of()),
                new SpokenSentence("Really?", 5000, 6000, "", List.of(), alice, List.of()));

        List<Cue> cues = SubtitleTimeline.build(dialogue, labelled, new Captions(CaptionStyle.KARAOKE, 3));

        assertEquals("""
                ALICE: Where | were you
                all of last night?
                Tell me.
                BOB: Out.
                ALICE: Really?
                """, cues.stream().map(c -> String.join(" | ", c.lines()) + "\n").collect(Collectors.joining()));
        assertEquals(List.of("ALICE:", "-", "-", "BOB:", "ALICE:"), cues.stream()
                .map(c -> c.label() == null ? "-" : c.label()).toList());
        assertTrue(cues.stream().allMatch(c -> c.lines().stream().allMatch(l -> l.length() <= 20)));
        assertEquals("Where", cues.get(0).words().get(0).text(), "the label is no timed word");
        SubtitleStyle unlabelled = SubtitleStyle.fromMap(Map.of("max_chars_per_line", 20)).resolve(new VideoSize(1080, 1920));
        assertEquals(1, SubtitleTimeline.build(dialogue, unlabelled, Captions.SENTENCE).stream()
                .filter(c -> c.endSample() <= 3000).count(), "without the label the first sentence fits one cue");
    }

    @Test
    void aLongSentenceBecomesCuesThatTileItsSpanAndBreakAtClauses() {
        String text = "When the storm finally passed over the valley, the villagers came out of their houses, "
                + "looked at the broken fences and the flooded fields, and began, slowly and without complaint, "
                + "to repair what the wind and the water had taken from them during that long and terrible night "
                + "of thunder and rain, until the first morning light came back again.";
        assertEquals(60, text.split(" ").length);
        SpokenSentence sentence = new SpokenSentence(text, 48_000, 48_000 + 24_000 * 20 + 7, "");

        List<Cue> cues = SubtitleTimeline.build(narration(24000, sentence), STYLE, new Captions(CaptionStyle.KARAOKE, 3));

        assertEquals("""
                When the storm finally passed over the | valley, the villagers came out of their
                houses, looked at the broken fences | and the flooded fields, and began,
                slowly and without complaint, to | repair what the wind and the water had
                taken from them during that long and | terrible night of thunder and rain,
                until the first morning | light came back again.
                """, cues.stream().map(c -> String.join(" | ", c.lines()) + "\n").collect(Collectors.joining()));
        assertEquals(sentence.startSample(), cues.get(0).startSample());
        assertEquals(sentence.endSample(), cues.get(cues.size() - 1).endSample());
        for (int i = 1; i < cues.size(); i++) {
            assertEquals(cues.get(i - 1).endSample(), cues.get(i).startSample(), "no gap or overlap before cue " + i);
        }
        for (Cue cue : cues) {
            assertTrue(cue.lines().stream().allMatch(l -> l.length() <= STYLE.maxCharsPerLine()), cue.lines().toString());
        }
    }

    @Test
    void wordsAreWeightedByPhonemesWhenTheWordCountsMatch() {
        // aɪ = 2, æm = 2, hˈɪɹ = 3 phonemes (the stress mark is not one): 7 shares of 1000 samples.
        Cue cue = onlyCue(new SpokenSentence("I am here.", 1000, 8000, "aɪ æm hˈɪɹ."));

        assertEquals(List.of(new WordTiming("I", 1000, 3000), new WordTiming("am", 3000, 5000),
                new WordTiming("here.", 5000, 8000)), cue.words());
    }

    @Test
    void wordsAreWeightedByLettersOtherwise() {
        // I = 1, am = 2, here = 4 letters; 7001 samples do not divide evenly: the last word ends at the end.
        Cue cue = onlyCue(new SpokenSentence("I am here.", 0, 7001, "aɪ æm"));

        assertEquals(List.of(new WordTiming("I", 0, 1000), new WordTiming("am", 1000, 3000),
                new WordTiming("here.", 3000, 7001)), cue.words());
    }

    @Test
    void knownWordStartsFromAnAlignmentAreUsedAsTheyAre() {
        // "--" holds no letter, so it is no word of its own: three starts for three words.
        Cue cue = onlyCue(new SpokenSentence("I am -- here.", 1000, 8000, "aɪ æm hˈɪɹ.", List.of(1000L, 1500L, 6000L), null, List.of()));

        assertEquals(List.of(new WordTiming("I", 1000, 1500), new WordTiming("am --", 1500, 6000),
                new WordTiming("here.", 6000, 8000)), cue.words());
    }

    @Test
    void cjkCharactersAreTimedOneByOne() {
        Cue cue = onlyCue(new SpokenSentence("你好，世界。", 0, 4003, "ni2 xau3 ʂi5 tɕie5"));

        assertEquals(List.of(new WordTiming("你", 0, 1000), new WordTiming("好，", 1000, 2001),
                new WordTiming("世", 2001, 3002), new WordTiming("界。", 3002, 4003)), cue.words());
    }

    @Test
    void withoutKaraokeCuesCarryNoWords() {
        Cue cue = SubtitleTimeline.build(narration(24000, new SpokenSentence("I am here.", 0, 700, "")), STYLE, Captions.SENTENCE).get(0);

        assertEquals(List.of(), cue.words());
    }

    @Test
    void theWordStyleMakesOneTimedCuePerWord() {
        SpokenSentence sentence = new SpokenSentence("I am -- here.", 1000, 8000, "", List.of(1000L, 1500L, 6000L), null, List.of());

        List<Cue> cues = SubtitleTimeline.build(narration(24000, sentence), STYLE, new Captions(CaptionStyle.WORD, 3));

        assertEquals(List.of(
                new Cue(1000, 1500, 24000, List.of("I"), List.of(new WordTiming("I", 1000, 1500))),
                new Cue(1500, 6000, 24000, List.of("am --"), List.of(new WordTiming("am --", 1500, 6000))),
                new Cue(6000, 8000, 24000, List.of("here."), List.of(new WordTiming("here.", 6000, 8000)))), cues);
    }

    @Test
    void chunksHoldAtMostMaxWordsAndBreakAtPhraseBoundaries() {
        String text = "Well, the quick brown fox jumps over the lazy dog, and then it sleeps.";
        assertEquals("""
                Well,
                the quick brown
                fox jumps over
                the lazy dog,
                and then
                it sleeps.
                """, chunkLines(text, 3), "even chunks: 2 + 2 rather than 3 + 1");
        assertEquals("""
                Well,
                the quick
                brown fox
                jumps over
                the lazy
                dog,
                and then
                it sleeps.
                """, chunkLines(text, 2));
        assertEquals("""
                Well,
                the quick brown fox | jumps over the lazy dog,
                and then it sleeps.
                """, chunkLines(text, 20), "a phrase boundary is never inside a caption");
    }

    @Test
    void chunksTileTheSentence() {
        SpokenSentence sentence = new SpokenSentence("One two three four five.", 100, 10_100, "");
        List<Cue> cues = SubtitleTimeline.build(narration(24000, sentence), STYLE, new Captions(CaptionStyle.CHUNKS, 2));
        assertEquals(List.of(List.of("One two"), List.of("three"), List.of("four five.")).size(), cues.size());
        assertEquals(100, cues.get(0).startSample());
        assertEquals(10_100, cues.get(cues.size() - 1).endSample());
        for (int i = 1; i < cues.size(); i++) {
            assertEquals(cues.get(i - 1).endSample(), cues.get(i).startSample());
        }
        assertEquals(List.of(), cues.get(0).words(), "chunks draw no word timing");
    }

    private static String chunkLines(String text, int maxWords) {
        return SubtitleTimeline.build(narration(24000, new SpokenSentence(text, 0, 48_000, "")), STYLE,
                new Captions(CaptionStyle.CHUNKS, maxWords)).stream()
                .map(c -> String.join(" | ", c.lines()) + "\n").collect(Collectors.joining());
    }

    private static Cue onlyCue(SpokenSentence sentence) {
        List<Cue> cues = SubtitleTimeline.build(narration(24000, sentence), STYLE, new Captions(CaptionStyle.KARAOKE, 3));
        assertEquals(1, cues.size());
        return cues.get(0);
    }

    static Narration narration(int sampleRate, SpokenSentence... sentences) {
        long total = sentences[sentences.length - 1].endSample();
        return new Narration(Path.of("voice.wav"), sampleRate, total, List.of(sentences));
    }
}
