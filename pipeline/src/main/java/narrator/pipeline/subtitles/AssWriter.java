package narrator.pipeline.subtitles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
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
 * <p>Highlight: one event per word, each showing the whole cue with that word in the highlight colour, so
 * exactly the word being spoken stands out. Word: each cue is one word that pops in (drawn at 80% size,
 * growing to full size over its first {@value #POP_IN_MS} ms).
 *
 * <p>A dialogue speaker's colour replaces the normal text colour of that speaker's events (for karaoke, the
 * colour of the words not yet spoken); the highlight stays the style's. A speaker label is drawn in that
 * normal colour, and emphasised words in the style's emphasis colour wherever the normal colour would be
 * (for karaoke, until they are spoken; for highlight, unless it is their turn).
 *
 * <p>An event whose rounded start and end are equal (a cue shorter than about 5 ms) is left out.
 */
public final class AssWriter {
    private AssWriter() {
    }

    /** How long a word of the {@code word} style takes to grow to full size. */
    static final int POP_IN_MS = 120;
    private static final String POP_IN = "{\\fscx80\\fscy80\\t(0," + POP_IN_MS + ",\\fscx100\\fscy100)}";
    private static final String DEFAULT = "Default";

    /** A cue drawn in its own style (resolved for the frame), as captions a caller supplied are. */
    public record StyledCue(Cue cue, SubtitleStyle style) {
    }

    /**
     * The part of a document shown from {@code fromCs} to {@code toCs} (centiseconds of the whole video), with
     * times counted from {@code fromCs}: a segment of a segmented render. An event cut at {@code fromCs} starts
     * there looking as it does at that moment in the whole document (karaoke fill and pop-in carried on).
     */
    public record Window(long fromCs, long toCs) {
        /** The whole document. */
        public static final Window ALL = new Window(0, Long.MAX_VALUE);

        public Window {
            if (fromCs < 0 || toCs <= fromCs) {
                throw new IllegalArgumentException("bad window " + fromCs + ".." + toCs);
            }
        }
    }

    public static String write(List<Cue> cues, SubtitleStyle resolvedStyle, VideoSize size, CaptionStyle captions) {
        return write(cues, resolvedStyle, size, captions, Window.ALL);
    }

    /** As {@link #write(List, SubtitleStyle, VideoSize, CaptionStyle)}, only the events inside {@code window}. */
    public static String write(List<Cue> cues, SubtitleStyle resolvedStyle, VideoSize size, CaptionStyle captions,
                               Window window) {
        requireResolved(resolvedStyle);
        StringBuilder events = new StringBuilder(cues.size() * 80);
        for (Cue cue : cues) {
            if (captions == CaptionStyle.HIGHLIGHT && !cue.words().isEmpty()) {
                highlightEvents(events, window, cue, resolvedStyle);
            } else {
                dialogue(events, window, cue.startSample(), cue.endSample(), cue.sampleRate(), DEFAULT,
                        elapsed -> speakerColour(cue, captions) + text(cue, captions, resolvedStyle, elapsed));
            }
        }
        return document(size, List.of(styleLine(DEFAULT, resolvedStyle, captions == CaptionStyle.KARAOKE)), events);
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
            Cue cue = styled.cue();
            SubtitleStyle style = styled.style();
            dialogue(events, Window.ALL, cue.startSample(), cue.endSample(), cue.sampleRate(), "S" + (index + 1),
                    elapsed -> plainText(cue, style));
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

    // Karaoke draws unspoken words in SecondaryColour (see the class comment); the other styles in PrimaryColour.
    private static String speakerColour(Cue cue, CaptionStyle captions) {
        return cue.colour().map(c -> "{\\" + (captions == CaptionStyle.KARAOKE ? "2c" : "1c") + bgr(c) + "}").orElse("");
    }

    // elapsed: how long (cs) the cue had been shown before the window starts; 0 when it starts inside.
    private static String text(Cue cue, CaptionStyle captions, SubtitleStyle style, long elapsed) {
        if (cue.words().isEmpty()) {
            return plainText(cue, style);
        }
        return switch (captions) {
            case KARAOKE -> karaokeText(cue, style, elapsed);
            case WORD -> popIn(elapsed) + plainText(cue, style);
            default -> plainText(cue, style);
        };
    }

    /** The pop-in as it goes on after {@code elapsed} cs: \t with a negative start (libass animates from there). */
    static String popIn(long elapsed) {
        long ms = elapsed * 10;
        if (ms == 0) {
            return POP_IN;
        }
        // Finished: full size is the style's own. \t's end 0 would mean "the event's end", so never write it.
        return ms >= POP_IN_MS ? "" : "{\\fscx80\\fscy80\\t(" + -ms + "," + (POP_IN_MS - ms) + ",\\fscx100\\fscy100)}";
    }

    /** The cue's normal text colour: its speaker's, else the style's. */
    private static String normal(Cue cue, SubtitleStyle style) {
        return cue.colour().orElse(style.primaryColour());
    }

    /** {@code text} in {@code colour}, then back to {@code after}, through override tag {@code tag} (1c or 2c). */
    private static String coloured(String tag, String colour, String text, String after) {
        return "{\\" + tag + bgr(colour) + "}" + text + "{\\" + tag + bgr(after) + "}";
    }

    // One event per word, for as long as it is heard: the cue's text with that word alone in the highlight colour.
    private static void highlightEvents(StringBuilder out, Window window, Cue cue, SubtitleStyle style) {
        String normal = normal(cue, style);
        String start = speakerColour(cue, CaptionStyle.HIGHLIGHT);
        for (int w = 0; w < cue.words().size(); w++) {
            WordTiming word = cue.words().get(w);
            int active = w;
            String text = start + CueText.dress(cue, "\\N", AssText::escape, label -> label,
                    (i, t, emphasised) -> i == active ? coloured("1c", style.highlightColour(), t, normal)
                            : emphasised ? coloured("1c", style.emphasisColour(), t, normal) : t);
            dialogue(out, window, word.startSample(), word.endSample(), cue.sampleRate(), DEFAULT, elapsed -> text);
        }
    }

    /** The event clipped to {@code window} and timed from its start; {@code text} gets the cs cut off its front. */
    private static void dialogue(StringBuilder out, Window window, long startSample, long endSample, int sampleRate,
                                 String style, LongFunction<String> text) {
        long start = Math.max(Timecode.centiseconds(startSample, sampleRate), window.fromCs());
        long end = Math.min(Timecode.centiseconds(endSample, sampleRate), window.toCs());
        if (end > start) {
            long elapsed = start - Timecode.centiseconds(startSample, sampleRate);
            out.append("Dialogue: 0,").append(Timecode.ass(start - window.fromCs())).append(',')
                    .append(Timecode.ass(end - window.fromCs())).append(',').append(style).append(",,0,0,0,,")
                    .append(text.apply(elapsed)).append('\n');
        }
    }

    /** {@code #RRGGBB[AA]} (AA = opacity) as ASS {@code &HAABBGGRR} (AA = transparency, 00 opaque). */
    static String colour(String rgba) {
        int opacity = rgba.length() == 9 ? Integer.parseInt(rgba.substring(7, 9), 16) : 0xFF;
        return String.format(Locale.ROOT, "&H%02X%s%s%s", 0xFF - opacity,
                rgba.substring(5, 7), rgba.substring(3, 5), rgba.substring(1, 3));
    }

    /** {@code #RRGGBB[AA]} as an override tag's colour {@code &HBBGGRR&} (override colours carry no alpha). */
    static String bgr(String rgba) {
        return "&H" + rgba.substring(5, 7) + rgba.substring(3, 5) + rgba.substring(1, 3) + "&";
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

    private static String plainText(Cue cue, SubtitleStyle style) {
        String normal = normal(cue, style);
        return CueText.plain(cue, "\\N", AssText::escape, label -> label,
                text -> coloured("1c", style.emphasisColour(), text, normal));
    }

    // A word's karaoke duration is the difference of its two rounded boundaries, so the durations add up to
    // the event's length exactly. The label comes before the first word's tag, so it is never swept and
    // would show in PrimaryColour (the highlight): it is drawn in the normal colour instead. An event cut
    // after it started begins with an empty syllable of minus the time cut off: libass adds it to the
    // syllables' start, so the fill carries on where it was.
    private static String karaokeText(Cue cue, SubtitleStyle style, long elapsed) {
        String normal = normal(cue, style);
        return CueText.dress(cue, "\\N", AssText::escape,
                label -> coloured("1c", normal, label, style.highlightColour()), (i, text, emphasised) -> {
                    WordTiming word = cue.words().get(i);
                    long centis = Timecode.centiseconds(word.endSample(), cue.sampleRate())
                            - Timecode.centiseconds(word.startSample(), cue.sampleRate());
                    return (i == 0 && elapsed > 0 ? "{\\kf-" + elapsed + "}" : "") + "{\\kf" + centis + "}"
                            + (emphasised ? coloured("2c", style.emphasisColour(), text, normal) : text);
                });
    }
}
