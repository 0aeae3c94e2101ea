package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import narrator.pipeline.Stage;
import org.junit.jupiter.api.Test;

class JobProgressTest {
    @Test
    void aVideoJobCountsEachStepsShareAfterTheStepsBeforeIt() {
        JobProgress progress = new JobProgress(JobKind.RENDER);

        assertEquals(0, progress.advance(Stage.DOWNLOADING, 0));
        assertEquals(5, progress.advance(Stage.SYNTHESIZING, 0));
        assertEquals(19, progress.advance(Stage.SYNTHESIZING, 50));
        assertEquals(33, progress.advance(Stage.UPLOADING, 0), "the voice's upload, right after synthesis");
        assertEquals(35, progress.advance(Stage.UPLOADING, 100));
        assertEquals(37, progress.advance(Stage.RENDERING, 0));
        assertEquals(64.5, progress.advance(Stage.RENDERING, 50));
        assertEquals(92, progress.advance(Stage.THUMBNAIL, 0));
        assertEquals(97.5, progress.advance(Stage.UPLOADING, 50), "the final upload");
    }

    @Test
    void anAttemptNeverGoesBackNorReachesAHundredWhileRunning() {
        JobProgress progress = new JobProgress(JobKind.RENDER);

        assertEquals(64.5, progress.advance(Stage.RENDERING, 50));
        assertEquals(64.5, progress.advance(Stage.SYNTHESIZING, 100), "no step of synthesis is left");
        assertEquals(64.5, progress.advance(Stage.RENDERING, 10));
        assertEquals(99, progress.advance(Stage.UPLOADING, 100));
    }

    @Test
    void aVoiceoverIsSynthesisThenUpload() {
        JobProgress progress = new JobProgress(JobKind.VOICEOVER);

        assertEquals(45, progress.advance(Stage.SYNTHESIZING, 50));
        assertEquals(95, progress.advance(Stage.UPLOADING, 50));
    }
}
