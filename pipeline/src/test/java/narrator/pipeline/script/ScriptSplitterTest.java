package narrator.pipeline.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import narrator.pipeline.Sentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Script in, sentences out. In the expected lists a trailing ¶ marks {@code paragraphEnd}. Rows about
 * where sentences end use {@link #BREAKS_ONLY}, whose length rules never merge or split, so that a
 * wrong break cannot hide behind a merge; rows about length use {@link SplitRules#DEFAULT}.
 */
class ScriptSplitterTest {
    private static final SplitRules BREAKS_ONLY = new SplitRules(1, 10_000, 1, 20_000);
    private static final SplitRules DEFAULT = SplitRules.DEFAULT;

    static Stream<Arguments> table() {
        return Stream.of(
                // Abbreviations
                row("titles", BREAKS_ONLY,
                        "Mr. Smith met Mrs. Jones and Ms. Lee. Dr. Brown thanked Prof. Green.",
                        "Mr. Smith met Mrs. Jones and Ms. Lee.", "Dr. Brown thanked Prof. Green.¶"),
                row("St. Jr. Sr.", BREAKS_ONLY,
                        "Martin Luther King Jr. Day is in January. Sr. Maria lives on St. Mark's Square.",
                        "Martin Luther King Jr. Day is in January.", "Sr. Maria lives on St. Mark's Square.¶"),
                row("vs.", BREAKS_ONLY,
                        "Lakers vs. Celtics is tonight. Tickets are sold out.",
                        "Lakers vs. Celtics is tonight.", "Tickets are sold out.¶"),
                row("etc. before a capital ends the sentence", BREAKS_ONLY,
                        "Bring pens, paper, etc. The rest is provided.",
                        "Bring pens, paper, etc.", "The rest is provided.¶"),
                row("etc. before lowercase does not", BREAKS_ONLY,
                        "Bring pens, paper, etc. and a snack.",
                        "Bring pens, paper, etc. and a snack.¶"),
                row("e.g. and i.e.", BREAKS_ONLY,
                        "Visit a capital, e.g. Paris or Rome. Choose one city, i.e. Your favourite.",
                        "Visit a capital, e.g. Paris or Rome.", "Choose one city, i.e. Your favourite.¶"),
                row("U.S. and U.K.", BREAKS_ONLY,
                        "The U.S. Army and the U.K. Navy trained together. It went well.",
                        "The U.S. Army and the U.K. Navy trained together.", "It went well.¶"),
                row("a.m. and p.m. inside a sentence", BREAKS_ONLY,
                        "We open at 9 a.m. and close at 5 p.m. on weekdays. Come early.",
                        "We open at 9 a.m. and close at 5 p.m. on weekdays.", "Come early.¶"),
                row("a.m. before a capital ends the sentence", BREAKS_ONLY,
                        "The shop opens at 9 a.m. Doors close at noon.",
                        "The shop opens at 9 a.m.", "Doors close at noon.¶"),
                row("No. only before a number", BREAKS_ONLY,
                        "Track No. 5 is the best. No. It is not.",
                        "Track No. 5 is the best.", "No.", "It is not.¶"),
                row("Inc. and Ltd.", BREAKS_ONLY,
                        "Acme Inc. Staff met Widgets Ltd. Managers today. The deal was signed.",
                        "Acme Inc. Staff met Widgets Ltd. Managers today.", "The deal was signed.¶"),
                row("single initials", BREAKS_ONLY,
                        "J. K. Rowling wrote it. George R. R. Martin did not.",
                        "J. K. Rowling wrote it.", "George R. R. Martin did not.¶"),

                // Numbers, ellipses, quotes, addresses
                row("decimals and versions", BREAKS_ONLY,
                        "Pi is about 3.14 and v2.0 is out. Version 1.2.3 comes next.",
                        "Pi is about 3.14 and v2.0 is out.", "Version 1.2.3 comes next.¶"),
                row("times and thousands", BREAKS_ONLY,
                        "At 10:30 we paid 1,000.50 dollars. It was late.",
                        "At 10:30 we paid 1,000.50 dollars.", "It was late.¶"),
                row("ellipsis before lowercase stays inside", BREAKS_ONLY,
                        "I think... maybe not. Well… perhaps later.",
                        "I think... maybe not.", "Well… perhaps later.¶"),
                row("ellipsis before a capital ends the sentence", BREAKS_ONLY,
                        "I waited... Then he came. Wait… What was that?",
                        "I waited...", "Then he came.", "Wait…", "What was that?¶"),
                row("closing quote belongs to the sentence", BREAKS_ONLY,
                        "He said \"Go.\" Then he left.",
                        "He said \"Go.\"", "Then he left.¶"),
                row("closing bracket belongs to the sentence", BREAKS_ONLY,
                        "(See above.) Next we begin.",
                        "(See above.)", "Next we begin.¶"),
                row("curly quotes, ?! and a lowercase word after the quote", BREAKS_ONLY,
                        "“Really?!” she asked. ‘Yes!’ He nodded.",
                        "“Really?!” she asked.", "‘Yes!’", "He nodded.¶"),
                row("URLs", BREAKS_ONLY,
                        "Visit https://example.com/a.b?c=d today. Or try www.example.com. It is free.",
                        "Visit https://example.com/a.b?c=d today.", "Or try www.example.com.", "It is free.¶"),
                row("e-mail addresses and file names", BREAKS_ONLY,
                        "Mail a.b@example.co.uk with report.pdf attached. Thanks.",
                        "Mail a.b@example.co.uk with report.pdf attached.", "Thanks.¶"),

                // Lines and paragraphs
                row("lines without final punctuation are sentences", BREAKS_ONLY,
                        "Shopping list\nMilk\nBread and butter\n\nThat is all.",
                        "Shopping list", "Milk", "Bread and butter¶", "That is all.¶"),
                row("hard-wrapped prose: next line starts lowercase", BREAKS_ONLY,
                        "This sentence is wrapped\nacross two lines. And this one\nis too.",
                        "This sentence is wrapped across two lines.", "And this one is too.¶"),
                row("a line ending with a comma goes on", BREAKS_ONLY,
                        "Dear Anna,\nThank you for the letter.",
                        "Dear Anna, Thank you for the letter.¶"),
                row("paragraph ends are flagged, extra blank lines ignored", BREAKS_ONLY,
                        "First one. Second one.\n\nThird one.\n\n\n\nFourth one.",
                        "First one.", "Second one.¶", "Third one.¶", "Fourth one.¶"),
                row("list numbers stay with their item", BREAKS_ONLY,
                        "1. Mix the flour.\n2. Add the eggs.",
                        "1. Mix the flour.", "2. Add the eggs.¶"),
                row("normalization: tabs, spaces, CRLF, control characters, NFC", BREAKS_ONLY,
                        "Tabs\tand   spaces\r\nand CRLF.\u0007 Cafe\u0301 is open.\r\n \r\nNew paragraph.",
                        "Tabs and spaces and CRLF.", "Caf\u00e9 is open.¶", "New paragraph.¶"),
                row("empty script", DEFAULT, ""),
                row("whitespace-only script", DEFAULT, " \n\t\r\n "),
                row("a paragraph with nothing to say is left out", BREAKS_ONLY,
                        "Hello there.\n\n* * *\n\nGoodbye now.",
                        "Hello there.¶", "Goodbye now.¶"),

                // CJK sentence ends
                row("CJK end marks need no space", BREAKS_ONLY,
                        "今天天气很好。我们去公园吧！你来吗？",
                        "今天天气很好。", "我们去公园吧！", "你来吗？¶"),
                row("CJK closing quote belongs to the sentence", BREAKS_ONLY,
                        "他说：“走吧。”然后离开了。",
                        "他说：“走吧。”", "然后离开了。¶"),
                row("fullwidth period, ？！ and a fullwidth decimal", BREAKS_ONLY,
                        "これはペンです．価格は３．５ドルです。本当？！はい。",
                        "これはペンです．", "価格は３．５ドルです。", "本当？！", "はい。¶"),
                row("mixed Latin and CJK", BREAKS_ONLY,
                        "我喜欢Java。It is fast. 真的吗?是的。",
                        "我喜欢Java。", "It is fast.", "真的吗?", "是的。¶"),
                row("Korean is written with spaces and Latin marks", BREAKS_ONLY,
                        "안녕하세요. 만나서 반갑습니다.",
                        "안녕하세요.", "만나서 반갑습니다.¶"),

                // Merging short sentences
                row("a short sentence merges into the previous one", DEFAULT,
                        "The meeting starts at nine sharp. Be on time. We begin with a short review.",
                        "The meeting starts at nine sharp. Be on time.", "We begin with a short review.¶"),
                row("a short first sentence merges into the next one", DEFAULT,
                        "Hello everyone. Today we will learn how to bake bread.",
                        "Hello everyone. Today we will learn how to bake bread.¶"),
                row("a short sentence goes to the next one when the previous would get too long", DEFAULT,
                        "Every morning the baker lights the big oven long before dawn to bake the bread for the whole village. "
                                + "It smells wonderful. Children line up outside the shop every day.",
                        "Every morning the baker lights the big oven long before dawn to bake the bread for the whole village.",
                        "It smells wonderful. Children line up outside the shop every day.¶"),
                row("a paragraph of one short sentence stays alone: a title", DEFAULT,
                        "Chapter One\n\nIt was a dark and stormy night in the old town.",
                        "Chapter One¶", "It was a dark and stormy night in the old town.¶"),
                row("short lines merge until long enough", DEFAULT,
                        "Shopping list\nMilk\nEggs and fresh bread\nA big bag of apples",
                        "Shopping list Milk Eggs and fresh bread", "A big bag of apples¶"),

                // Splitting long sentences (45 words each)
                row("a long sentence splits at the commas nearest the middle", DEFAULT,
                        "The old lighthouse keeper climbed the winding stairs every single evening before the sun went down, "
                                + "carrying a heavy lantern with a small basket of bread for the hungry gulls that waited near the top, "
                                + "never once complaining about the cold wind or the rain.",
                        "The old lighthouse keeper climbed the winding stairs every single evening before the sun went down,",
                        "carrying a heavy lantern with a small basket of bread for the hungry gulls that waited near the top,",
                        "never once complaining about the cold wind or the rain.¶"),
                row("a long sentence without commas splits before conjunctions", DEFAULT,
                        "Our small team spent three long months testing the new engine in the desert heat because the first "
                                + "prototype kept failing after only a few hours and nobody could explain why the cooling pipes "
                                + "cracked under such steady pressure in the middle of every afternoon.",
                        "Our small team spent three long months testing the new engine in the desert heat",
                        "because the first prototype kept failing after only a few hours",
                        "and nobody could explain why the cooling pipes cracked under such steady pressure in the middle of every afternoon.¶"),
                row("a long sentence with neither splits at the middle word", DEFAULT,
                        "My grandmother kept a tiny green notebook full of recipes from her village near the sea with little "
                                + "drawings of fish beside every dish she cooked for us during those long summer holidays at her "
                                + "stone house above the quiet harbour town by the bay.",
                        "My grandmother kept a tiny green notebook full of recipes from",
                        "her village near the sea with little drawings of fish beside",
                        "every dish she cooked for us during those long summer holidays",
                        "at her stone house above the quiet harbour town by the bay.¶"),

                // CJK length: characters count as words
                row("a short CJK sentence merges, without a space", DEFAULT,
                        "今天天气很好，我们一起去公园散步吧。好的。",
                        "今天天气很好，我们一起去公园散步吧。好的。¶"),
                row("CJK sentences of 6 and 5 characters are short", DEFAULT,
                        "我们构建项目。我们写脚本。",
                        "我们构建项目。我们写脚本。¶"),
                row("mixed sentences count both scripts: 7 characters and a word is enough", DEFAULT,
                        "我们用Java构建项目。我们也用Python写脚本。",
                        "我们用Java构建项目。", "我们也用Python写脚本。¶"),
                row("a long CJK sentence splits at the fullwidth comma", DEFAULT,
                        "我们的团队在沙漠里连续测试了三个月的新发动机，第一台样机总是在运行几个小时以后就出现故障并且没有人能够解释原因。",
                        "我们的团队在沙漠里连续测试了三个月的新发动机，",
                        "第一台样机总是在运行几个小时以后就出现故障并且没有人能够解释原因。¶"),
                row("a long CJK sentence without punctuation splits at the middle character", DEFAULT,
                        "我的奶奶有一本写满家乡菜谱的绿色小本子她每年夏天都会在海边的石头房子里为我们做这些菜直到今天我还记得那些味道。",
                        "我的奶奶有一本写满家乡菜谱的绿色小本子她每年夏天都会在",
                        "海边的石头房子里为我们做这些菜直到今天我还记得那些味道。¶"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void splitsAsTheTableSays(String name, SplitRules rules, String script, List<Sentence> expected) {
        assertEquals(expected, new ScriptSplitter(rules).split(script));
    }

    @Test
    void fiftyThousandCharacterMixedScriptLosesNoWordsAndRespectsTheLengths() {
        String script = mixedScript(50_000, new Random(42));
        List<Sentence> sentences = new ScriptSplitter(DEFAULT).split(script);

        assertEquals(lettersAndDigits(script), lettersAndDigits(joined(sentences)));
        assertLengthsRespected(sentences);
    }

    /** Worst cases for the cutting of long sentences: one paragraph, no punctuation at all. */
    static Stream<String> fiftyThousandCharactersWithoutPunctuation() {
        String[] words = "river stone light paper window garden orange 42 silver morning".split(" ");
        StringBuilder latin = new StringBuilder();
        for (int i = 0; latin.length() < 50_000 - 10; i++) {
            latin.append(words[i % words.length]).append(i % 7 == 0 ? "\n" : " ");
        }
        return Stream.of(latin.toString(), "我的奶奶有一本写满家乡菜谱的绿色小本子".repeat(50_000 / 19));
    }

    @ParameterizedTest
    @MethodSource
    void fiftyThousandCharactersWithoutPunctuation(String script) {
        List<Sentence> sentences = new ScriptSplitter(DEFAULT).split(script);

        assertEquals(lettersAndDigits(script), lettersAndDigits(joined(sentences)));
        assertLengthsRespected(sentences);
    }

    private static void assertLengthsRespected(List<Sentence> sentences) {
        boolean paragraphStart = true;
        for (int i = 0; i < sentences.size(); i++) {
            Sentence sentence = sentences.get(i);
            String text = sentence.text();
            assertFalse(text.isEmpty(), "empty sentence at " + i);
            assertEquals(text.strip(), text, "untrimmed sentence at " + i);
            assertFalse(DEFAULT.isLong(Length.of(text)), "too long: " + text);
            boolean aloneInParagraph = paragraphStart && sentence.paragraphEnd();
            assertTrue(aloneInParagraph || !DEFAULT.isShort(Length.of(text)), "too short: " + text);
            paragraphStart = sentence.paragraphEnd();
        }
    }

    /** Paragraphs drawn from every case in the table, in random order, until {@code size} characters. */
    private static String mixedScript(int size, Random random) {
        List<String> paragraphs = List.of(
                "Mr. Smith met Dr. Jones at 10:30 a.m. on St. Mark's Square. They paid $1,000.50 for v2.0 of the app, "
                        + "i.e. The newest one... and left happily. Was it worth it?! \"Yes.\" (Probably.) Then they went home.",
                "Visit https://example.com/a.b?c=d or www.example.com today. Mail a.b@example.co.uk with report.pdf attached "
                        + "because J. K. Rowling asked for it, etc. The U.S. Army and the U.K. Navy read it too.",
                "Shopping list\nMilk\nBread and butter\nA big bag of apples for the children",
                "This paragraph is wrapped\nat a narrow width so that\nevery line goes on in lowercase and the reader\nnever sees the breaks.",
                "今天天气很好，我们一起去公园散步吧。好的。他说：“走吧。”然后离开了。价格是３．５元。",
                "我的奶奶有一本写满家乡菜谱的绿色小本子她每年夏天都会在海边的石头房子里为我们做这些菜直到今天我还记得那些味道。",
                "我们用Java构建项目，也用Python写脚本。It is fast. 真的吗?是的。",
                "Our small team spent three long months testing the new engine in the desert heat because the first "
                        + "prototype kept failing after only a few hours and nobody could explain why the cooling pipes "
                        + "cracked under such steady pressure in the middle of every afternoon, day after day, week after week.",
                "Chapter Two",
                "Tabs\tand   spaces\r\nand CRLF.\u0007 Short one. Another short one! Ok? Fine.");
        StringBuilder script = new StringBuilder();
        while (true) {
            String next = paragraphs.get(random.nextInt(paragraphs.size())) + "\n\n";
            if (script.length() + next.length() > size) {
                return script.toString();
            }
            script.append(next);
        }
    }

    private static String joined(List<Sentence> sentences) {
        return String.join(" ", sentences.stream().map(Sentence::text).toList());
    }

    private static String lettersAndDigits(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static Arguments row(String name, SplitRules rules, String script, String... expected) {
        List<Sentence> sentences = new ArrayList<>();
        for (String text : expected) {
            boolean paragraphEnd = text.endsWith("¶");
            sentences.add(new Sentence(paragraphEnd ? text.substring(0, text.length() - 1) : text, paragraphEnd));
        }
        return Arguments.of(name, rules, script, sentences);
    }
}
