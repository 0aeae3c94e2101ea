package narrator.app.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A plain SDK client for tests to set up buckets and inspect objects on the in-process s3proxy. */
public final class S3Admin {
    private S3Admin() {
    }

    public static S3Client client(URI endpoint, String keyId, String secret) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
    }
}
