package narrator.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import narrator.app.config.Role;
import narrator.app.config.Settings;
import narrator.bench.cluster.ClusterBenchmark;
import narrator.bench.cluster.PostgresTarget;
import narrator.bench.segments.SegmentBenchmark;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Inspect;
import narrator.pipeline.testing.TestMedia;
import narrator.tts.kokoro.KokoroTestModel;
import narrator.tts.testing.TestVoices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, on real espeak-ng and real FFmpeg. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return runWithInput("", env, args);
    }

    private int runWithInput(String stdin, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(Map.of("NARRATOR_HOME", dir.toString(), "TTS_PROVIDER", "espeak",
                "X264_PRESET", "ultrafast", "DATA_DIR", dir.resolve("data").toString()));
        all.putAll(env);
        return Main.run(List.of(args), all, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rendersAScriptIntoEveryOutputFile() throws Exception {
        Path script = Files.writeString(dir.resolve("script.txt"), "Hello from the command line. It renders a video.");
        Path video = TestMedia.video(dir, 1.5, 320, 240, false);
        Path music = TestMedia.music(dir, 2.0);
        Path outDir = dir.resolve("out");
        Path style = Files.writeString(dir.resolve("style.json"), "{\"font_size\": 31, \"alignment\": \"top\"}");

        int code = run(Map.of(), "render", "--script", script.toString(), "--video", video.toString(), "--music",
                music.toString(), "--size", "240x426", "--karaoke", "--style", style.toString(), "--out",
                outDir.toString());

        assertEquals(0, code, err());
        for (String name : List.of("final.mp4", "voice.wav", "timings.json", "subs.ass", "subs.srt", "subs.vtt",
                "thumbnail.jpg")) {
            assertTrue(Files.size(outDir.resolve(name)) > 0, name);
        }
        String ass = Files.readString(outDir.resolve("subs.ass"));
        assertTrue(ass.contains("\\kf"), "karaoke tags written");
        assertTrue(Files.readString(outDir.resolve("timings.json")).contains("\"text\" : \"Hello\""),
                "timings.json holds the words");
        assertTrue(ass.contains("Style: Default,Noto Sans CJK SC,31,"), "style file applied: " + ass);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(outDir.resolve("final.mp4").toString()));
        try (var leftovers = Files.list(outDir)) {
            assertEquals(7, leftovers.count(), "the temporary work directory is gone");
        }
    }

    @Test
    void rendersOverAVoiceoverWithCaptionsAlignedToIt() throws Exception {
        String text = "The ferry leaves the harbour at nine. Passengers wait on the pier with their bags.";
        Path script = Files.writeString(dir.resolve("script.txt"), text);
        Path reading = TestMedia.spoken(dir, text, "en-gb-x-rp", 150, 1.2);
        Path outDir = dir.resolve("out");

        int code = run(Map.of(), "render", "--script", script.toString(), "--voiceover", reading.toString(), "--size",
                "240x426", "--out", outDir.toString());

        assertEquals(0, code, err());
        assertTrue(err().contains("captions: aligned to the voiceover (confidence "), err());
        // The first caption waits for the 1.2 s of silence before the first word.
        String srt = Files.readString(outDir.resolve("subs.srt"));
        String first = srt.lines().filter(l -> l.contains(" --> ")).findFirst().orElseThrow();
        assertTrue(first.compareTo("00:00:01,100") >= 0 && first.compareTo("00:00:01,350") <= 0, srt);
    }

    @Test
    void rendersScenesFromAScenesFileWhoseMediaAreRelativeToIt() throws Exception {
        Path script = Files.writeString(dir.resolve("script.txt"), "A red picture first.\n\nThen a moving clip.");
        Path media = Files.createDirectories(dir.resolve("scenes").resolve("media"));
        Files.move(TestMedia.colour(dir, "red", 100, 80), media.resolve("red.png"));
        Files.move(TestMedia.video(dir, 1.0, 320, 240, false), media.resolve("clip.mp4"));
        Path scenes = Files.writeString(dir.resolve("scenes").resolve("scenes.json"), """
                {"scenes": [{"media": "media/red.png", "motion": "pan_up"},
                            {"media": "media/clip.mp4", "transition": "crossfade"}]}""");
        Path outDir = dir.resolve("out");

        int code = run(Map.of(), "render", "--script", script.toString(), "--scenes", scenes.toString(), "--size",
                "240x426", "--out", outDir.toString());

        assertEquals(0, code, err());
        assertTrue(Files.size(outDir.resolve("final.mp4")) > 0);
        assertEquals(1, run(Map.of(), "render", "--script", script.toString(), "--scenes", scenes.toString(),
                "--video", media.resolve("red.png").toString(), "--size", "240x426", "--out", outDir.toString()));
        assertTrue(err().contains("INVALID_REQUEST: scenes replace base_video_url"), err());
    }

    @Test
    void badInputsExitWithAClearMessageAndNoStackTrace() throws Exception {
        assertEquals(1, run(Map.of(), "render", "--video", "x.mp4"));
        assertTrue(err().contains("INVALID_REQUEST: --script"), err());

        Path script = Files.writeString(dir.resolve("s.txt"), "Hello there, this is fine.");
        Path corrupt = TestMedia.corrupt(dir, "broken.mp4");
        assertEquals(1, run(Map.of(), "render", "--script", script.toString(), "--video", corrupt.toString(),
                "--size", "240x426", "--out", dir.resolve("o").toString()));
        assertTrue(err().contains("INVALID_MEDIA"), err());
        assertTrue(!err().contains("\tat "), "no stack trace: " + err());
    }

    @Test
    void captionsBurnsAnSrtOntoYourOwnVideoAndKeepsItsSound() throws Exception {
        Path video = TestMedia.flatVideo(dir, 2, 320, 240, true);
        Path srt = Files.writeString(dir.resolve("subs.srt"), "1\n00:00:00,200 --> 00:00:01,000\n<i>From an SRT</i>\n");
        Path style = Files.writeString(dir.resolve("style.json"), "{\"font_size\": 26}");
        Path outDir = dir.resolve("cap");

        int code = run(Map.of(), "captions", "--video", video.toString(), "--cues", srt.toString(), "--size", "240x320",
                "--fps", "10", "--quality", "high", "--format", "mov", "--style", style.toString(), "--out",
                outDir.toString());

        assertEquals(0, code, err());
        Path made = outDir.resolve("captioned.mov");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(made.toString()));
        String ass = Files.readString(outDir.resolve("subs.ass"));
        assertTrue(ass.contains("Style: S1,Noto Sans CJK SC,26,") && ass.contains(",S1,,0,0,0,,From an SRT"), ass);
        assertTrue(TestMedia.brightPixels(made, 0.5) > 20, "the caption is drawn");
        String streams = new narrator.pipeline.render.FfmpegRunner().run(List.of("ffprobe", "-v", "error",
                "-show_entries", "stream=codec_type,width,height", "-of", "csv=p=0", made.toString()),
                java.time.Duration.ofSeconds(30)).stdout();
        assertTrue(streams.contains("video,240,320") && streams.contains("audio"), streams);
        try (var files = Files.list(outDir)) {
            assertEquals(2, files.count(), "the temporary work directory is gone");
        }
    }

    @Test
    void captionsTakesTheApisJsonCuesAndRefusesBadOnesAsTheApiDoes() throws Exception {
        Path video = TestMedia.flatVideo(dir, 2, 320, 240, false);
        Path good = Files.writeString(dir.resolve("cues.json"), "{\"scenario\": {\"cues\": [{\"text\": \"JSON cue\", "
                + "\"start\": 0.1, \"end\": 1.2, \"style\": {\"color\": \"#00FF00\"}}]}}");
        assertEquals(0, run(Map.of(), "captions", "--video", video.toString(), "--cues", good.toString(), "--out",
                dir.resolve("ok").toString()), err());
        assertTrue(Files.readString(dir.resolve("ok").resolve("subs.ass")).contains("&H0000FF00"));

        Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"text\": \"x\", \"start\": 2, \"end\": 1}]");
        assertEquals(1, run(Map.of(), "captions", "--video", video.toString(), "--cues", bad.toString()));
        assertTrue(err().contains("INVALID_REQUEST: cues[0].end (1.0) must be after its start (2.0)"), err());
        assertTrue(!err().contains("\tat "), "no stack trace: " + err());
    }

    @Test
    void theCaptionsExamplesBurnAsTheReadmeSays() throws Exception {
        Path video = TestMedia.flatVideo(dir, 10, 480, 270, true);
        for (String cues : List.of("cues.json", "subs.srt")) {
            Path outDir = dir.resolve("example-" + cues);
            assertEquals(0, run(Map.of(), "captions", "--video", video.toString(), "--cues",
                    Path.of("..", "examples", "captions", cues).toString(), "--out", outDir.toString()), err());
            assertTrue(TestMedia.brightPixels(outDir.resolve("captioned.mp4"), 1.0) > 50, cues + " drawn");
        }
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() {
        assertEquals(2, run(Map.of("MAX_CONCURRENT_JOBS", "lots"), "voices"));
        assertTrue(err().contains("MAX_CONCURRENT_JOBS='lots' is invalid"), err());
    }

    @Test
    void serveRefusesAnUnknownRoleBeforeStarting() {
        assertEquals(2, run(Map.of(), "serve", "--role", "cook"));
        assertTrue(err().contains("--role 'cook' is invalid: expected all, api or worker"), err());
    }

    @Test
    void theHelpTheSettingsAndTheClusterGuideNameEveryRoleAndTheDrainSignal() throws Exception {
        assertEquals(0, run(Map.of(), "help"));
        String help = out.toString(StandardCharsets.UTF_8);
        String guide = Files.readString(Path.of("..", "docs", "cluster.md"));
        String example = Files.readString(Path.of("..", ".env.example"));
        String roles = java.util.Arrays.stream(Role.values()).map(Role::label).collect(java.util.stream.Collectors.joining("|"));
        assertTrue(help.contains("--role " + roles), help);
        assertTrue(example.contains("ROLE=all") && roles.equals("all|api|worker"), roles);
        for (Role role : Role.values()) {
            assertTrue(guide.contains("`" + role.label() + "`"), role.label());
            assertTrue(example.contains(role.label() + " ("), role.label());
        }
        assertTrue(help.contains("SIG" + ServeCommand.DRAIN_SIGNAL), help);
        assertTrue(guide.contains("--signal=SIG" + ServeCommand.DRAIN_SIGNAL) && guide.contains("kill -" + ServeCommand.DRAIN_SIGNAL));
    }

    @Test
    void theRoleFlagWinsOverTheSetting() {
        Settings fromEnv = Settings.from(Map.of("ROLE", "worker"), Path.of("/opt/narrator"));
        assertEquals(Role.API, ServeCommand.withRole(fromEnv, Args.parse(List.of("--role", "api"), Set.of("role"), Set.of()))
                .cluster().role());
        assertEquals(Role.WORKER, ServeCommand.withRole(fromEnv, Args.parse(List.of(), Set.of("role"), Set.of()))
                .cluster().role());
    }

    @Test
    void voicesShowsWhichKokoroPrecisionIsUsedAndWhatItCosts() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.copy(Path.of("..", "models", "manifest.json"), dir.resolve("models").resolve("manifest.json"));
        Path voices = Files.createDirectories(dir.resolve("models").resolve("voices"));
        Path[] kokoro = KokoroTestModel.write(Files.createDirectories(dir.resolve("generated")), "af_bella");
        Files.copy(kokoro[0], voices.resolve("kokoro-v1.0.int8.onnx"));
        Files.copy(kokoro[1], voices.resolve("voices-v1.0.bin"));
        assertEquals(0, run(Map.of(), "voices"), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("kokoro model: kokoro-v1.0.int8.onnx (int8: about 220 MB less"),
                out.toString(StandardCharsets.UTF_8));

        Files.copy(kokoro[0], voices.resolve("kokoro-v1.0.onnx"));
        out.reset();
        assertEquals(0, run(Map.of(), "voices"), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("kokoro model: kokoro-v1.0.onnx (fp32: used when both"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void phonemesShowsAPiperVoicesCallsFromItsConfigAlone() throws Exception {
        Path voices = Files.createDirectories(dir.resolve("models").resolve("voices"));
        // Only the .onnx.json: the ids do not need the weights.
        Files.writeString(voices.resolve("en_US-configonly-medium.onnx.json"), TestVoices.piperConfig(1, 22050, 0f));
        assertEquals(0, run(Map.of(), "phonemes", "--voice", "piper:en_US-configonly-medium", "Hello", "world.", "Again?"),
                err());
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("call 1 of 2\n  phonemes:  həlˈoʊ wˈɜːld.\n  ids:       1 0 "), report);
        assertTrue(report.contains("call 2 of 2\n  phonemes:  ɐɡˈɛn?\n"), report);
    }

    @Test
    void phonemesShowsKokoroCallsWithTheirStyleRowWithoutAnyModelFile() {
        assertEquals(0, runWithInput("It costs $25.", Map.of(), "phonemes", "--voice", "kokoro:af_heart", "--json"), err());
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"voice\":\"kokoro:af_heart\",\"text\":\"It costs $25.\",\"calls\":[{\"phonemes\":"
                + "\"ɪt kˈɔsts twˈɛnti fˈaɪv dˈɑːlɚz.\",\"ids\":[0,"), json);
        assertTrue(json.contains(",4,0],\"style_row\":32}]}"), json);
    }

    @Test
    void phonemesReadsOneRequestPerLineAndAnswersEachLineEvenWhenOneFails() {
        String corpus = """
                {"key": "a", "text": "Bonjour.", "voice": "espeak:fr"}
                {"text": "!!!", "voice": "espeak:en-us"}
                {"text": "Hi."}
                """;
        assertEquals(0, runWithInput(corpus, Map.of(), "phonemes", "--jsonl", "--voice", "kokoro:bf_emma"), err());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("{\"voice\":\"espeak:fr\",\"text\":\"Bonjour.\",\"calls\":[{\"phonemes\":\"bɔ̃ʒˈuʁ.\",\"ids\":[]}],"
                + "\"key\":\"a\"}", lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"error\":{\"code\":\"INVALID_TEXT\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"voice\":\"kokoro:bf_emma\",\"text\":\"Hi.\",\"calls\":[{\"phonemes\":\"hˈaɪ.\""),
                lines.get(2));
    }

    @Test
    void phonemesNeedsAVoiceAndAnInstalledPiperConfig() {
        assertEquals(1, run(Map.of(), "phonemes", "hello"));
        assertTrue(err().contains("--voice ID is required"), err());
        assertEquals(1, run(Map.of(), "phonemes", "--voice", "piper:absent", "hello"));
        assertTrue(err().contains("UNKNOWN_VOICE: no Piper voice config absent.onnx.json"), err());
    }

    @Test
    void renderArgumentsAreCheckedAsTheApiChecksThemInOneLineBeforeAnythingIsMade() throws Exception {
        Path script = Files.writeString(dir.resolve("s.txt"), "Hello there, this is fine.");
        Path outDir = dir.resolve("never");
        Map<List<String>, String> refused = Map.of(
                List.of("--speed", "9"), "INVALID_REQUEST: speed must be between 0.5 and 2.0",
                List.of("--speed", "fast"), "INVALID_REQUEST: --speed must be a number, got 'fast'",
                List.of("--fit", "stretch"), "INVALID_REQUEST: fit must be 'crop' or 'pad'",
                List.of("--size", "321x568"), "INVALID_REQUEST: size must be WIDTHxHEIGHT with even sides",
                List.of("--size", "96x160"), "INVALID_REQUEST: size 96x160 leaves no room for the subtitles",
                List.of("--captions", "bounce"), "INVALID_REQUEST: caption_style must be one of sentence, karaoke, word,",
                List.of("--captions", "chunks", "--max-words", "2.5"), "INVALID_REQUEST: --max-words must be a whole number",
                List.of("--max-words", "0"), "INVALID_REQUEST: max_words must be between 1 and 20, got 0");
        for (var entry : refused.entrySet()) {
            err.reset();
            List<String> args = new java.util.ArrayList<>(List.of("render", "--script", script.toString(), "--out",
                    outDir.toString()));
            args.addAll(entry.getKey());

            assertEquals(1, run(Map.of(), args.toArray(String[]::new)), err());

            assertTrue(err().startsWith("narrator: " + entry.getValue()), err());
            assertEquals(1, err().lines().count(), "one line: " + err());
            assertTrue(!Files.exists(outDir), "nothing made for " + entry.getKey());
        }
    }

    @Test
    void renderHelpQuotesTheApisSpeedRange() {
        assertEquals(0, run(Map.of(), "render", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--speed X        0.5 to 2.0 (default 1.0)"));
    }

    @Test
    void rendersInSegmentsDrawnAtOnceWhenAskedAndRefusesBadSegmentOptions() throws Exception {
        Path script = Files.writeString(dir.resolve("script.txt"), "The first sentence is here. A second one follows. "
                + "Then a third. And the last one ends it.");
        Path outDir = dir.resolve("out");

        assertEquals(0, run(Map.of(), "render", "--script", script.toString(), "--size", "160x284",
                "--segment-seconds", "1", "--render-parallelism", "2", "--out", outDir.toString()), err());

        String frames = new narrator.pipeline.render.FfmpegRunner().run(List.of("ffprobe", "-v", "error",
                "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames:format=duration",
                "-of", "default=nw=1", outDir.resolve("final.mp4").toString()), java.time.Duration.ofSeconds(30)).stdout();
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("nb_read_frames=(\\d+)\\s+duration=([0-9.]+)")
                .matcher(frames);
        assertTrue(numbers.find(), frames);
        assertEquals(Double.parseDouble(numbers.group(2)) * 30, Integer.parseInt(numbers.group(1)), 1.5, frames);
        assertEquals(2, run(Map.of(), "render", "--script", script.toString(), "--render-parallelism", "0"));
        assertTrue(err().contains("--render-parallelism 0 is invalid: expected 1 to 64"), err());
        assertEquals(0, run(Map.of(), "render", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--segment-seconds N"));
    }

    @Test
    void unknownCommandsAndOptionsAreRefused() {
        assertEquals(2, run(Map.of(), "fly"));
        assertEquals(1, run(Map.of(), "render", "--script", "s.txt", "--colour", "red"));
        assertTrue(err().contains("unknown option --colour"), err());
    }

    @Test
    void voicesListsInstalledAndFetchable() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.copy(Path.of("..", "models", "manifest.json"), dir.resolve("models").resolve("manifest.json"));
        assertEquals(0, run(Map.of(), "voices"), err());
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.contains("espeak:en-us"), listing);
        assertTrue(listing.contains("piper:en_US-lessac-medium"), listing);
        assertEquals(1, run(Map.of(), "voices", "fetch", "piper:nope"));
        assertTrue(err().contains("UNKNOWN_VOICE"), err());
    }

    @Test
    void ttsBenchmarkPrintsItsFigures() {
        assertEquals(0, run(Map.of(), "bench", "tts", "--voice", "espeak:en-us"), err());
        String report = out.toString(StandardCharsets.UTF_8).toLowerCase();
        assertTrue(report.contains("real-time factor") || report.contains("rtf"), report);
        assertTrue(report.contains("rss"), report);
    }

    @Test
    void ttsBenchmarkTakesItsModelsDirectoryThreadsAndRuns() throws Exception {
        Path models = Files.createDirectories(dir.resolve("bench-models"));
        TestVoices.writePiperVoice(models, "en_US-bench-medium", 1);
        assertEquals(0, run(Map.of("TTS_PROVIDER", "piper"), "bench", "tts", "--models", models.toString(),
                "--threads", "1", "--runs", "2"), err());
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("voice:            piper:en_US-bench-medium"), report);
        assertTrue(report.contains("threads:          1\n"), report);
        assertTrue(report.contains("(median of 2 calls after it)"), report);
    }

    @Test
    void soakBenchmarkChecksItsOptionsBeforeStarting() {
        assertEquals(1, run(Map.of(), "bench", "soak", "--jobs", "0"));
        assertTrue(err().contains("--jobs must be a whole number from 1 to 100000"), err());
        assertEquals(1, run(Map.of(), "bench", "soak", "--size", "big"));
        assertTrue(err().contains("size must look like 1080x1920, got 'big'"), err());
        // Valid options: it would start the service from the packaged jar, which a test run has not.
        assertEquals(1, run(Map.of(), "bench", "soak", "--jobs", "20", "--size", "320x568", "--json"));
        assertTrue(err().contains("packaged jar"), err());
    }

    @Test
    void clusterBenchmarkChecksItsOptionsBeforeStarting() {
        assertEquals(1, run(Map.of(), "bench", "cluster", "--spaced", "0"));
        assertTrue(err().contains("--spaced must be a whole number from 1 to 10000"), err());
        assertEquals(1, run(Map.of(), "bench", "cluster", "--database-url", "mysql://db/narrator"));
        assertTrue(err().contains("--database-url: DATABASE_URL must start with postgresql://"), err());
        assertEquals(1, run(Map.of(), "bench", "cluster", "--database-url", "postgresql://bench:s3cret@127.0.0.1"));
        assertTrue(err().contains("needs a host and a database name"), err());
        assertFalse(err().contains("s3cret"), err());
        // Valid options: it would start the nodes from the packaged jar, which a test run has not.
        assertEquals(1, run(Map.of(), "bench", "cluster", "--jobs", "50", "--spaced", "10", "--database-url",
                "postgresql://bench:s3cret@127.0.0.1:5432/bench", "--json"));
        assertTrue(err().contains("packaged jar"), err());
    }

    @Test
    void clusterBenchmarkOptionsAreParsedOnce() {
        assertEquals(new ClusterBenchmark.Options(300, 100, Optional.empty()),
                BenchCommand.clusterOptions(Args.parse(List.of(), Set.of("jobs", "spaced", "database-url"), Set.of())));
        ClusterBenchmark.Options given = BenchCommand.clusterOptions(Args.parse(List.of("--jobs", "40", "--spaced=7",
                "--database-url", "postgres://bench:p%40ss@db.internal:5433/narrator?sslmode=require"),
                Set.of("jobs", "spaced", "database-url"), Set.of()));
        assertEquals(new ClusterBenchmark.Options(40, 7, Optional.of(new PostgresTarget(
                "postgres://bench:p%40ss@db.internal:5433/narrator?sslmode=require",
                "jdbc:postgresql://db.internal:5433/narrator?sslmode=require", "bench", "p@ss"))), given);
        assertFalse(given.toString().contains("p@ss") || given.toString().contains("p%40ss"), given.toString());
    }

    @Test
    void segmentBenchmarkChecksItsOptionsBeforeStarting() {
        assertEquals(1, run(Map.of(), "bench", "render", "--segments", "--minutes", "0"));
        assertTrue(err().contains("--minutes must be from 0.1 to 60"), err());
        assertEquals(1, run(Map.of(), "bench", "render", "--segments", "--segment-seconds", "2.5"));
        assertTrue(err().contains("--segment-seconds must be a whole number from 1 to 600"), err());
        assertEquals(new SegmentBenchmark.Options(0.5, new VideoSize(180, 320), 5), BenchCommand.segmentOptions(
                Args.parse(List.of("--minutes", "0.5", "--size", "180x320", "--segment-seconds", "5"),
                        Set.of("minutes", "size", "segment-seconds"), Set.of())));
        // Valid options: it would start the nodes from the packaged jar, which a test run has not.
        assertEquals(1, run(Map.of(), "bench", "render", "--segments", "--minutes", "0.5", "--json"));
        assertTrue(err().contains("packaged jar"), err());
    }

    @Test
    void ttsBenchmarkRefusesABadRunCount() {
        assertEquals(1, run(Map.of(), "bench", "tts", "--runs", "0"));
        assertTrue(err().contains("--runs must be a whole number from 1 to 100"), err());
    }

    @Test
    void demoFallsBackToEspeakWhenTheVoiceCannotBeDownloadedAndStillRenders() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("examples"));
        Files.writeString(examples.resolve("script.txt"), "A tiny demo. It still makes a real video.\n\nWith music.");
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models").resolve("manifest.json"), """
                {"default": "piper:unreachable", "packages": [{"id": "piper:unreachable", "engine": "piper",
                 "provides": ["piper:unreachable"], "files": [{"name": "unreachable.onnx",
                 "url": "http://127.0.0.1:1/unreachable.onnx", "sha256": "%s", "size": 1}]}]}
                """.formatted("0".repeat(64)));

        int code = run(Map.of("TTS_PROVIDER", "piper", "DEFAULT_SIZE", "240x426"), "demo");

        assertEquals(0, code, err());
        assertTrue(err().contains("using espeak-ng instead"), err());
        Path demo = dir.resolve("out").resolve("demo");
        Path video = demo.resolve("final.mp4");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Your video: " + video), printed);
        for (String stage : List.of("synthesizing", "subtitles", "rendering", "thumbnail", "total")) {
            assertTrue(printed.matches("(?s).*\\n  " + stage + " +[0-9]+\\.[0-9]{2} s\\n.*"), stage + " timing in:\n" + printed);
        }
        assertTrue(Files.readString(demo.resolve("subs.ass")).contains("{\\kf"), "karaoke captions");
        // The background moves: the top half (no captions there) changes between two instants.
        byte[] early = Inspect.greyFrame(video, 0.2, dir);
        byte[] later = Inspect.greyFrame(video, 2.2, dir);
        long changed = 0;
        for (int i = 0; i < early.length / 2; i++) {
            changed += Math.abs(early[i] - later[i]) > 2 ? 1 : 0;
        }
        assertTrue(changed > early.length / 8, "background pixels that changed: " + changed + " of " + early.length / 2);
        // Music under the voice: the paragraph pause is silent in the voice but not in the video.
        double pauseStart = srtEnd(demo.resolve("subs.srt"), "video.") + 0.05;
        double pauseEnd = pauseStart + 0.3;
        assertTrue(Inspect.rmsDb(demo.resolve("voice.wav"), pauseStart, pauseEnd) < -60, "the voice pauses there");
        assertTrue(Inspect.rmsDb(video, pauseStart, pauseEnd) > -45, "music is heard in the pause");
        assertFalse(Files.list(demo).anyMatch(p -> p.getFileName().toString().startsWith(".demo-")), "generated inputs removed");
    }

    /** When the SRT cue whose text ends with {@code last} ends, in seconds. */
    private static double srtEnd(Path srt, String last) throws Exception {
        String block = Arrays.stream(Files.readString(srt).trim().split("\\R\\R"))
                .filter(b -> b.strip().endsWith(last)).findFirst().orElseThrow();
        String times = block.lines().skip(1).findFirst().orElseThrow();
        String[] end = times.split(" --> ")[1].split("[:,]");
        return Integer.parseInt(end[0]) * 3600 + Integer.parseInt(end[1]) * 60 + Integer.parseInt(end[2])
                + Integer.parseInt(end[3]) / 1000.0;
    }
}
