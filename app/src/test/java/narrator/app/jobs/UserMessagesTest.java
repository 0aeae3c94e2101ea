package narrator.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UserMessagesTest {
    private static final Path DATA = Path.of("/var/lib/narrator");
    private static final Path WORK = DATA.resolve("work").resolve("job-1");

    @Test
    void namesWorkFilesByTheirNameAndOtherDataFilesUnderDataDir() {
        assertEquals("input-base is not readable media (input-base: Invalid data found when processing input)",
                UserMessages.withoutPaths("input-base is not readable media (/var/lib/narrator/work/job-1/input-base: "
                        + "Invalid data found when processing input)", WORK, DATA));
        assertEquals("cannot write DATA_DIR/cache/x.wav in the job's work directory",
                UserMessages.withoutPaths("cannot write /var/lib/narrator/cache/x.wav in /var/lib/narrator/work/job-1",
                        WORK, DATA));
    }

    @Test
    void leavesUrlsAndOtherTextAlone() {
        String message = "https://example.com/var/lib/a.mp4 answered HTTP 404 for s3://bucket/key";
        assertEquals(message, UserMessages.withoutPaths(message, WORK, DATA));
    }
}
