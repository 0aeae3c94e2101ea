package narrator.pipeline.align;

/**
 * A warping path between a reference (rows) and a recording (columns): for every reference frame, the
 * first and last recording frame it was matched with, and the mean feature distance along the path.
 */
record Warp(int[] firstColumn, int[] lastColumn, double meanDistance, int steps) {
    int rows() {
        return firstColumn.length;
    }
}
