package narrator.pipeline.align;

/**
 * Acoustic features of one track, one frame every {@code hopSamples}: {@code dims} normalised MFCCs per
 * frame (zero mean, unit variance over the track, so level and channel differences cancel) in
 * {@code values}, frame after frame, and each frame's loudness in dB below full scale in {@code decibels}.
 */
record Features(float[] values, int dims, float[] decibels, int hopSamples) {
    int frames() {
        return decibels.length;
    }
}
