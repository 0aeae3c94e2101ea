package narrator.pipeline.subtitles;

import java.util.List;

/**
 * Writes cues as WebVTT: a {@code WEBVTT} header, then blocks with {@code HH:MM:SS.mmm} times, rounded
 * once per boundary. Text is escaped as the format defines ({@code &amp; &lt; &gt;}), which also keeps
 * {@code -->} out of it. Events that round to no length are left out. A cue with timed words (karaoke,
 * highlight) gets WebVTT's karaoke timestamps ({@code <00:00:01.250>}) before each word after the first,
 * which players use to style spoken and unspoken words apart; SRT has no way to say this. A dialogue
 * speaker's cues are voice spans ({@code <v ALICE>}), which players may show as a label.
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
            out.append(cue.speaker() == null ? "" : "<v " + escape(cue.speaker().name()) + ">")
                    .append(cue.words().size() > 1 ? timedText(cue) : String.join("\n",
                    cue.lines().stream().map(VttWriter::escape).toList())).append('\n');
        }
        return out.toString();
    }

    private static String timedText(Cue cue) {
        return CueText.dress(cue, "\n", VttWriter::escape, label -> label, (i, text, emphasised) -> i == 0 ? text : "<" + Timecode.clock(
                Timecode.milliseconds(cue.words().get(i).startSample(), cue.sampleRate()), '.') + ">" + text);
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
