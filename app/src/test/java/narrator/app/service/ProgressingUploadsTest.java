package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import narrator.app.storage.LocalObjectStore;
import narrator.pipeline.ProgressListener;
import narrator.pipeline.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressingUploadsTest {
    @TempDir
    Path dir;

    @Test
    void theUploadingStageMovesByTheBytesStored() throws Exception {
        Path subs = Files.write(dir.resolve("subs.ass"), new byte[100]);
        Path video = Files.write(dir.resolve("final.mp4"), new byte[600]);
        Path thumb = Files.write(dir.resolve("thumb.jpg"), new byte[300]);
        List<String> reported = new ArrayList<>();
        ProgressListener listener = (stage, fraction) -> reported.add(stage + " " + fraction);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"), URI.create("http://localhost/files/"));

        ProgressingUploads uploads = new ProgressingUploads(store, listener, List.of(subs, video, thumb));
        uploads.put("a/subs.ass", subs, "text/x-ssa");
        uploads.put("a/final.mp4", video, "video/mp4");
        uploads.put("a/thumb.jpg", thumb, "image/jpeg");

        assertEquals(List.of(Stage.UPLOADING + " 0.1", Stage.UPLOADING + " 0.7", Stage.UPLOADING + " 1.0"), reported);
        assertEquals(600, Files.size(dir.resolve("store").resolve("a").resolve("final.mp4")));
    }
}
