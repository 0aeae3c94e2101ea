package narrator.pipeline.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Pronunciation;
import narrator.pipeline.Sentence;
import narrator.pipeline.Speaker;
import narrator.pipeline.TextSpan;
import narrator.tts.SpokenText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Script markup in, marked sentences out: each construct, its escapes, and every error with its place. */
class ScriptMarkupTest {
    private static final ScriptSplitter SPLITTER = new ScriptSplitter(new SplitRules(1, 10_000, 1, 20_000));
    private static final Speaker ALICE = new Speaker("ALICE", "#ffd166");
    private static final Speaker BOB = new Speaker("BOB", null);
    private static final ScriptMarkup DIALOGUE = new ScriptMarkup(true, Map.of("ALICE", ALICE, "BOB", BOB),
            Lexicon.EMPTY);

    private static List<Sentence> sentences(ScriptMarkup markup, String script) {
        return markup.parse(script).sentences(SPLITTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Hello there. How are you?\n\nA new paragraph\nwith a wrapped line.",
            "* * *\n\nA scene break above. 5 * 3 is fifteen.",
            "Note: this colon is text. [citation needed] stays too.",
            "Ein Satz.\u200B Noch einer\u0007 hier. 我们明天早上见吧。你好吗？",
            "  Leading spaces\r\nand CRLF lines.\r\n\r\nNext.",
    })
    void aPlainScriptSplitsExactlyAsToday(String script) {
        assertEquals(SPLITTER.split(script), sentences(ScriptMarkup.PLAIN, script));
        assertEquals(SPLITTER.split(script), sentences(DIALOGUE, script));
    }

    @Test
    void aNamedSpeakerAndColonStartsATurnAnyOtherWordIsText() {
        List<Sentence> s = sentences(DIALOGUE, """
                ALICE: Where were you?
                BOB: Out. Note: it rained.
                Still Bob here.

                ALICE: I see.
                CAROL: not a speaker.""");
        assertEquals(List.of("Where were you?", "Out.", "Note: it rained.", "Still Bob here.", "I see.",
                "CAROL: not a speaker."), s.stream().map(Sentence::text).toList());
        assertEquals(ALICE, s.get(0).speaker());
        assertEquals("#FFD166", s.get(0).speaker().colour());
        assertEquals(BOB, s.get(1).speaker());
        assertEquals(BOB, s.get(3).speaker());
        assertEquals(ALICE, s.get(5).speaker(), "an unnamed word before a colon continues the turn");
        assertEquals(false, s.get(0).paragraphEnd(), "a speaker change without a blank line: the sentence pause");
        assertEquals(true, s.get(3).paragraphEnd(), "a blank line keeps the paragraph pause");
    }

    @Test
    void pausesEndTheSentenceBeforeThemAndAddUp() {
        List<Sentence> s = sentences(ScriptMarkup.PLAIN,
                "One. [pause 1.2s] Two [pause] three.\nFour. [PAUSE 800ms][pause 0s] [pause 2s]\nFive.");
        assertEquals(List.of("One.", "Two", "three.", "Four.", "Five."), s.stream().map(Sentence::text).toList());
        assertEquals(1.2, s.get(0).pauseAfterSeconds());
        assertEquals(0.5, s.get(1).pauseAfterSeconds());
        assertNull(s.get(2).pauseAfterSeconds());
        assertEquals(2.8, s.get(3).pauseAfterSeconds(), 1e-9);
        assertNull(s.get(4).pauseAfterSeconds());
        assertTrue(s.stream().noneMatch(x -> x.text().contains("pause")), "pauses are not in the captions");
    }

    @Test
    void inlinePronunciationKeepsTheWrittenTextAndChangesWhatIsSaid() {
        Sentence s = sentences(ScriptMarkup.PLAIN, "We run [Nginx](engine x) on [Kubernetes](/kuːbɚnˈɛtiːz/).").get(0);
        assertEquals("We run Nginx on Kubernetes.", s.text());
        assertEquals(List.of(new Pronunciation(new TextSpan(7, 12), "engine x", false),
                new Pronunciation(new TextSpan(16, 26), "kuːbɚnˈɛtiːz", true)), s.pronunciations());
        assertEquals("We run engine x on Kubernetes.", s.spoken().asWritten());
        assertEquals("We run engine x on \u0001kuːbɚnˈɛtiːz\u0001.", s.spoken().key());
    }

