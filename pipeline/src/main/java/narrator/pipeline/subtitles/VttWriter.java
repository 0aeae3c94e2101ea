package narrator.pipeline.subtitles;

import java.util.List;

/**
 * Writes cues as WebVTT: a {@code WEBVTT} header, then blocks with {@code HH:MM:SS.mmm} times, rounded
 * once per boundary. Text is escaped as the format defines ({@code &amp; &lt; &gt;}), which also keeps
 * {@code -->} out of it. Events that round to no length are left out.
 */
public final class VttWriter {
    private VttWriter() {
    }

    public static String write(List<Cue> cues) {
        StringBuilder out = new StringBuilder(16 + cues.size() * 64).append("WEBVTT\n");
        for (Cue cue : cues) {
            long start = Timecode.milliseconds(cue.startSample(), cue.sampleRate());
            long end = Timecode.milliseconds(cue.endSample(), cue.sampleRate());
            if (end <= start) {
                continue;
            }
            out.append('\n')
                    .append(Timecode.clock(start, '.')).append(" --> ").append(Timecode.clock(end, '.')).append('\n');
            for (String line : cue.lines()) {
                out.append(escape(line)).append('\n');
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
