package narrator.pipeline.scenes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code [scene N]} markers in a script and cuts it there. The markers are taken out: they are
 * never spoken or shown.
 */
final class SceneMarkers {
    private static final Pattern MARKER = Pattern.compile("\\[\\s*scene\\s+(\\d{1,4})\\s*]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENDS_PARAGRAPH = Pattern.compile("\\n[ \\t]*\\n\\s*$");

    /**
     * The text after marker {@code scene} (1-based), up to the next marker. {@code endsParagraph}: the
     * text ends at a blank line (or the script's end), so its last sentence ends a paragraph.
     */
    record Piece(int scene, String text, boolean endsParagraph) {
    }

    private SceneMarkers() {
    }

    static boolean present(String script) {
        return MARKER.matcher(script).find();
    }

    /** The script's pieces in order; text before the first marker is scene 1's. */
    static List<Piece> pieces(String script) {
        List<Piece> pieces = new ArrayList<>();
        Matcher m = MARKER.matcher(script);
        int scene = 1;
        int from = 0;
        while (m.find()) {
            add(pieces, scene, script.substring(from, m.start()), false);
            scene = Integer.parseInt(m.group(1));
            from = m.end();
        }
        add(pieces, scene, script.substring(from), true);
        return pieces;
    }

    private static void add(List<Piece> pieces, int scene, String text, boolean last) {
        if (scene == 1 && pieces.isEmpty() && text.isBlank()) {
            return; // nothing before a first marker
        }
        pieces.add(new Piece(scene, text, last || ENDS_PARAGRAPH.matcher(text).find()));
    }
}
