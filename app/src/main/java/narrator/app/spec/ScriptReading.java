package narrator.app.spec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Speaker;
import narrator.pipeline.script.Lexicon;
import narrator.pipeline.script.MarkedScript;
import narrator.tts.FrontEnd;
import narrator.tts.SpeechOptions;
import narrator.tts.VoiceInfo;

/**
 * A request's {@code speakers}, {@code lexicon} and {@code markup} checked and turned into
 * {@link ScriptOptions}, with the script's markup read once so that its errors are refused at submit,
 * naming their line and column: a speaker who speaks but has no voice, a bad pause, a pronunciation
 * left open, IPA with a symbol the voice saying it has no sound for.
 */
final class ScriptReading {
    static final int MAX_SPEAKERS = 20;
    static final int MAX_LEXICON_ENTRIES = 1000;

    /** Finds an installed voice, or refuses naming the field. */
    interface VoiceLookup {
        VoiceInfo voice(String id, String field);
    }

    private ScriptReading() {
    }

    static ScriptOptions resolve(String script, JobSpecs.Fields in, double speed, String voiceId, VoiceLookup lookup,
                                 JobSpecs.Voices voices) {
        ScriptOptions options = new ScriptOptions(in.markup() == null || in.markup(), speakers(in.speakers(), speed,
                lookup), lexicon(in.lexicon()));
        MarkedScript marked = options.reading(voices.serviceLexicon().get()).parse(script);
        options.speakers().forEach((name, spec) -> {
            if (spec.voiceId() == null) {
                throw marked.firstLineOf(name).filter(place -> options.markup())
                        .map(place -> placed(place, "speaker " + name + " speaks here but has no voice: add \"voice\" to speakers."
                                + name))
                        .orElseGet(() -> RequestRules.invalid("speakers." + name + ".voice", "speakers." + name
                                + ".voice is required (an installed voice id)"));
            }
        });
        Map<String, FrontEnd> frontEnds = new HashMap<>();
        for (MarkedScript.IpaUse use : marked.ipa()) {
            String speaking = use.speaker() == null ? voiceId : options.speakers().get(use.speaker().name()).voiceId();
            FrontEnd frontEnd = frontEnds.computeIfAbsent(speaking, voices.frontEnd());
            var unknown = frontEnd.unknownPhonemes(use.ipa());
            if (!unknown.isEmpty()) {
                throw placed(use.place(), "/" + use.ipa() + "/ has " + String.join(" ", unknown)
                        + ", which voice " + speaking + " has no sound for");
            }
        }
        return options;
    }

    private static Map<String, ScriptOptions.SpeakerSpec> speakers(Map<String, ?> given, double speed, VoiceLookup lookup) {
        if (given == null) {
            return Map.of();
        }
        if (given.size() > MAX_SPEAKERS) {
            throw RequestRules.invalid("speakers", "speakers may name at most " + MAX_SPEAKERS + " speakers");
        }
        Map<String, ScriptOptions.SpeakerSpec> speakers = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            String field = "speakers." + name;
            if (!Speaker.validName(name)) {
                throw RequestRules.invalid("speakers", "speaker name '" + name
                        + "' must be 1 to 40 letters, digits, spaces or _.'- starting with a letter");
            }
            if (!(value instanceof Map<?, ?> entry)) {
                throw RequestRules.invalid(field, field + " must be an object like {\"voice\": \"piper:en_US-lessac-medium\"}");
            }
            String voice = text(entry.get("voice"), field + ".voice");
            String colour = text(entry.containsKey("color") ? entry.get("color") : entry.get("colour"), field + ".color");
            if (colour != null && !Speaker.validColour(colour)) {
                throw RequestRules.invalid(field + ".color", field + ".color must be #RRGGBB");
            }
            Object number = entry.get("speaker");
            String speaker = number instanceof Number n ? Long.toString(n.longValue()) : text(number, field + ".speaker");
            Object pace = entry.get("speed");
            if (pace != null && !(pace instanceof Number)) {
                throw RequestRules.invalid(field + ".speed", field + ".speed must be a number");
            }
            double ownSpeed = pace == null ? speed : speed(((Number) pace).doubleValue(), field + ".speed");
            if (voice != null) {
                JobSpecs.checkSpeaker(lookup.voice(voice, field + ".voice"), speaker, field + ".speaker");
            }
            speakers.put(name, new ScriptOptions.SpeakerSpec(voice, new SpeechOptions(ownSpeed, speaker),
                    colour == null ? null : colour.toUpperCase(java.util.Locale.ROOT)));
        });
        return speakers;
    }

    private static double speed(double speed, String field) {
        try {
            return RequestRules.speed(speed);
        } catch (NarratorException e) {
            throw RequestRules.invalid(field, field + ": " + e.getMessage());
        }
    }

    private static Map<String, String> lexicon(Map<String, ?> given) {
        if (given == null) {
            return Map.of();
        }
        if (given.size() > MAX_LEXICON_ENTRIES) {
            throw RequestRules.invalid("lexicon", "lexicon may hold at most " + MAX_LEXICON_ENTRIES + " entries");
        }
        Map<String, String> lexicon = new LinkedHashMap<>();
        given.forEach((written, spoken) -> {
            String problem = spoken instanceof String s ? Lexicon.problem(written, s) : "the spoken form must be a string";
            if (problem != null) {
                throw RequestRules.invalid("lexicon", "lexicon entry '" + written + "': " + problem);
            }
            lexicon.put(written.strip(), ((String) spoken).strip());
        });
        return lexicon;
    }

    private static String text(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > 200) {
            throw RequestRules.invalid(field, field + " must be a non-empty string");
        }
        return s.strip();
    }

    private static NarratorException placed(MarkedScript.Place place, String message) {
        return new NarratorException(ErrorCode.INVALID_REQUEST, "script " + place + ": " + message,
                Map.of("field", "script", "line", place.line(), "column", place.column()), null);
    }
}
