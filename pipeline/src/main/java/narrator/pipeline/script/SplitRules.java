package narrator.pipeline.script;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * How long a spoken sentence may be. Latin-script text is measured in words; Chinese and Japanese
 * have no spaces, so ideographs, kana and hangul syllables are counted one by one against the
 * {@code *CjkChars} limits instead. A sentence under the minimum is merged into a neighbour; one over the
 * maximum is split.
 *
 * <p>The default CJK limits follow reading speed: about two characters are read in the time of one
 * English word, so 20 words ~ 40 characters. The minimum, 8 characters, is a little under 5 words'
 * worth, so that short but complete Chinese sentences such as "我们明天早上见吧。" are not merged away.
 *
 * <p>Mixed text counts each script against its own limit: a sentence is too long when
 * {@code words / maxWords + cjkChars / maxCjkChars > 1} and too short when
 * {@code words / minWords + cjkChars / minCjkChars < 1}, which reduces to the plain rule for
 * single-script text.
 */
public record SplitRules(int minWords, int maxWords, int minCjkChars, int maxCjkChars) {
    /** Merge under 5 words / 8 CJK characters, split over 20 words / 40 CJK characters. */
    public static final SplitRules DEFAULT = new SplitRules(5, 20, 8, 40);

    public SplitRules {
        // max >= 2 x min guarantees that any over-long sentence can be cut in two without leaving a short piece.
        if (minWords < 1 || maxWords < 2 * minWords || minCjkChars < 1 || maxCjkChars < 2 * minCjkChars) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "split rules need 1 <= min and 2 x min <= max, got words "
                    + minWords + ".." + maxWords + ", CJK characters " + minCjkChars + ".." + maxCjkChars);
        }
    }

    boolean isShort(Length length) {
        return (long) length.words() * minCjkChars + (long) length.cjkChars() * minWords < (long) minWords * minCjkChars;
    }

    boolean isLong(Length length) {
        return weight(length) > (long) maxWords * maxCjkChars;
    }

    /** The length as one number, each script scaled by its maximum; used to find the middle of mixed text. */
    long weight(Length length) {
        return (long) length.words() * maxCjkChars + (long) length.cjkChars() * maxWords;
    }
}
