package narrator.pipeline.render;

import java.util.ArrayDeque;
import java.util.List;

/** The last lines a process wrote to stderr: enough to explain a failure, bounded however much it writes. */
final class StderrTail {
    private static final int MAX_LINE = 500;

    private final int capacity;
    private final ArrayDeque<String> lines;

    StderrTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    synchronized void add(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(trimmed.length() > MAX_LINE ? trimmed.substring(0, MAX_LINE) + "..." : trimmed);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
