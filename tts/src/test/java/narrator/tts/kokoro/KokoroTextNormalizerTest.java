package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected outputs are kokoro-js 1.2.1's own normalizer run on the same inputs. */
class KokoroTextNormalizerTest {
    /** One case per line, input => output; a backslash-n or backslash-t stands for a newline or a tab. */
    private static final String CASES = """
            It costs $25. => It costs 25 dollars.
            It costs $1. => It costs 1 dollar.
            $3.50 and $4.99 => 3 dollars and 50 cents and 4 dollars and 99 cents
            He paid $0.99. => He paid 0 dollars and 99 cents.
            She found $1.01. => She found 1 dollar and 1 cent.
            $1.5 => 1 dollar and 50 cents
            £12 and £7.50 => 12 pounds and 7 pounds and 50 pence
            £1.01 or £3.5 => 1 pound and 1 penny or 3 pounds and 50 pence
            $2 million => 2 million dollars
            $5 billion and $3 Trillion => 5 billion dollars and 3 Trillion dollars
            $450,000 => 450000 dollars
            15% of 3.14159 => 15% of 3 point 1 4 1 5 9
            Version 1.2.3 => Version 1 point 2 point 3
            .5 of it => point 5 of it
            The 1990s and 1990 => The 19 90s and 19 90
            1905, 2003, 1800, 1850, 2010, 1066, 2000, 1100 => 19 oh 5, 2003, 18 hundred, 18 50, 20 10, 1066, 2000, 11 hundred
            The 1800s => The 18 hundreds
            at 3:45, 10:00, 7:05 and 12:30 => at 3 45, 10 o'clock, 7 oh 5 and 12 30
            16:9 and 13:45 and 9:59:01 => 16:9 and 13:45 and 9:59:01
            10-20 and 9-5 => 10 to 20 and 9 to 5
            Dr. Smith and DR. JONES and dr. who => Doctor Smith and Doctor JONES and dr. who
            Mr. Brown, MR. WHITE, Mrs. Green, MRS. X, Ms. Taylor, MS. Y => Mister Brown, Mister WHITE, Mrs Green, Mrs X, Miss Taylor, Miss Y
            apples, etc. and more etc. Then => apples, etc. and more etc. Then
            Yeah, yea, YEAH, yeahs => Ye'a, ye'a, Ye'a, yeahs
            The U.S. is big and the U.S. economy grew => The U-S- is big and the U-S- economy grew
            U.K. to the U.S. in 1998 => U-K- to the U-S- in 19 98
            TVs, DVDs, CDs, the 1990S, CEO's, NASA's, X's => TV'S, DVD'S, CD'S, the 1990 S, CEO's, NASA's, X's
            “Curly” ‘single’ «guillemets» (parens) => "Curly" 'single' "guillemets" «parens»
            a  b  c => a b  c
             \\n  \\nlines\\n \\n => lines
            12,500 and 1,234,567 => 12500 and 1234567
            -5 degrees and 2.5 cups => -5 degrees and 2 point 5 cups
            a tab\\there => a tab here
            """;

    @Test
    void normalizesAsKokoroJsDoes() {
        List<String> cases = CASES.lines().filter(line -> !line.isBlank()).toList();
        for (String line : cases) {
            String[] parts = line.split(" => ", 2);
            assertEquals(unescape(parts[1]), KokoroTextNormalizer.normalize(unescape(parts[0])), parts[0]);
        }
        assertEquals(33, cases.size());
    }

    @Test
    void unicodeSpacesBecomeSpacesAndOnlyTheFirstDoubleSpaceCollapses() {
        assertEquals("a b c  d", KokoroTextNormalizer.normalize("a\u00A0b  c  d"));
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\t", "\t");
    }
}
