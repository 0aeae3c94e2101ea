package narrator.app.storage;

/**
 * An object as stored: its key, the location reported to users ({@code s3://bucket/key}, or the
 * served HTTP URL for local storage) and its size in bytes.
 */
public record StoredObject(String key, String location, long size) {
}
