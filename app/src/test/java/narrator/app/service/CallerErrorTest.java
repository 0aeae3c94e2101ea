package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A captions job's video download: refused for good is the caller's mistake, anything passing stays DOWNLOAD_FAILED. */
class CallerErrorTest {
    @ParameterizedTest
    @CsvSource({"http_status, 404, INVALID_REQUEST", "http_status, 403, INVALID_REQUEST", "http_status, 410, INVALID_REQUEST",
            "http_status, 408, DOWNLOAD_FAILED", "http_status, 429, DOWNLOAD_FAILED", "http_status, 503, DOWNLOAD_FAILED",
            "private_address, 0, INVALID_REQUEST", "redirects, 0, INVALID_REQUEST", "network, 0, DOWNLOAD_FAILED",
            "timeout, 0, DOWNLOAD_FAILED", "unknown_host, 0, DOWNLOAD_FAILED"})
    void aDownloadFailureIsTheCallersOnlyWhenNoRetryCanFixIt(String reason, int status, ErrorCode expected) {
        NarratorException failure = new NarratorException(ErrorCode.DOWNLOAD_FAILED, "video_url: it failed",
                status == 0 ? Map.of("reason", reason) : Map.of("reason", reason, "status", status), null);

        NarratorException seen = JobRunner.asCallerError(failure);

        assertEquals(expected, seen.code());
        assertEquals("video_url: it failed", seen.getMessage());
        assertEquals(expected.retryable(), expected == ErrorCode.DOWNLOAD_FAILED);
        if (expected == ErrorCode.DOWNLOAD_FAILED) {
            assertSame(failure, seen);
        } else {
            assertEquals("video_url", seen.details().get("field"));
        }
    }

    @ParameterizedTest
    @CsvSource({"INPUT_TOO_LARGE", "STORAGE_ERROR", "CANCELLED"})
    void otherFailuresPassUnchanged(ErrorCode code) {
        NarratorException failure = new NarratorException(code, "x", Map.of("reason", "http_status", "status", 404), null);
        assertSame(failure, JobRunner.asCallerError(failure));
    }
}
