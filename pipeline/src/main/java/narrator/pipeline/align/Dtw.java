package narrator.pipeline.align;

import java.util.Arrays;

/**
 * Multi-resolution dynamic time warping, as FastDTW does it: both tracks are halved until small, a full
 * DTW aligns the smallest pair, and each finer level searches only a band of {@code radius} frames
 * around the coarser path projected onto it. Time and memory grow with frames x band, never
 * frames x frames: 10 minutes (60,000 frames a side) needs a few megabytes of step directions.
 */
final class Dtw {
    /** Below this many frames a side, a full matrix is cheap. */
    private static final int FULL_LIMIT = 400;
    private static final byte DIAGONAL = 0;
    private static final byte UP = 1;
    private static final byte LEFT = 2;

    private final int radius;

    Dtw(int radius) {
        this.radius = radius;
    }

    Warp align(float[] a, float[] b, int dims) {
        int[][] path = path(a, a.length / dims, b, b.length / dims, dims);
        int rows = a.length / dims;
        int[] first = new int[rows];
        int[] last = new int[rows];
        Arrays.fill(first, -1);
        double total = 0;
        int[] is = path[0];
        int[] js = path[1];
        for (int s = 0; s < is.length; s++) {
            int i = is[s];
            int j = js[s];
            if (first[i] < 0) {
                first[i] = j;
            }
            last[i] = j;
            total += distance(a, i, b, j, dims);
        }
        return new Warp(first, last, total / is.length, is.length);
    }

    /** The path as two arrays, row indices and column indices, from (0,0) to (n-1,m-1). */
    private int[][] path(float[] a, int n, float[] b, int m, int dims) {
        if (Math.max(n, m) <= FULL_LIMIT || Math.min(n, m) < 4) {
            int[] lo = new int[n];
            int[] hi = new int[n];
            Arrays.fill(hi, m - 1);
            return inWindow(a, n, b, m, dims, lo, hi);
        }
        int[][] coarse = path(halve(a, n, dims), (n + 1) / 2, halve(b, m, dims), (m + 1) / 2, dims);
        int[] lo = new int[n];
        int[] hi = new int[n];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, -1);
        for (int s = 0; s < coarse[0].length; s++) {
            int i = coarse[0][s] * 2;
            int j = coarse[1][s] * 2;
            for (int r = Math.max(0, i - radius); r <= Math.min(n - 1, i + 1 + radius); r++) {
                lo[r] = Math.min(lo[r], Math.max(0, j - radius));
                hi[r] = Math.max(hi[r], Math.min(m - 1, j + 1 + radius));
            }
        }
        // Monotone bounds keep every row reachable from the one before.
        lo[0] = 0;
        hi[n - 1] = m - 1;
        for (int r = n - 2; r >= 0; r--) {
            lo[r] = Math.min(lo[r], lo[r + 1]);
        }
        for (int r = 1; r < n; r++) {
            hi[r] = Math.max(hi[r], hi[r - 1]);
        }
        return inWindow(a, n, b, m, dims, lo, hi);
    }

    /** Classic DTW over the cells {@code lo[i] <= j <= hi[i]}, keeping only step directions for the way back. */
    private static int[][] inWindow(float[] a, int n, float[] b, int m, int dims, int[] lo, int[] hi) {
        byte[][] steps = new byte[n][];
        int widest = 0;
        for (int i = 0; i < n; i++) {
            widest = Math.max(widest, hi[i] - lo[i] + 1);
        }
        // Two rows of cumulative cost, swapped, are all the cost this needs to keep.
        double[] previous = new double[widest];
        double[] row = new double[widest];
        int previousLo = 0;
        int previousWidth = 0;
        for (int i = 0; i < n; i++) {
            int width = hi[i] - lo[i] + 1;
            byte[] step = new byte[width];
            for (int k = 0; k < width; k++) {
                int j = lo[i] + k;
                double d = distance(a, i, b, j, dims);
                if (i == 0 && j == 0) {
                    row[k] = d;
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                byte how = LEFT;
                if (k > 0) {
                    best = row[k - 1];
                }
                if (i > 0) {
                    double up = cell(previous, previousLo, previousWidth, j);
                    if (up < best) {
                        best = up;
                        how = UP;
                    }
                    double diagonal = cell(previous, previousLo, previousWidth, j - 1);
                    if (diagonal <= best) {
                        best = diagonal;
                        how = DIAGONAL;
                    }
                }
                row[k] = best + d;
                step[k] = how;
            }
            steps[i] = step;
            double[] swap = previous;
            previous = row;
            row = swap;
            previousLo = lo[i];
            previousWidth = width;
        }
        int length = 0;
        int[] is = new int[n + m];
        int[] js = new int[n + m];
        int i = n - 1;
        int j = m - 1;
        while (true) {
            is[length] = i;
            js[length] = j;
            length++;
            if (i == 0 && j == 0) {
                break;
            }
            byte how = i == 0 ? LEFT : j == 0 ? UP : steps[i][j - lo[i]];
            if (how != LEFT) {
                i--;
            }
            if (how != UP) {
                j--;
            }
        }
        int[] rows = new int[length];
        int[] columns = new int[length];
        for (int s = 0; s < length; s++) {
            rows[s] = is[length - 1 - s];
            columns[s] = js[length - 1 - s];
        }
        return new int[][] {rows, columns};
    }

    private static double cell(double[] row, int lo, int width, int j) {
        int k = j - lo;
        return k >= 0 && k < width ? row[k] : Double.POSITIVE_INFINITY;
    }

    static double distance(float[] a, int i, float[] b, int j, int dims) {
        double sum = 0;
        int x = i * dims;
        int y = j * dims;
        for (int d = 0; d < dims; d++) {
            double diff = a[x + d] - b[y + d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** Each pair of frames averaged into one (a trailing odd frame stays as it is). */
    static float[] halve(float[] values, int frames, int dims) {
        int half = (frames + 1) / 2;
        float[] out = new float[half * dims];
        for (int f = 0; f < half; f++) {
            int first = 2 * f;
            int second = Math.min(2 * f + 1, frames - 1);
            for (int d = 0; d < dims; d++) {
                out[f * dims + d] = (values[first * dims + d] + values[second * dims + d]) / 2;
            }
        }
        return out;
    }
}
