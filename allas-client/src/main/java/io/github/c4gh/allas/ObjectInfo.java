package io.github.c4gh.allas;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An object's metadata, as HEAD returns it.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param size the size in bytes
 * @param eTag the ETag without quotes; for multipart uploads this is the right {@code
 *     <md5-of-md5s>-<parts>} even where CompleteMultipartUpload returned none (Ceph RGW)
 * @param lastModified when it was last written
 * @param contentType the content type, or {@code null}
 * @param metadata the user metadata ({@code x-amz-meta-*}, names without the prefix), immutable
 */
public record ObjectInfo(
    String bucket, String key, long size, String eTag, Instant lastModified, String contentType, Map<String, String> metadata) {
  /** Checks the parts and copies the metadata. */
  public ObjectInfo {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
