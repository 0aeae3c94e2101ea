package narrator.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import narrator.app.db.DatabaseUrl;
import narrator.app.testing.PostgresServer;
import java.util.Map;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import narrator.app.testing.S3Admin;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** A multipart upload a crash interrupted is aborted when the service starts again; others' are left alone. */
class S3RecoveryTest {
    private static final String BUCKET = "automation-storage";
    private static final String KEY_ID = "narrator-key-id";
    private static final String SECRET = "narrator-secret-Hq27";

    @RegisterExtension
    final S3ProxyExtension s3 = S3ProxyExtension.builder()
            .withCredentials(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
            .build();

    @TempDir
    Path data;

    private S3Client admin;

    @BeforeEach
    void createBucket() {
        admin = S3Admin.client(s3.getUri(), KEY_ID, SECRET);
        admin.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void closeClient() {
        admin.close();
    }

    @Test
    void startAbortsUnfinishedUploadsUnderNarratorsPrefixesOnly() {
        // What a kill -9 in the middle of the final upload leaves: an upload with a part and no completion.
        startUpload("uploads/renders/crashed-final.mp4");
        startUpload("uploads/thumbnails/crashed-thumbnail.jpg");
        startUpload("someone-else/backup.tar");

        try (TestService service = TestService.start(data, settings())) {
            assertEquals(List.of("someone-else/backup.tar"), unfinished());
        }
    }

    @Test
    void aClusterNodeLeavesAnotherNodesUploadInProgressAlone() {
        startUpload("uploads/renders/running-elsewhere-final.mp4");
        DatabaseUrl.Postgres db = PostgresServer.shared().createDatabase();
        Map<String, String> settings = settings();
        settings.put("DATABASE_URL", "jdbc:postgresql://" + db.user() + "@" + db.jdbcUrl().substring("jdbc:postgresql://".length()));

        try (TestService service = TestService.start(data, settings)) {
            assertEquals(List.of("uploads/renders/running-elsewhere-final.mp4"), unfinished(),
                    "younger than JOB_TIMEOUT: it may belong to a job running on another node");
        }
    }

    private void startUpload(String key) {
        String uploadId = admin.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        admin.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[1024]));
    }

    private List<String> unfinished() {
        return admin.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .map(MultipartUpload::key).sorted().toList();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("STORAGE", "s3");
        settings.put("BACKBLAZE_BUCKET_NAME", BUCKET);
        settings.put("BACKBLAZE_KEY_ID", KEY_ID);
        settings.put("BACKBLAZE_APPLICATION_KEY", SECRET);
        settings.put("BACKBLAZE_ENDPOINT_URL", s3.getUri().toString());
        return settings;
    }
}
