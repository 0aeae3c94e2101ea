package narrator.pipeline.narration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.CancelSignal;
import narrator.pipeline.Narration;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Sentence;
import narrator.pipeline.Speaker;
import narrator.pipeline.SpokenSentence;
import narrator.tts.Speech;
import narrator.tts.SpeechOptions;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarrationBuilderTest {
    private static final int RATE = 16000;

    @TempDir
    Path dir;

    /** A hand-written voice: 100 samples per character, so expected timings are easy to state. */
    static final class CountingVoice implements Voice {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        @Override
        public void releaseWorkingMemory() {
            releases.incrementAndGet();
        }

        @Override
        public VoiceInfo info() {
            return new VoiceInfo("test:counting", "test", "counting", "en-us", RATE, List.of());
        }

        @Override
        public Speech speak(String text, SpeechOptions options) {
            calls.incrementAndGet();
            if (text.chars().noneMatch(Character::isLetterOrDigit)) {
                throw new NarratorException(ErrorCode.INVALID_TEXT, "nothing to speak");
            }
            float[] samples = new float[(int) Math.round(text.length() * 100 / options.speed())];
            java.util.Arrays.fill(samples, 0.5f);
            return new Speech(samples, RATE, text.toLowerCase());
        }
    }

    /** A voice at half the track's rate that reports where its words start, as a model with durations does. */
    static final class TimedVoice implements Voice {
        @Override
        public VoiceInfo info() {
            return new VoiceInfo("test:timed", "test", "timed", "en-us", RATE / 2, List.of());
        }

        @Override
        public Speech speak(String text, SpeechOptions options) {
            float[] samples = new float[4000];
            java.util.Arrays.fill(samples, 0.5f);
            return new Speech(samples, RATE / 2, text.toLowerCase(), List.of(0L, 1000L, 2500L));
        }
    }

    @Test
    void wordStartsOfAResampledVoiceAreScaledToTheTrackRate() {
        Cast cast = new Cast(new Cast.Voicing(new CountingVoice(), SpeechOptions.DEFAULT),
                Map.of("BOB", new Cast.Voicing(new TimedVoice(), SpeechOptions.DEFAULT)));
        Narration narration = new NarrationBuilder(SpeechCache.disabled(), new Pauses(0.25, 1.0)).narrate(List.of(
                        new Sentence("Hi.", false),
                        new Sentence("One two three.", false, new Speaker("BOB", null), List.of(), List.of(), null)),
                cast, dir.resolve("voice.wav"), ProgressListener.NONE, CancelSignal.none());

        assertEquals(RATE, narration.sampleRate(), "the track runs at the faster voice's rate");
        SpokenSentence bob = narration.sentences().get(1);
        assertEquals(8000, bob.endSample() - bob.startSample(), "4000 samples at 8 kHz are 8000 at 16 kHz");
        long start = bob.startSample();
        assertEquals(List.of(start, start + 2000, start + 5000), bob.wordStarts());
    }

    private Narration narrate(List<Sentence> sentences, Voice voice, SpeechCache cache) {
        return new NarrationBuilder(cache, new Pauses(0.25, 1.0))
                .narrate(sentences, voice, SpeechOptions.DEFAULT, dir.resolve("voice.wav"), ProgressListener.NONE,
                        CancelSignal.none());
    }

    @Test
    void theVoiceReleasesItsWorkingMemoryOnceTheNarrationIsDoneOrHasFailed() {
        CountingVoice voice = new CountingVoice();
        narrate(List.of(new Sentence("One.", false), new Sentence("Two.", false)), voice, SpeechCache.disabled());
        assertEquals(1, voice.releases.get());

        assertThrows(NarratorException.class, () -> narrate(List.of(new Sentence("...", false)), voice, SpeechCache.disabled()));
        assertEquals(2, voice.releases.get());
    }

    @Test
    void timingComesFromSampleCountsWithPausesAndNeverDrifts() throws Exception {
        List<Sentence> sentences = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sentences.add(new Sentence("Sentence number " + i + " is here.", i % 10 == 9));
        }
        Narration narration = narrate(sentences, new CountingVoice(), SpeechCache.disabled());

        long expectedStart = 0;
        for (int i = 0; i < 200; i++) {
            SpokenSentence s = narration.sentences().get(i);
            long length = sentences.get(i).text().length() * 100L;
            assertEquals(expectedStart, s.startSample(), "start of sentence " + i);
            assertEquals(expectedStart + length, s.endSample(), "end of sentence " + i);
            expectedStart += length + (sentences.get(i).paragraphEnd() ? RATE : RATE / 4);
        }
        SpokenSentence last = narration.sentences().get(199);
        assertEquals(last.endSample(), narration.totalSamples(), "the last cue ends exactly where the voice ends");

        byte[] wav = Files.readAllBytes(narration.wav());
        ByteBuffer header = ByteBuffer.wrap(wav, 0, 44).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(RATE, header.getInt(24));
        assertEquals(narration.totalSamples() * 2, header.getInt(40));
        assertEquals(44 + narration.totalSamples() * 2, wav.length);
    }

    @Test
    void pauseSamplesAreSilentAndSpeechIsWritten() throws Exception {
        Narration narration = narrate(List.of(new Sentence("Ab.", false), new Sentence("Cd.", true)),
                new CountingVoice(), SpeechCache.disabled());
        ByteBuffer pcm = ByteBuffer.wrap(Files.readAllBytes(narration.wav())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16384, pcm.getShort(44), "0.5 as 16-bit");
        long firstPause = narration.sentences().get(0).endSample();
        assertEquals(0, pcm.getShort((int) (44 + firstPause * 2)));
        assertEquals(300 + RATE / 4, narration.sentences().get(1).startSample());
    }

    @Test
    void repeatedSentencesAreSynthesizedOnceAndTheCacheSurvivesBuilders() {
        CountingVoice voice = new CountingVoice();
        SpeechCache cache = new SpeechCache(dir.resolve("cache"), 10_000_000);
        List<Sentence> script = List.of(new Sentence("Same words here.", false), new Sentence("Same words here.", false),
                new Sentence("Other words here.", true));
        Narration first = narrate(script, voice, cache);
        assertEquals(2, voice.calls.get());
        Narration again = narrate(script, voice, new SpeechCache(dir.resolve("cache"), 10_000_000));
        assertEquals(2, voice.calls.get(), "second render served from disk");
        assertEquals(first.sentences(), again.sentences());
        assertEquals("same words here.", again.sentences().get(0).phonemes());
    }

    @Test
    void cacheKeyCoversVoiceSpeedSpeakerAndText() {
        String base = SpeechCache.key("piper:a", SpeechOptions.DEFAULT, "Hi.");
        assertTrue(!base.equals(SpeechCache.key("piper:b", SpeechOptions.DEFAULT, "Hi.")));
        assertTrue(!base.equals(SpeechCache.key("piper:a", new SpeechOptions(1.5, null), "Hi.")));
        assertTrue(!base.equals(SpeechCache.key("piper:a", new SpeechOptions(1.0, "2"), "Hi.")));
        assertTrue(!base.equals(SpeechCache.key("piper:a", SpeechOptions.DEFAULT, "Hi!")));
    }

    @Test
    void cacheEvictsLeastRecentlyUsedOverBudget() throws Exception {
        Path cacheDir = dir.resolve("small");
        SpeechCache cache = new SpeechCache(cacheDir, 5_000);
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, new CachedSpeech(new byte[1000], RATE, "", List.of()));
        }
        long total;
        try (var files = Files.list(cacheDir)) {
            total = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total <= 5_000, "cache holds " + total + " bytes");
        assertTrue(cache.get("k9").isPresent(), "newest entry kept");
        assertArrayEquals(new byte[1000], cache.get("k9").orElseThrow().pcm16());
    }

    @Test
    void cacheDeletesTemporaryFilesOfWritersThatDiedBeforeTheirMove() throws Exception {
        Path cacheDir = Files.createDirectories(dir.resolve("crashed"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        // What a writer killed between writing and moving leaves, and what a live writer has in hand.
        Path orphan = Files.write(cacheDir.resolve("k1." + dead.pid() + ".123.tmp"), new byte[100]);
        Path inHand = Files.write(cacheDir.resolve("k2." + ProcessHandle.current().pid() + ".456.tmp"), new byte[100]);

        new SpeechCache(cacheDir, 1_000_000).put("k3", new CachedSpeech(new byte[10], RATE, "", List.of()));

        assertTrue(Files.notExists(orphan), "the dead writer's file is deleted");
        assertTrue(Files.exists(inHand), "a live writer's file is left to it");
        try (var files = Files.list(cacheDir)) {
            assertEquals(List.of("k2." + ProcessHandle.current().pid() + ".456.tmp", "k3"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void damagedCacheEntryIsAMiss() throws Exception {
        Path cacheDir = Files.createDirectories(dir.resolve("bad"));
        Files.write(cacheDir.resolve("k"), new byte[] {1, 2, 3});
        assertTrue(new SpeechCache(cacheDir, 1_000_000).get("k").isEmpty());
    }

    @Test
    void unspeakableSentencesAreSkippedButAnAllUnspeakableScriptFails() {
        Narration narration = narrate(List.of(new Sentence("Hello there.", true), new Sentence("* * *", true),
                new Sentence("Bye now.", true)), new CountingVoice(), SpeechCache.disabled());
        assertEquals(List.of("Hello there.", "Bye now."), narration.sentences().stream().map(SpokenSentence::text).toList());

        NarratorException e = assertThrows(NarratorException.class,
                () -> narrate(List.of(new Sentence("!!!", true)), new CountingVoice(), SpeechCache.disabled()));
        assertEquals(ErrorCode.INVALID_TEXT, e.code());
    }

    @Test
    void cancellationStopsBetweenSentences() {
        CancelSignal cancel = new CancelSignal();
        CountingVoice voice = new CountingVoice();
        List<Sentence> script = List.of(new Sentence("One two three.", false), new Sentence("Four five six.", false));
        NarratorException e = assertThrows(NarratorException.class, () -> new NarrationBuilder(SpeechCache.disabled(),
                Pauses.DEFAULT).narrate(script, voice, SpeechOptions.DEFAULT, dir.resolve("v.wav"),
                (stage, fraction) -> cancel.cancel(), cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(1, voice.calls.get());
    }
}
