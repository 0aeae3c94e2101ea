package narrator.pipeline.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * Reads an SRT or WebVTT document into captions in one style. Cue numbers and identifiers, WebVTT's header,
 * {@code NOTE}, {@code STYLE} and {@code REGION} blocks and cue settings are skipped; markup ({@code <i>},
 * {@code <c.name>}, SRT's {@code {\an8}}) is dropped, so only the words are drawn.
 */
public final class SubtitleFileReader {
    private static final Pattern TIMING = Pattern.compile(
            "^\\s*(" + stamp() + ")\\s*-->\\s*(" + stamp() + ")(\\s.*)?$");
    private static final Pattern STAMP = Pattern.compile(stamp());
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|\\{\\\\[^}]*}");

    private SubtitleFileReader() {
    }

    private static String stamp() {
        return "(?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3}";
    }

    /** @throws NarratorException INVALID_REQUEST naming the block (1-based) that cannot be read */
    public static List<Caption> read(String document, SubtitleStyle style) {
        String text = document.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
        List<Caption> captions = new ArrayList<>();
        String[] blocks = text.split("\n\\s*\n");
        for (int b = 0; b < blocks.length; b++) {
            List<String> lines = blocks[b].strip().lines().toList();
            if (lines.isEmpty() || skipped(lines.get(0), b)) {
                continue;
            }
            int timing = 0;
            while (timing < lines.size() && !lines.get(timing).contains("-->")) {
                timing++;
            }
            Matcher m = timing < lines.size() ? TIMING.matcher(lines.get(timing)) : null;
            if (m == null || !m.matches()) {
                throw invalid(b, "has no 'start --> end' timing line");
            }
            long start = millis(m.group(1));
            long end = millis(m.group(2));
            String words = MARKUP.matcher(String.join(" ", lines.subList(timing + 1, lines.size()))).replaceAll("")
                    .strip();
            if (words.isEmpty()) {
                continue;
            }
            if (end <= start) {
                throw invalid(b, "ends (" + m.group(2) + ") before it starts (" + m.group(1) + ")");
            }
            captions.add(new Caption(words, start, end, style));
        }
        return List.copyOf(captions);
    }

    private static boolean skipped(String first, int block) {
        return (block == 0 && first.startsWith("WEBVTT")) || first.startsWith("NOTE") || first.equals("STYLE")
                || first.equals("REGION");
    }

    /** {@code [H:]MM:SS,mmm} or {@code .mmm}; a fraction of fewer than three digits is tenths or hundredths. */
    static long millis(String stamp) {
        if (!STAMP.matcher(stamp).matches()) {
            throw new IllegalArgumentException("not a timestamp: " + stamp);
        }
        String[] parts = stamp.split("[:,.]");
        int n = parts.length;
        long hours = n == 4 ? Long.parseLong(parts[0]) : 0;
        long minutes = Long.parseLong(parts[n - 3]);
        long seconds = Long.parseLong(parts[n - 2]);
        String fraction = (parts[n - 1] + "00").substring(0, 3);
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Long.parseLong(fraction);
    }

    private static NarratorException invalid(int block, String why) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, "subtitle block " + (block + 1) + " " + why);
    }
}
