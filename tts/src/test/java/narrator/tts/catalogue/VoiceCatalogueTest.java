package narrator.tts.catalogue;

import narrator.tts.SpeechOptions;
import narrator.tts.TtsSettings;
import narrator.tts.Voice;
import narrator.tts.VoiceInfo;
import narrator.tts.catalogue.VoiceCatalogue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.tts.espeak.EspeakVoice;
import narrator.tts.kokoro.KokoroTestModel;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceCatalogueTest {
    @TempDir
    Path models;
    @TempDir
    Path elsewhere;

    @Test
    void listsPiperVoicesInTheModelsDirItsSubfoldersAndTheConfiguredPath() throws IOException {
        TestVoices.writePiperVoice(models, "en_US-lessac-medium", 1);
        Files.createDirectories(models.resolve("multi"));
        TestVoices.writePiperVoice(models.resolve("multi"), "en_GB-multi-low", 3);
        Path configured = TestVoices.writePiperVoice(elsewhere, "en_US-custom-high", 1);
        Files.writeString(models.resolve("orphan.onnx"), "no config beside it");

        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper").withModelsDir(models)
                .withPiperModel(configured))) {
            List<String> ids = catalogue.installed().stream().map(VoiceInfo::id).toList();
            assertEquals(List.of("piper:en_US-custom-high", "piper:en_GB-multi-low", "piper:en_US-lessac-medium"),
                    ids.subList(0, 3));
            assertTrue(ids.contains("espeak:en-us") && ids.contains("espeak:fr"), ids.toString());
            assertFalse(ids.stream().anyMatch(id -> id.contains("orphan")), ids.toString());
            VoiceInfo multi = catalogue.installed().get(1);
            assertEquals(List.of("speaker_0", "speaker_1", "speaker_2"), multi.speakers());
            assertEquals("piper:en_US-custom-high", catalogue.defaultVoiceId());
        }
    }

    @Test
    void loadsEachVoiceOnceAndKeepsIt() {
        TestVoices.writePiperVoice(models, "en_US-lessac-medium", 1);
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            assertFalse(catalogue.isLoaded("piper:en_US-lessac-medium"));
            Voice voice = catalogue.voice("piper:en_US-lessac-medium");
            assertSame(voice, catalogue.voice("piper:en_US-lessac-medium"));
            assertTrue(catalogue.isLoaded("piper:en_US-lessac-medium"));
            catalogue.voice("espeak:en-us");
            assertEquals(List.of("espeak:en-us", "piper:en_US-lessac-medium"), catalogue.loadedVoiceIds());
            assertTrue(voice.speak("Loaded once.", SpeechOptions.DEFAULT).samples().length > 0);
        }
    }

    @Test
    void concurrentFirstCallsShareOneLoad() throws Exception {
        TestVoices.writePiperVoice(models, "en_US-lessac-medium", 1);
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Callable<Voice>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> {
                        start.await();
                        return catalogue.voice("piper:en_US-lessac-medium");
                    });
                }
                List<Future<Voice>> results = new ArrayList<>();
                calls.forEach(call -> results.add(pool.submit(call)));
                start.countDown();
                Voice first = results.get(0).get();
                for (Future<Voice> result : results) {
                    assertSame(first, result.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void malformedIdsExplainTheFormat() {
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            for (String id : List.of("", "lessac", "piper:", ":x", "mbrola:en1", "piper:../../etc/passwd")) {
                NarratorException e = assertThrows(NarratorException.class, () -> catalogue.voice(id));
                assertEquals(ErrorCode.UNKNOWN_VOICE, e.code(), id);
                assertTrue(e.getMessage().contains("voice ids look like piper:NAME"), e.getMessage());
            }
        }
    }

    @Test
    void uninstalledVoiceListsWhatIsInstalled() {
        TestVoices.writePiperVoice(models, "en_US-amy-low", 1);
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            NarratorException e = assertThrows(NarratorException.class, () -> catalogue.voice("piper:de_DE-thorsten-high"));
            assertEquals(ErrorCode.UNKNOWN_VOICE, e.code());
            assertTrue(e.getMessage().contains("no Piper voice de_DE-thorsten-high"), e.getMessage());
            assertTrue(e.getMessage().contains("installed: piper:en_US-amy-low"), e.getMessage());
            assertEquals(ErrorCode.UNKNOWN_VOICE,
                    assertThrows(NarratorException.class, () -> catalogue.voice("espeak:xx-nope")).code());
        }
    }

    @Test
    void brokenVoiceIsLeftOutOfTheListingAndUnavailableOnUse() throws IOException {
        TestVoices.writePiperVoice(models, "en_US-broken-medium", 1);
        Files.writeString(models.resolve("en_US-broken-medium.onnx.json"), "{");
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            assertTrue(catalogue.installed().stream().noneMatch(info -> info.engine().equals("piper")));
            NarratorException e = assertThrows(NarratorException.class, () -> catalogue.voice("piper:en_US-broken-medium"));
            assertEquals(ErrorCode.VOICE_UNAVAILABLE, e.code());
            assertFalse(catalogue.isLoaded("piper:en_US-broken-medium"));
        }
    }

    @Test
    void defaultPrefersLessacThenFallsBackToEspeakWithAReason() {
        try (VoiceCatalogue empty = new VoiceCatalogue(settings("piper"))) {
            assertEquals("espeak:en-us", empty.defaultVoiceId());
            assertTrue(empty.defaultVoiceNote().orElseThrow().contains("no Piper voice is installed"));
        }
        TestVoices.writePiperVoice(models, "en_GB-alan-medium", 1);
        TestVoices.writePiperVoice(models, "en_US-lessac-medium", 1);
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            assertEquals("piper:en_US-lessac-medium", catalogue.defaultVoiceId());
            assertEquals(Optional.empty(), catalogue.defaultVoiceNote());
        }
        try (VoiceCatalogue espeak = new VoiceCatalogue(settings("espeak"))) {
            assertEquals("espeak:en-us", espeak.defaultVoiceId());
            assertEquals(Optional.empty(), espeak.defaultVoiceNote());
        }
        try (VoiceCatalogue kokoro = new VoiceCatalogue(settings("kokoro"))) {
            assertEquals("espeak:en-us", kokoro.defaultVoiceId());
            assertTrue(kokoro.defaultVoiceNote().orElseThrow().contains("voices-v1.0.bin"));
        }
    }

    @Test
    void theDefaultIsDecidedAtStartAndAgainOnlyWhenTheVoicesAreListed() {
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            assertEquals("espeak:en-us", catalogue.defaultVoiceId());

            TestVoices.writePiperVoice(models, "en_US-lessac-medium", 1);

            assertEquals("espeak:en-us", catalogue.defaultVoiceId(), "a submission does not scan the models dir");
            assertTrue(catalogue.defaultVoiceNote().isPresent());
            catalogue.installed();
            assertEquals("piper:en_US-lessac-medium", catalogue.defaultVoiceId(), "listing picks up a fetched voice");
            assertEquals(Optional.empty(), catalogue.defaultVoiceNote());
        }
    }

    @Test
    void kokoroVoicesComeFromTheVoicesFileInTheModelsDir() throws IOException {
        Path[] files = KokoroTestModel.write(elsewhere, "af_bella", "bf_emma");
        Files.copy(files[0], models.resolve("kokoro-v1.0.int8.onnx"));
        Files.copy(files[1], models.resolve("voices-v1.0.bin"));
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("kokoro"))) {
            List<VoiceInfo> kokoro = catalogue.installed().stream().filter(info -> info.engine().equals("kokoro")).toList();
            assertEquals(List.of("kokoro:af_bella", "kokoro:bf_emma"), kokoro.stream().map(VoiceInfo::id).toList());
            assertEquals("en-gb", kokoro.get(1).language());
            assertEquals("kokoro:af_bella", catalogue.defaultVoiceId());
            Voice bella = catalogue.voice("kokoro:af_bella");
            assertSame(bella, catalogue.voice("kokoro:af_bella"));
            assertEquals(kokoro.get(0), bella.info());
            assertEquals(24000, bella.speak("Hello there.", SpeechOptions.DEFAULT).sampleRate());
        }
    }

    @Test
    void everyListedEspeakLanguageLoads() {
        for (String language : VoiceCatalogue.ESPEAK_LANGUAGES) {
            assertEquals("espeak:" + language, EspeakVoice.load(language).info().id());
        }
    }

    @Test
    void describingOneVoiceAgreesWithTheListingWithoutLoadingIt() throws IOException {
        TestVoices.writePiperVoice(models, "duo", 2);
        Path[] kokoroFiles = KokoroTestModel.write(elsewhere, "af_bella");
        Files.copy(kokoroFiles[0], models.resolve("kokoro-v1.0.onnx"));
        Files.copy(kokoroFiles[1], models.resolve("voices-v1.0.bin"));
        Files.writeString(models.resolve("broken.onnx"), "not a model");
        Files.writeString(models.resolve("broken.onnx.json"), "{");
        try (VoiceCatalogue catalogue = new VoiceCatalogue(settings("piper"))) {
            for (VoiceInfo listed : catalogue.installed()) {
                assertEquals(Optional.of(listed), catalogue.describe(listed.id()), listed.id());
            }
            assertEquals(List.of(), catalogue.loadedVoiceIds(), "describing loads nothing");
            for (String absent : List.of("piper:nope", "piper:broken", "kokoro:zz_nobody", "espeak:klingon", "nonsense",
                    "piper:../x")) {
                assertEquals(Optional.empty(), catalogue.describe(absent), absent);
            }
            Voice duo = catalogue.voice("piper:duo");
            assertEquals(Optional.of(duo.info()), catalogue.describe("piper:duo"));
        }
    }

    private TtsSettings settings(String provider) {
        return TtsSettings.defaults().withProvider(provider).withModelsDir(models);
    }
}
