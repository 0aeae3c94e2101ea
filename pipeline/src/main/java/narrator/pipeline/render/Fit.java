package narrator.pipeline.render;

/** How a base whose aspect ratio differs from the output fills the frame. */
public enum Fit {
    /** Scale to cover the frame and cut off what sticks out. */
    CROP,
    /** Scale to fit inside the frame and fill the rest with black bars. */
    PAD
}