    @Test
    void theLexiconMatchesWholeWordsLongestFirstAndInlineWins() {
        Lexicon lexicon = new Lexicon(Map.of("Nginx", "engine x", "SQL", "sequel", "SQL Server", "sequel server"));
        ScriptMarkup markup = new ScriptMarkup(true, Map.of(), lexicon);
        Sentence s = sentences(markup, "Nginx and SQL Server, not Nginxes or sql; [SQL](S Q L) once.").get(0);
        assertEquals("engine x and sequel server, not Nginxes or sql; S Q L once.", s.spoken().asWritten());
        assertEquals("Nginx and SQL Server, not Nginxes or sql; SQL once.", s.text());
        ScriptMarkup off = new ScriptMarkup(false, Map.of(), lexicon);
        assertEquals("engine x is *not* [pause] here.", sentences(off, "Nginx is *not* [pause] here.").get(0)
                .spoken().asWritten(), "markup off: the lexicon still applies, the markup is text");
    }

    @Test
    void emphasisHugsItsWordsAndCrossesNoSentence() {
        Sentence s = sentences(ScriptMarkup.PLAIN, "This is *very* important, *really [Nginx](engine x)*.").get(0);
        assertEquals("This is very important, really Nginx.", s.text());
        assertEquals(List.of(new TextSpan(8, 12), new TextSpan(24, 36)), s.emphasis());
        assertEquals("This is very important, really engine x.", s.spoken().asWritten());
        assertEquals(List.of(new SpokenText.Words("This is "), new SpokenText.Words("very", true),
                new SpokenText.Words(" important, "), new SpokenText.Words("really engine x", true),
                new SpokenText.Words(".")), s.spoken().parts(), "the voice is told what to stress");
        Sentence ipa = sentences(ScriptMarkup.PLAIN, "A *big [K8s](/keɪts/) win*.").get(0);
        assertEquals(List.of(new SpokenText.Words("A "), new SpokenText.Words("big ", true),
                new SpokenText.Phonemes("keɪts", "K8s"), new SpokenText.Words(" win", true), new SpokenText.Words(".")),
                ipa.spoken().parts());
        List<Sentence> two = sentences(ScriptMarkup.PLAIN, "*One. Two.*");
        assertEquals(List.of(new TextSpan(0, 4)), two.get(0).emphasis());
        assertEquals(List.of(new TextSpan(0, 4)), two.get(1).emphasis());
    }

    @Test
    void escapesWriteTheCharactersAndMarkupFalseTurnsItAllOff() {
        Sentence s = sentences(DIALOGUE, "\\[pause 2s\\] costs 5 \\* 3 \\*stars\\* and a \\\\.").get(0);
        assertEquals("[pause 2s] costs 5 * 3 *stars* and a \\.", s.text());
        assertTrue(s.emphasis().isEmpty() && s.pauseAfterSeconds() == null);
        String script = "ALICE: *Hi* [pause 20s] [x](y)";
        ScriptMarkup off = new ScriptMarkup(false, Map.of("ALICE", ALICE), Lexicon.EMPTY);
        assertEquals(SPLITTER.split(script), sentences(off, script), "markup false reads nothing, refuses nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Hello.\\nWait [pause 12s] here.|2|6|at most 10 s",
            "Wait [pause 1.5 minutes] here.|1|6|like 1.2s or 800ms",
            "Wait [pause 2s here.|1|6|not closed",
            "Say [Nginx](engine x here.|1|5|not closed",
            "Say [Nginx]() here.|1|5|both parts",
            "Say [K8s](/kuːb) here.|1|11|two slashes",
            "A *b [pause] c* d.|1|6|inside *emphasis*",
    })
    void everyMarkupErrorNamesItsPlace(String script, int line, int column, String says) {
        NarratorException e = assertThrows(NarratorException.class,
                () -> ScriptMarkup.PLAIN.parse(script.replace("\\n", "\n")));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("script line " + line + ", column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertEquals(Map.of("field", "script", "line", line, "column", column), e.details());
    }

    @Test
    void ipaUsesAndSpeakerLinesAreFoundWithTheirPlaces() {
        ScriptMarkup markup = new ScriptMarkup(true, Map.of("ALICE", ALICE, "BOB", BOB),
                new Lexicon(Map.of("Kubernetes", "/kuːbɚnˈɛtiːz/")));
        MarkedScript marked = markup.parse("Intro.\nBOB: We use Kubernetes.\nALICE: [K8s](/keɪts/) too.");
        assertEquals(List.of(new MarkedScript.IpaUse(BOB, "kuːbɚnˈɛtiːz", new MarkedScript.Place(2, 13)),
                new MarkedScript.IpaUse(ALICE, "keɪts", new MarkedScript.Place(3, 9))), marked.ipa());
        assertEquals(new MarkedScript.Place(3, 9), marked.firstLineOf("ALICE").orElseThrow());
        assertTrue(marked.firstLineOf("CAROL").isEmpty());
    }
}
