package narrator.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class StderrTailTest {

    @Test
    void keepsOnlyTheLastNonBlankLinesAndShortensHugeOnes() {
        StderrTail tail = new StderrTail(3);
        for (int i = 1; i <= 100; i++) {
            tail.add("line " + i);
            tail.add("   ");
        }
        tail.add("x".repeat(10_000));

        List<String> lines = tail.lines();

        assertEquals(List.of("line 99", "line 100"), lines.subList(0, 2));
        assertEquals(503, lines.get(2).length());
    }
}
