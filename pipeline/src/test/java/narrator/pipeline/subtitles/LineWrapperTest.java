package narrator.pipeline.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineWrapperTest {
    @Test
    void shortTextStaysOnOneLine() {
        assertEquals(List.of("Hello, world."), LineWrapper.wrap("  Hello,\n world. ", 20));
    }

    @Test
    void breaksWhereTheLongerLineIsShortest() {
        // Greedy filling would give "The quick brown fox jumps" / "over the dog."
        assertEquals(List.of("The quick brown fox", "jumps over the dog."),
                LineWrapper.wrap("The quick brown fox jumps over the dog.", 25));
        assertEquals(List.of("aaa bbb", "ccc ddd"), LineWrapper.wrap("aaa bbb ccc ddd", 10));
    }

    @Test
    void onATieTheTopLineIsTheShorter() {
        assertEquals(List.of("aa bbbb", "cccc"), LineWrapper.wrap("aa bbbb cccc", 8));
    }

    @Test
    void punctuationOnlyTokensStayWithTheirWord() {
        assertEquals(List.of("Wait — it", "is « fine »"), LineWrapper.wrap("Wait — it is « fine »", 14));
    }

    @Test
    void cjkBreaksBetweenCharactersCountingEachAsTwoColumns() {
        // 11 characters = 22 columns: 10 + 12 columns, the shorter line on top.
        assertEquals(List.of("我们今天要", "讲一个故事。"), LineWrapper.wrap("我们今天要讲一个故事。", 12));
        assertEquals(List.of("「東京タワー」", "はとても高い。"), LineWrapper.wrap("「東京タワー」はとても高い。", 16));
    }

    @Test
    void latinWordsInsideCjkAreNotBroken() {
        assertEquals(List.of("我喜欢", "JavaScript语言"), LineWrapper.wrap("我喜欢JavaScript语言", 16));
    }

    @Test
    void aWordLongerThanALineIsTheOnlyOneBroken() {
        assertEquals(List.of("Go to", "https://example.com/narrator"), LineWrapper.wrap("Go to https://example.com/narrator", 28));
        // 45 letters on lines of 30: the long word breaks where the lines balance, "see" stays whole.
        assertEquals(List.of("see Pneumonoultramicrosc", "opicsilicovolcanoconiosis"),
                LineWrapper.wrap("see Pneumonoultramicroscopicsilicovolcanoconiosis", 30));
    }

    @Test
    void textNeedingThreeLinesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LineWrapper.wrap("one two three four five six", 8));
    }
}
