package narrator.pipeline.subtitles;

import java.util.List;

/**
 * Writes cues as SubRip ({@code .srt}): numbered blocks with {@code HH:MM:SS,mmm} times, rounded once per
 * boundary. SRT has no escape syntax, yet players read {@code <i>}/{@code <font>} tags, and libass-based
 * ones {@code {\an8}} blocks and {@code \N}; so {@code < > { }} become their fullwidth forms (which also
 * keeps {@code -->} out of the text) and a backslash gets a WORD JOINER after it, as in ASS. Events that
 * round to no length are left out and the numbering skips nothing.
 */
public final class SrtWriter {
    private SrtWriter() {
    }

    public static String write(List<Cue> cues) {
        StringBuilder out = new StringBuilder(cues.size() * 64);
        int number = 0;
        for (Cue cue : cues) {
            long start = Timecode.milliseconds(cue.startSample(), cue.sampleRate());
            long end = Timecode.milliseconds(cue.endSample(), cue.sampleRate());
            if (end <= start) {
                continue;
            }
            if (number > 0) {
                out.append('\n');
            }
            out.append(++number).append('\n')
                    .append(Timecode.clock(start, ',')).append(" --> ").append(Timecode.clock(end, ',')).append('\n');
            for (String line : cue.lines()) {
                out.append(escape(line)).append('\n');
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append('＜');
                case '>' -> out.append('＞');
                case '{' -> out.append('｛');
                case '}' -> out.append('｝');
                case '\\' -> out.append('\\').append(AssText.WORD_JOINER);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
