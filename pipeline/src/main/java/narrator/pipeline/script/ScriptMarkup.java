package narrator.pipeline.script;

import java.util.Map;
import narrator.pipeline.Speaker;

/**
 * How to read a script's markup: whether to read it at all ({@code "markup": false} turns it off),
 * the speakers its lines may start with, and the lexicon of pronunciations (applied with or without
 * markup: it is not written in the script).
 */
public record ScriptMarkup(boolean enabled, Map<String, Speaker> speakers, Lexicon lexicon) {
    /** Markup on, no speakers, no lexicon: what a request that names none of these gets. */
    public static final ScriptMarkup PLAIN = new ScriptMarkup(true, Map.of(), Lexicon.EMPTY);

    public ScriptMarkup {
        speakers = Map.copyOf(speakers);
    }

    /**
     * @throws narrator.core.NarratorException INVALID_REQUEST naming the line and column of the first
     *     markup error
     */
    public MarkedScript parse(String script) {
        return new MarkupParser(this).parse(script);
    }
}
