package narrator.pipeline.subtitles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import narrator.pipeline.VideoSize;

/**
 * Writes cues as an ASS script for libass to burn in. The script's resolution is the frame's, so the
 * style's pixel sizes are frame pixels. Lines are already wrapped ({@code WrapStyle: 2} stops libass from
 * wrapping again) and joined with {@code \N}.
 *
 * <p>Look: with an opaque back colour ({@code AA = FF}) the text sits in a box of that colour
 * ({@code BorderStyle 3}, which paints the box in OutlineColour, so the back colour goes there and the
 * outline width becomes the box padding); otherwise it has an outline and a shadow in the back colour
 * ({@code BorderStyle 1}), which keeps the default's translucent black a soft shadow.
 *
 * <p>Karaoke: {@code \kf} sweeps each word from SecondaryColour to PrimaryColour as it is spoken, so the
 * highlight colour goes in PrimaryColour and the normal text colour in SecondaryColour: words not yet
 * spoken show the normal colour, spoken ones the highlight.
 *
 * <p>An event whose rounded start and end are equal (a cue shorter than about 5 ms) is left out.
 */
public final class AssWriter {
    private AssWriter() {
    }

    /** A cue drawn in its own style (resolved for the frame), as captions a caller supplied are. */
    public record StyledCue(Cue cue, SubtitleStyle style) {
    }

    public static String write(List<Cue> cues, SubtitleStyle resolvedStyle, VideoSize size, boolean karaoke) {
        requireResolved(resolvedStyle);
        StringBuilder events = new StringBuilder(cues.size() * 80);
        for (Cue cue : cues) {
            event(events, cue, "Default", karaoke && !cue.words().isEmpty() ? karaokeText(cue) : plainText(cue));
        }
        return document(size, List.of(styleLine("Default", resolvedStyle, karaoke)), events);
    }

    /**
     * Cues each in its own style: one ASS style per distinct style, named {@code S1}, {@code S2}, ... in
     * order of first use, so every style field maps to its ASS field exactly as the narration's does.
     */
    public static String writeStyled(List<StyledCue> cues, VideoSize size) {
        List<SubtitleStyle> styles = new ArrayList<>();
        StringBuilder events = new StringBuilder(cues.size() * 80);
        for (StyledCue styled : cues) {
            requireResolved(styled.style());
            int index = styles.indexOf(styled.style());
            if (index < 0) {
                styles.add(styled.style());
                index = styles.size() - 1;
            }
            event(events, styled.cue(), "S" + (index + 1), plainText(styled.cue()));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < styles.size(); i++) {
            lines.add(styleLine("S" + (i + 1), styles.get(i), false));
        }
        return document(size, lines, events);
    }

    private static void requireResolved(SubtitleStyle style) {
        if (!style.isResolved()) {
            throw new IllegalArgumentException("resolve the subtitle style for the frame size first");
        }
    }

    private static String document(VideoSize size, List<String> styleLines, CharSequence events) {
        StringBuilder out = new StringBuilder(512 + events.length());
        out.append("[Script Info]\n")
                .append("ScriptType: v4.00+\n")
                .append("PlayResX: ").append(size.width()).append('\n')
                .append("PlayResY: ").append(size.height()).append('\n')
                .append("WrapStyle: 2\n")
                .append("ScaledBorderAndShadow: yes\n")
                .append('\n')
                .append("[V4+ Styles]\n")
                .append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, ")
                .append("Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, ")
                .append("Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        styleLines.forEach(line -> out.append(line).append('\n'));
        return out.append('\n')
                .append("[Events]\n")
                .append("Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n")
                .append(events)
                .toString();
    }

    private static void event(StringBuilder out, Cue cue, String style, String text) {
        long start = Timecode.centiseconds(cue.startSample(), cue.sampleRate());
        long end = Timecode.centiseconds(cue.endSample(), cue.sampleRate());
        if (end > start) {
            out.append("Dialogue: 0,").append(Timecode.ass(start)).append(',').append(Timecode.ass(end))
                    .append(',').append(style).append(",,0,0,0,,").append(text).append('\n');
        }
    }

    /** {@code #RRGGBB[AA]} (AA = opacity) as ASS {@code &HAABBGGRR} (AA = transparency, 00 opaque). */
    static String colour(String rgba) {
        int opacity = rgba.length() == 9 ? Integer.parseInt(rgba.substring(7, 9), 16) : 0xFF;
        return String.format(Locale.ROOT, "&H%02X%s%s%s", 0xFF - opacity,
                rgba.substring(5, 7), rgba.substring(3, 5), rgba.substring(1, 3));
    }

    private static String styleLine(String name, SubtitleStyle s, boolean karaoke) {
        boolean box = s.backColour().length() == 7 || s.backColour().endsWith("FF");
        return String.join(",", "Style: " + name, s.fontName(), Integer.toString(s.fontSize()),
                colour(karaoke ? s.highlightColour() : s.primaryColour()),
                colour(karaoke ? s.primaryColour() : s.highlightColour()),
                colour(box ? s.backColour() : s.outlineColour()),
                colour(s.backColour()),
                s.bold() ? "-1" : "0", "0", "0", "0", "100", "100", "0", "0",
                box ? "3" : "1", number(s.outline()), number(s.shadow()), alignment(s.alignment()),
                Integer.toString(s.marginHorizontal()), Integer.toString(s.marginHorizontal()),
                Integer.toString(s.marginVertical()), "1");
    }

    private static String alignment(SubtitleStyle.Alignment a) {
        return switch (a) {
            case BOTTOM -> "2";
            case MIDDLE -> "5";
            case TOP -> "8";
        };
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String plainText(Cue cue) {
        return String.join("\\N", cue.lines().stream().map(AssText::escape).toList());
    }

    // Walks the lines and puts one \kf before each word. The words spell the lines (Cue checks it), so
    // every non-space position starts the next word. A word's duration is the difference of its two
    // rounded boundaries, so the durations add up to the event's length exactly.
    private static String karaokeText(Cue cue) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int l = 0; l < cue.lines().size(); l++) {
            String line = cue.lines().get(l);
            if (l > 0) {
                out.append("\\N");
            }
            int pos = 0;
            while (pos < line.length()) {
                if (line.charAt(pos) == ' ') {
                    out.append(' ');
                    pos++;
                    continue;
                }
                WordTiming word = cue.words().get(next++);
                if (!line.startsWith(word.text(), pos)) {
                    throw new IllegalArgumentException("word '" + word.text() + "' is not at column " + pos + " of '" + line + "'");
                }
                long centis = Timecode.centiseconds(word.endSample(), cue.sampleRate())
                        - Timecode.centiseconds(word.startSample(), cue.sampleRate());
                out.append("{\\kf").append(centis).append('}').append(AssText.escape(word.text()));
                pos += word.text().length();
            }
        }
        return out.toString();
    }
}
