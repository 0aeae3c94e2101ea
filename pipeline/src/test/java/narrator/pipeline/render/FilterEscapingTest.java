package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterEscapingTest {

    @Test
    void plainPathsPassUnchanged() {
        assertEquals("/tmp/job-1/subs.ass", FilterEscaping.optionValue("/tmp/job-1/subs.ass"));
    }

    @Test
    void optionLevelCharactersAreEscapedTwice() {
        // ':' -> '\:' for the option parser, whose '\' the graph parser needs escaped again.
        assertEquals("a\\\\:b", FilterEscaping.optionValue("a:b"));
        assertEquals("it\\\\\\'s", FilterEscaping.optionValue("it's"));
        assertEquals("c\\\\\\\\d", FilterEscaping.optionValue("c\\d"));
        assertEquals("a\\\\\\ b", FilterEscaping.optionValue("a b"));
    }

    @Test
    void graphLevelCharactersAreEscapedOnce() {
        assertEquals("\\[a\\]\\,b\\;c", FilterEscaping.optionValue("[a],b;c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/it's [a],b;c:d e/subs 'x'.ass", "/a\\b/c", " lead", "trail ", "=;,[]:'\\",
            "/tmp/日本語/字幕.ass"})
    void ffmpegsTwoParsersGiveTheOriginalBack(String path) {
        String graphText = "ass=filename=" + FilterEscaping.optionValue(path) + ",format=yuv420p";

        String filterArgs = AvGetToken.next(graphText.substring("ass=".length()), "[],;");
        String value = AvGetToken.next(filterArgs.substring("filename=".length()), ":");

        assertEquals(path, value);
    }

    /** FFmpeg's av_get_token (libavutil/avstring.c), which both the graph and the option parser use. */
    static final class AvGetToken {
        static String next(String text, String terminators) {
            StringBuilder out = new StringBuilder();
            int p = 0;
            while (p < text.length() && " \n\t\r".indexOf(text.charAt(p)) >= 0) {
                p++;
            }
            int end = 0;
            while (p < text.length() && terminators.indexOf(text.charAt(p)) < 0) {
                char c = text.charAt(p++);
                if (c == '\\' && p < text.length()) {
                    out.append(text.charAt(p++));
                    end = out.length();
                } else if (c == '\'') {
                    while (p < text.length() && text.charAt(p) != '\'') {
                        out.append(text.charAt(p++));
                    }
                    if (p < text.length()) {
                        p++;
                        end = out.length();
                    }
                } else {
                    out.append(c);
                }
            }
            int keep = out.length();
            while (keep > end && " \n\t\r".indexOf(out.charAt(keep - 1)) >= 0) {
                keep--;
            }
            return out.substring(0, keep);
        }
    }
}
