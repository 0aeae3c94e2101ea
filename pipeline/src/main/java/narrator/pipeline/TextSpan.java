package narrator.pipeline;

/** Characters {@code start} (inclusive) to {@code end} (exclusive) of a sentence's text. */
public record TextSpan(int start, int end) {
    public TextSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a span needs 0 <= start < end, got " + start + ".." + end);
        }
    }
}
