package narrator.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import narrator.app.jobs.JobKind;
import narrator.app.spec.InputRef;
import narrator.app.spec.JobSpec;
import narrator.pipeline.subtitles.CaptionStyle;
import narrator.pipeline.subtitles.Captions;
import narrator.app.spec.JobSpecs;
import narrator.pipeline.VideoSize;
import narrator.pipeline.render.Fit;
import narrator.tts.VoiceInfo;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.script.Lexicon;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private static final JobSpecs SPECS = new JobSpecs(new JobSpecs.Defaults(100, new VideoSize(320, 568), Fit.CROP, 0.2),
            new JobSpecs.Voices(id -> id.startsWith("espeak:")
                    ? Optional.of(new VoiceInfo(id, "espeak", id, "en-us", 22050, List.of())) : Optional.empty(),
                    id -> text -> List.of(), () -> "espeak:en-us", () -> Lexicon.EMPTY));
    private final RequestParser parser = new RequestParser(new ObjectMapper(), SPECS, bucket -> { });

    @Test
    void readsTheReferenceRequestShape() {
        JobSpec r = parser.parse("""
                {"script": "Hello world. This is a test.",
                 "base_video_url": "s3://automation-storage/uploads/renders/example-base.mp4",
                 "bgm_url": "https://example.com/music.mp3", "unknown_field": 1}
                """, JobKind.RENDER);
        assertEquals("Hello world. This is a test.", r.script());
        assertEquals(new InputRef.Remote("s3://automation-storage/uploads/renders/example-base.mp4"), r.base());
        assertEquals(new InputRef.Remote("https://example.com/music.mp3"), r.music());
        assertNull(r.voiceover());
        assertEquals(1.0, r.speech().speed());
        assertEquals(new VideoSize(320, 568), r.size(), "the default size");
        assertEquals("espeak:en-us", r.voiceId(), "the default voice, resolved at submit");
        assertEquals(Fit.CROP, r.fit());
        assertEquals(0.2, r.musicVolume());
    }

    @Test
    void acceptsCamelCaseAndOptions() {
        JobSpec r = parser.parse("""
                {"script": "Hi there.", "baseVideoUrl": "https://e.com/v.mp4", "size": "landscape", "speed": 1.25,
                 "karaoke": true, "subtitleStyle": {"font_size": 60}, "metadata": {"post": 7},
                 "webhookUrl": "https://app.example.com/hook"}
                """, JobKind.RENDER);
        assertEquals(new InputRef.Remote("https://e.com/v.mp4"), r.base());
        assertEquals(new VideoSize(1920, 1080), r.size());
        assertEquals(1.25, r.speech().speed());
        assertEquals(new Captions(CaptionStyle.KARAOKE, 3), r.captions(), "karaoke: true is the karaoke style");
        assertEquals(60, r.style().fontSize());
        assertEquals(Map.of("post", 7), r.metadata());
        assertEquals("https://app.example.com/hook", r.webhookUrl());
    }

    @Test
    void captionStyleAndMaxWordsAreParsedAndCaptionStyleWinsOverKaraoke() {
        JobSpec r = parser.parse("""
                {"script": "Hi there.", "caption_style": "chunks", "max_words": 2, "karaoke": true}
                """, JobKind.RENDER);
        assertEquals(new Captions(CaptionStyle.CHUNKS, 2), r.captions());
        assertEquals(new Captions(CaptionStyle.SENTENCE, 3), parser.parse("{\"script\": \"Hi.\"}", JobKind.RENDER).captions());
    }

    @Test
    void badCaptionFieldsAreRefusedNamingTheField() {
        for (String[] bad : new String[][] {{"\"caption_style\": \"bounce\"", "caption_style"},
                {"\"caption_style\": 3", "caption_style"}, {"\"max_words\": 0", "max_words"},
                {"\"max_words\": 21", "max_words"}, {"\"max_words\": 2.5", "max_words"}}) {
            NarratorException e = assertThrows(NarratorException.class,
                    () -> parser.parse("{\"script\": \"Hi.\", " + bad[0] + "}", JobKind.RENDER), bad[0]);
            assertEquals(ErrorCode.INVALID_REQUEST, e.code(), bad[0]);
            assertEquals(Map.of("field", bad[1]), e.details(), bad[0]);
        }
    }

    @Test
    void renderVideoNeedsAVoiceover() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> parser.parse("{\"script\": \"Hi.\"}", JobKind.RENDER_VIDEO));
        assertEquals(Map.of("field", "voiceover_url"), e.details());
    }

    @Test
    void tooLongScriptHasItsOwnCode() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> parser.parse("{\"script\": \"" + "a".repeat(101) + "\"}", JobKind.RENDER));
        assertEquals(ErrorCode.SCRIPT_TOO_LONG, e.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                          | body",
        "[1, 2]                                            | body",
        "{}                                                | script",
        "{\"script\": \"   \"}                             | script",
        "{\"script\": 5}                                   | script",
        "{\"script\": \"a\", \"base_video_url\": \"file:///etc/passwd\"} | base_video_url",
        "{\"script\": \"a\", \"bgm_url\": \"ftp://x/y\"}   | bgm_url",
        "{\"script\": \"a\", \"speed\": 9}                 | speed",
        "{\"script\": \"a\", \"speed\": \"fast\"}          | speed",
        "{\"script\": \"a\", \"size\": \"12x\"}            | size",
        "{\"script\": \"a\", \"size\": \"99999x2\"}        | size",
        "{\"script\": \"a\", \"karaoke\": \"yes\"}         | karaoke",
        "{\"script\": \"a\", \"fit\": \"stretch\"}         | fit",
        "{\"script\": \"a\", \"webhook_url\": \"javascript:x\"} | webhook_url",
        "{\"script\": \"a\", \"metadata\": [1]}            | metadata",
        "{\"script\": \"a\", \"subtitle_style\": 3}        | subtitle_style",
    })
    void badFieldsAreNamed(String body, String field) {
        NarratorException e = assertThrows(NarratorException.class, () -> parser.parse(body, JobKind.RENDER));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals(field, e.details().get("field"), e.getMessage());
    }
}
