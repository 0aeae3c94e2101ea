package narrator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    @Test
    void aTimedStageIsReportedAtItsStartAndEndAndRecordedOnce() {
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(Stage stage, double fraction) {
                events.add(stage.label() + " " + fraction);
            }

            @Override
            public void stageDone(Stage stage, Duration took) {
                events.add(stage.label() + " done");
            }
        };

        String result = listener.timed(Stage.UPLOADING, () -> {
            events.add("work");
            return "stored";
        });

        assertEquals("stored", result);
        assertEquals(List.of("uploading 0.0", "work", "uploading 1.0", "uploading done"), events);
    }
}
