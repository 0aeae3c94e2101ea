package narrator.app.spec;

import java.util.HashMap;
import java.util.Map;
import narrator.pipeline.Speaker;
import narrator.pipeline.script.Lexicon;
import narrator.pipeline.script.ScriptMarkup;
import narrator.tts.SpeechOptions;

/**
 * How a job's script is read: whether its markup counts ({@code "markup": false} turns it off), the
 * speakers its lines may start with, and the request's own lexicon, which the service's
 * ({@code LEXICON_FILE}) lies under.
 */
public record ScriptOptions(boolean markup, Map<String, SpeakerSpec> speakers, Map<String, String> lexicon) {
    /** What a request that says nothing about its script gets. */
    public static final ScriptOptions PLAIN = new ScriptOptions(true, Map.of(), Map.of());

    /** One speaker of a dialogue: its voice, how it speaks, and its caption colour ({@code #RRGGBB}, or null). */
    public record SpeakerSpec(String voiceId, SpeechOptions speech, String colour) {
    }

    public ScriptOptions {
        speakers = Map.copyOf(speakers);
        lexicon = Map.copyOf(lexicon);
    }

    /** The pipeline's reading of the script: the request's lexicon over {@code service}'s. */
    public ScriptMarkup reading(Lexicon service) {
        Map<String, Speaker> named = new HashMap<>();
        speakers.forEach((name, spec) -> named.put(name, new Speaker(name, spec.colour())));
        return new ScriptMarkup(markup, named, service.with(new Lexicon(lexicon)));
    }
}
