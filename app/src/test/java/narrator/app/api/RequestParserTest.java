package narrator.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import narrator.app.api.RequestParser.Kind;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private final RequestParser parser = new RequestParser(new ObjectMapper(), 100, new narrator.pipeline.VideoSize(1080, 1920));

    @Test
    void readsTheReferenceRequestShape() {
        RenderRequest r = parser.parse("""
                {"script": "Hello world. This is a test.",
                 "base_video_url": "s3://automation-storage/uploads/renders/example-base.mp4",
                 "bgm_url": "https://example.com/music.mp3", "unknown_field": 1}
                """, Kind.RENDER);
        assertEquals("Hello world. This is a test.", r.script());
        assertEquals("s3://automation-storage/uploads/renders/example-base.mp4", r.baseVideoUrl());
        assertEquals("https://example.com/music.mp3", r.bgmUrl());
        assertEquals(1.0, r.speed());
        assertNull(r.size());
    }

    @Test
    void acceptsCamelCaseAndOptions() {
        RenderRequest r = parser.parse("""
                {"script": "Hi there.", "baseVideoUrl": "https://e.com/v.mp4", "size": "landscape", "speed": 1.25,
                 "karaoke": true, "subtitleStyle": {"font_size": 60}, "metadata": {"post": 7},
                 "webhookUrl": "https://app.example.com/hook"}
                """, Kind.RENDER);
        assertEquals("https://e.com/v.mp4", r.baseVideoUrl());
        assertEquals("1920x1080", r.size());
        assertEquals(1.25, r.speed());
        assertTrue(r.karaoke());
        assertEquals(Map.of("font_size", 60), r.subtitleStyle());
        assertEquals(Map.of("post", 7), r.metadata());
        assertEquals("https://app.example.com/hook", r.webhookUrl());
    }

    @Test
    void renderVideoNeedsAVoiceover() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> parser.parse("{\"script\": \"Hi.\"}", Kind.RENDER_VIDEO));
        assertEquals(Map.of("field", "voiceover_url"), e.details());
    }

    @Test
    void tooLongScriptHasItsOwnCode() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> parser.parse("{\"script\": \"" + "a".repeat(101) + "\"}", Kind.RENDER));
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
        NarratorException e = assertThrows(NarratorException.class, () -> parser.parse(body, Kind.RENDER));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        if (!field.equals("size")) {
            assertEquals(field, e.details().get("field"), e.getMessage());
        }
    }
}
