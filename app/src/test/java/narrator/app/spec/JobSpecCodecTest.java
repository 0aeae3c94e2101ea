package narrator.app.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import narrator.app.jobs.Job;
import narrator.app.jobs.JobKind;
import narrator.app.jobs.JobStatus;
import narrator.app.jobs.NewJob;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Fit;
import narrator.pipeline.script.Lexicon;
import narrator.tts.SpeechOptions;
import narrator.tts.VoiceInfo;
import org.junit.jupiter.api.Test;

class JobSpecCodecTest {
    private static final JobSpecs.Defaults DEFAULTS = new JobSpecs.Defaults(1000, new VideoSize(320, 568), Fit.CROP, 0.2);
    private static final JobSpecs SPECS = new JobSpecs(DEFAULTS, new JobSpecs.Voices(
            id -> Optional.of(new VoiceInfo(id, "espeak", id, "en-us", 22050, List.of())), id -> text -> List.of(),
            () -> "espeak:en-us", () -> Lexicon.EMPTY));
    private final JobSpecCodec codec = new JobSpecCodec(DEFAULTS, () -> "espeak:en-us");

    @Test
    void aStoredSpecReadsBackEqual() {
        JobSpec spec = SPECS.resolve(JobKind.RENDER_VIDEO, new JobSpecs.Fields("Hello there.", "https://e.com/v.mp4",
                "s3://bucket/music.mp3", "https://e.com/voice.wav", "espeak:de", "2", 1.5, "landscape", true, "pad",
                true, 0.4, Map.of("font_size", 40, "alignment", "top"), "https://hooks.example.com/h",
                Map.of("order", 42), null, null, null, "chunks", 4, null));

        NewJob row = codec.newJob(spec, "key-1");

        assertEquals(JobKind.RENDER_VIDEO, row.kind());
        assertEquals("{\"order\":42}", row.metadataJson());
        assertEquals(spec, codec.spec(job(row.kind(), row.requestJson(), row.metadataJson())));
    }

    @Test
    void speakersLexiconAndMarkupReadBackEqual() {
        JobSpec spec = SPECS.resolve(JobKind.VOICEOVER, new JobSpecs.Fields("ALICE: Hi.\nBOB: Hello.", null, null,
                null, "espeak:en-us", null, 1.2, null, false, null, false, null, null, null, null,
                Map.of("ALICE", Map.of("voice", "espeak:en-gb", "color", "#ffd166"),
                        "BOB", Map.of("voice", "espeak:de", "speed", 0.8, "speaker", 1)),
                Map.of("Nginx", "engine x"), false, null, null, null));

        assertEquals(new ScriptOptions(false, Map.of(
                "ALICE", new ScriptOptions.SpeakerSpec("espeak:en-gb", new SpeechOptions(1.2, null), "#FFD166"),
                "BOB", new ScriptOptions.SpeakerSpec("espeak:de", new SpeechOptions(0.8, "1"), null)),
                Map.of("Nginx", "engine x")), spec.reading());
        NewJob row = codec.newJob(spec, null);
        assertEquals(spec, codec.spec(job(row.kind(), row.requestJson(), row.metadataJson())));
    }

    @Test
    void scenesReadBackEqual() {
        JobSpec spec = SPECS.resolve(JobKind.RENDER, new JobSpecs.Fields("Hello there.", null, null, null, null, null,
                null, null, false, null, false, null, null, null, null, null, null, null, null, null, List.of(
                        Map.of("media", "https://e.com/a.jpg"),
                        Map.of("media", "s3://bucket/b.mp4", "paragraph", 2, "motion", "pan_left", "transition",
                                "crossfade", "transition_seconds", 0.8, "clip_audio", true),
                        Map.of("media", "https://e.com/c.png", "sentences", List.of(3, 4), "motion", "none",
                                "clip_fit", "slow"))));

        NewJob row = codec.newJob(spec, null);

        assertEquals(3, spec.scenes().size());
        assertEquals(spec, codec.spec(job(row.kind(), row.requestJson(), row.metadataJson())));
    }

    @Test
    void aRowQueuedBeforeTheSpecExistedGetsTheDefaultsItLeftOut() {
        String legacy = """
                {"script":"Hi.","baseVideoUrl":null,"bgmUrl":"https://e.com/m.mp3","voiceoverUrl":null,"voice":null,
                 "speaker":null,"speed":1.0,"size":null,"karaoke":false,"fit":null,"zoom":false,"musicVolume":null,
                 "subtitleStyle":{},"webhookUrl":null,"metadata":{"a":1}}""";

        JobSpec spec = codec.spec(job(JobKind.RENDER, legacy, "{\"a\":1}"));

        assertEquals("espeak:en-us", spec.voiceId());
        assertEquals(new VideoSize(320, 568), spec.size());
        assertEquals(Fit.CROP, spec.fit());
        assertEquals(0.2, spec.musicVolume());
        assertEquals(new InputRef.Remote("https://e.com/m.mp3"), spec.music());
        assertEquals(Map.of("a", 1), spec.metadata());
    }

    private static Job job(JobKind kind, String requestJson, String metadataJson) {
        return new Job("j1", kind, JobStatus.QUEUED, requestJson, metadataJson, null, null, null, 0, 0, null, null,
                null, 0, 3, false, null, null, 0, Instant.EPOCH, null, null, Map.of());
    }
}
