package narrator.app.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import narrator.core.NarratorException;
import narrator.pipeline.render.ClipFit;
import narrator.pipeline.render.Motion;
import narrator.pipeline.scenes.Anchor;
import narrator.pipeline.scenes.SceneOptions;

/**
 * The {@code scenes} field, the same for the API and {@code narrator render --scenes}: a list of JSON
 * objects as parsed (maps, lists, strings, numbers, booleans), each turned into a {@link SceneRef} or
 * refused with INVALID_REQUEST naming the field ({@code scenes[2].motion}). The queue stores scenes
 * in this same shape ({@link #toJson}).
 */
public final class SceneRules {
    public static final int MAX_SCENES = 50;
    /** A crossfade asked for without a length. */
    public static final double DEFAULT_CROSSFADE_SECONDS = 0.5;
    private static final Set<String> FIELDS = Set.of("media", "paragraph", "sentences", "motion", "transition",
            "transition_seconds", "clip_fit", "clip_audio");

    private SceneRules() {
    }

    /** {@code scenes} as given; null or empty means none. */
    public static List<SceneRef> parse(List<?> scenes) {
        if (scenes == null || scenes.isEmpty()) {
            return List.of();
        }
        if (scenes.size() > MAX_SCENES) {
            throw invalid("scenes", "at most " + MAX_SCENES + " scenes, got " + scenes.size());
        }
        List<SceneRef> refs = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            if (!(scenes.get(i) instanceof Map<?, ?> scene)) {
                throw invalid("scenes[" + i + "]", "scenes[" + i + "] must be a JSON object");
            }
            refs.add(scene("scenes[" + i + "]", scene));
        }
        return List.copyOf(refs);
    }

    private static SceneRef scene(String at, Map<?, ?> scene) {
        for (Object key : scene.keySet()) {
            if (!FIELDS.contains(key)) {
                throw invalid(at + "." + key, at + " has an unknown field '" + key + "'; scenes take " + FIELDS);
            }
        }
        if (!(scene.get("media") instanceof String media) || media.isBlank()) {
            throw invalid(at + ".media", at + ".media is required: an image or video clip (URL, or a file for the CLI)");
        }
        Anchor anchor = anchor(at, scene);
        String transition = text(at, scene, "transition", "cut");
        double crossfade = switch (transition) {
            case "cut" -> {
                if (scene.get("transition_seconds") != null) {
                    throw invalid(at + ".transition_seconds", at + ".transition_seconds needs transition 'crossfade'");
                }
                yield 0;
            }
            case "crossfade" -> number(at, scene, "transition_seconds", DEFAULT_CROSSFADE_SECONDS, 0.1,
                    SceneOptions.MAX_CROSSFADE_SECONDS);
            default -> throw invalid(at + ".transition", at + ".transition must be 'cut' or 'crossfade'");
        };
        ClipFit clipFit = switch (text(at, scene, "clip_fit", "loop")) {
            case "loop" -> ClipFit.LOOP;
            case "slow" -> ClipFit.SLOW;
            default -> throw invalid(at + ".clip_fit", at + ".clip_fit must be 'loop' or 'slow'");
        };
        Object clipAudio = scene.get("clip_audio");
        if (clipAudio != null && !(clipAudio instanceof Boolean)) {
            throw invalid(at + ".clip_audio", at + ".clip_audio must be true or false");
        }
        boolean withSound = Boolean.TRUE.equals(clipAudio);
        if (withSound && clipFit == ClipFit.SLOW) {
            throw invalid(at + ".clip_audio", at + ".clip_audio needs clip_fit 'loop': a slowed clip's sound would not match it");
        }
        return new SceneRef(InputRef.of(media.strip()), new SceneOptions(anchor, motion(at, scene), crossfade, clipFit,
                withSound));
    }

    private static Anchor anchor(String at, Map<?, ?> scene) {
        Object paragraph = scene.get("paragraph");
        Object sentences = scene.get("sentences");
        if (paragraph != null && sentences != null) {
            throw invalid(at, at + " takes a paragraph or sentences, not both");
        }
        if (paragraph != null) {
            return new Anchor.Paragraph(count(at + ".paragraph", paragraph));
        }
        if (sentences != null) {
            if (!(sentences instanceof List<?> range) || range.size() != 2) {
                throw invalid(at + ".sentences", at + ".sentences must be [first, last], counted from 1");
            }
            return new Anchor.Sentences(count(at + ".sentences", range.get(0)), count(at + ".sentences", range.get(1)));
        }
        return Anchor.AUTO;
    }

    /** null for "auto" (varied from scene to scene). */
    private static Motion motion(String at, Map<?, ?> scene) {
        String motion = text(at, scene, "motion", "auto");
        if (motion.equals("auto")) {
            return null;
        }
        try {
            return Motion.valueOf(motion.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(at + ".motion", at + ".motion must be auto, none, zoom_in, zoom_out, pan_left, pan_right, "
                    + "pan_up or pan_down");
        }
    }

    private static String text(String at, Map<?, ?> scene, String field, String fallback) {
        Object value = scene.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw invalid(at + "." + field, at + "." + field + " must be a string");
        }
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private static double number(String at, Map<?, ?> scene, String field, double fallback, double min, double max) {
        Object value = scene.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || !(number.doubleValue() >= min && number.doubleValue() <= max)) {
            throw invalid(at + "." + field, at + "." + field + " must be a number from " + min + " to " + max);
        }
        return number.doubleValue();
    }

    private static int count(String field, Object value) {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
                || ((Number) value).longValue() > 100_000) {
            throw invalid(field, field + " must be a whole number from 1");
        }
        return ((Number) value).intValue();
    }

    /** The scenes in the request's own shape, which {@link #parse} reads back to the same values. */
    public static List<Map<String, Object>> toJson(List<SceneRef> scenes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SceneRef scene : scenes) {
            SceneOptions o = scene.options();
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("media", scene.media().text());
            if (o.anchor() instanceof Anchor.Paragraph p) {
                map.put("paragraph", p.number());
            } else if (o.anchor() instanceof Anchor.Sentences s) {
                map.put("sentences", List.of(s.first(), s.last()));
            }
            map.put("motion", o.motion() == null ? "auto" : o.motion().name().toLowerCase(Locale.ROOT));
            map.put("transition", o.crossfadeSeconds() > 0 ? "crossfade" : "cut");
            if (o.crossfadeSeconds() > 0) {
                map.put("transition_seconds", o.crossfadeSeconds());
            }
            map.put("clip_fit", o.clipFit().name().toLowerCase(Locale.ROOT));
            map.put("clip_audio", o.clipAudio());
            out.add(map);
        }
        return out;
    }

    private static NarratorException invalid(String field, String message) {
        return RequestRules.invalid(field, message);
    }
}
