package narrator.pipeline.render;

/** The H.264 encoders a render can use. */
public enum Encoder {
    /** Software x264: always present, the fallback. */
    LIBX264,
    /** NVIDIA's hardware encoder: only with an NVIDIA GPU and driver (libcuda). */
    NVENC
}
