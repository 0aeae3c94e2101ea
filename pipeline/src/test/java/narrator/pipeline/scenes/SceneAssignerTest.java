package narrator.pipeline.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import narrator.pipeline.Sentence;
import narrator.pipeline.SpokenSentence;
import narrator.pipeline.render.ClipFit;
import narrator.pipeline.script.ScriptSplitter;
import narrator.pipeline.script.SplitRules;

class SceneAssignerTest {
    private static final String FOUR_PARAGRAPHS = """
            The harbour wakes before the sun. Gulls circle the empty boats.

            By noon the market is loud.

            Fish and bread change hands at every stall. The square fills up with people.

            At dusk the lights come on, one by one.
            """;

    private final SceneAssigner assigner = new SceneAssigner(new ScriptSplitter(SplitRules.DEFAULT)::split);

    @Test
    void sceneNTakesParagraphN() {
        assertEquals(List.of(0, 2, 3, 5), assigner.assign(FOUR_PARAGRAPHS, auto(4)).starts());
    }

    @Test
    void fewerScenesThanParagraphsAreSpreadEvenly() {
        assertEquals(List.of(0, 3), assigner.assign(FOUR_PARAGRAPHS, auto(2)).starts());
        assertEquals(List.of(0, 2, 3), assigner.assign(FOUR_PARAGRAPHS, auto(3)).starts());
    }

    @Test
    void moreScenesThanParagraphsAskForAnotherWayToAttachThem() {
        NarratorException e = assertThrows(NarratorException.class, () -> assigner.assign(FOUR_PARAGRAPHS, auto(5)));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("scenes", e.details().get("field"));
        assertTrue(e.getMessage().startsWith("5 scenes but the script has 4 paragraphs"), e.getMessage());
    }

    @Test
    void scenesAttachToChosenParagraphsOrSentenceRanges() {
        assertEquals(List.of(0, 3), assigner.assign(FOUR_PARAGRAPHS, List.of(paragraph(1), paragraph(3))).starts());
        assertEquals(List.of(0, 1, 4), assigner.assign(FOUR_PARAGRAPHS, List.of(sentences(1, 1), sentences(2, 4),
                sentences(5, 6))).starts());
    }

    @Test
    void rangesWithGapsOverlapsOrOutsideTheScriptAreRefused() {
        for (List<SceneOptions> bad : List.of(
                List.of(sentences(1, 2), sentences(4, 6)),
                List.of(sentences(1, 3), sentences(3, 6)),
                List.of(sentences(1, 2), sentences(3, 7)),
                List.of(sentences(1, 2), sentences(3, 5)),
                List.of(paragraph(2), paragraph(3)),
                List.of(paragraph(1), paragraph(1)),
                List.of(paragraph(1), paragraph(5)),
                List.of(paragraph(1), SceneOptions.DEFAULT))) {
            NarratorException e = assertThrows(NarratorException.class, () -> assigner.assign(FOUR_PARAGRAPHS, bad));
            assertEquals("scenes", e.details().get("field"), e.getMessage());
        }
    }

    @Test
    void markersPlaceScenesAndAreNeverSpoken() {
        SceneAssigner.Assignment a = assigner.assign("""
                Before the first marker. [scene 2] In the middle of a paragraph.

                A new paragraph. [Scene 3] The end.
                """, auto(3));

        assertEquals(List.of(0, 1, 3), a.starts());
        List<String> texts = a.sentences().stream().map(Sentence::text).toList();
        assertEquals(List.of("Before the first marker.", "In the middle of a paragraph.", "A new paragraph.", "The end."),
                texts);
        assertFalse(a.sentences().get(0).paragraphEnd(), "a marker inside a paragraph does not end it");
        assertTrue(a.sentences().get(1).paragraphEnd());
    }

    @Test
    void markersOutOfOrderMissingOrMixedWithAnchorsAreRefused() {
        for (String script : List.of("[scene 1] A. [scene 3] B. [scene 2] C.", "[scene 1] A. [scene 2] B.",
                "A. [scene 2] B. [scene 3] C. [scene 4] D.", "A. [scene 2] [scene 3] C.")) {
            assertThrows(NarratorException.class, () -> assigner.assign(script, auto(3)), script);
        }
        assertThrows(NarratorException.class, () -> assigner.assign("A. [scene 2] B.", List.of(paragraph(1),
                paragraph(2))));
    }

    @Test
    void aSceneStartsOnTheFirstSampleOfItsFirstSpokenSentence() {
        SceneAssigner.Assignment a = new SceneAssigner.Assignment(List.of(new Sentence("One.", true),
                new Sentence("* * *", false), new Sentence("Two.", true)), List.of(0, 1));
        // The voice had nothing to say for "* * *": the second scene starts with "Two.".
        List<SpokenSentence> spoken = List.of(new SpokenSentence("One.", 100, 2000, ""),
                new SpokenSentence("Two.", 5000, 8000, ""));

        assertEquals(List.of(0L, 5000L), SceneAssigner.startSamples(a, spoken));
        SceneAssigner.Assignment silentMiddle = new SceneAssigner.Assignment(a.sentences(), List.of(0, 1, 2));
        assertThrows(NarratorException.class, () -> SceneAssigner.startSamples(silentMiddle, spoken),
                "a scene with nothing spoken");
    }

    private static List<SceneOptions> auto(int n) {
        return Collections.nCopies(n, SceneOptions.DEFAULT);
    }

    private static SceneOptions paragraph(int n) {
        return new SceneOptions(new Anchor.Paragraph(n), null, 0, ClipFit.LOOP, false);
    }

    private static SceneOptions sentences(int first, int last) {
        return new SceneOptions(new Anchor.Sentences(first, last), null, 0, ClipFit.LOOP, false);
    }
}
