package narrator.pipeline.align;

import java.util.ArrayList;
import java.util.List;
import narrator.pipeline.SpokenSentence;

/**
 * Places a script's sentences and words on a recording of it: MFCCs of the reference and the recording,
 * a multi-resolution DTW between them, and every reference boundary carried across the warping path.
 * A start that lands in the recording's silence (a pause the reference lacks) moves on to the next
 * speech onset. Pure: PCM in, sample positions out.
 */
public final class ForcedAligner {
    /** Band half-width, in frames (10 ms), around the coarser level's path. */
    private static final int RADIUS = 16;
    /** How far a start may move forward to reach speech. */
    private static final double MAX_SNAP_SECONDS = 2.0;

    private final Dtw dtw = new Dtw(RADIUS);

    /** @param recording 16-bit mono PCM at the reference's rate */
    public Alignment align(Reference reference, short[] recording) {
        Mfcc mfcc = new Mfcc(reference.sampleRate());
        Features ref = mfcc.of(reference.pcm());
        Features rec = mfcc.of(recording);
        Warp warp = dtw.align(ref.values(), rec.values(), ref.dims());
        Loudness loudness = Loudness.of(rec.decibels());
        int hop = mfcc.hopSamples();
        int maxSnap = (int) Math.round(MAX_SNAP_SECONDS * reference.sampleRate() / hop);
        List<SpokenSentence> placed = new ArrayList<>();
        long floor = 0;
        for (SpokenSentence s : reference.sentences()) {
            int mappedEnd = warp.lastColumn()[row(s.endSample() - 1, hop, warp)] + 1;
            int mappedStart = warp.firstColumn()[row(s.startSample(), hop, warp)];
            int startFrame = loudness.nextOnset(mappedStart, Math.min(mappedEnd, mappedStart + maxSnap));
            int endFrame = loudness.lastSound(mappedEnd, startFrame);
            long startSample = Math.max(floor, (long) startFrame * hop);
            long endSample = Math.min(recording.length, Math.max(startSample + 1, (long) endFrame * hop));
            List<Long> words = new ArrayList<>(s.wordStarts().size());
            for (int w = 0; w < s.wordStarts().size(); w++) {
                long word = startSample;
                if (w > 0) {
                    int mapped = warp.firstColumn()[row(s.wordStarts().get(w), hop, warp)];
                    int next = w + 1 < s.wordStarts().size()
                            ? warp.firstColumn()[row(s.wordStarts().get(w + 1), hop, warp)] : endFrame;
                    long onset = (long) loudness.nextOnset(mapped, next) * hop;
                    word = Math.max(words.get(w - 1), Math.min(endSample - 1, onset));
                }
                words.add(word);
            }
            placed.add(s.placed(startSample, endSample, words));
            floor = endSample;
        }
        return new Alignment(placed, Confidence.of(warp, ref, rec, loudness, dtw));
    }

    /** The reference frame holding {@code sample}. */
    private static int row(long sample, int hop, Warp warp) {
        return (int) Math.max(0, Math.min(warp.rows() - 1, Math.round(sample / (double) hop)));
    }
}
