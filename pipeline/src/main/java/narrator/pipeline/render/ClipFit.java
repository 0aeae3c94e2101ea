package narrator.pipeline.render;

/** How a video clip shorter than its scene fills it; a longer clip is always cut at the scene's end. */
public enum ClipFit {
    /** Play it again from the start. */
    LOOP,
    /** Play it once, slowed down to last the whole scene. */
    SLOW
}
