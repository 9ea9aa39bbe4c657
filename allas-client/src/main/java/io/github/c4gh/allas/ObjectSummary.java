package io.github.c4gh.allas;

import java.time.Instant;
import java.util.Objects;

/**
 * An object as a bucket listing shows it.
 *
 * @param key the object key
 * @param size the size in bytes
 * @param eTag the ETag without quotes ({@code <md5-hex>} for a single PUT, {@code
 *     <md5-of-md5s>-<parts>} for a multipart upload)
 * @param lastModified when it was last written
 */
public record ObjectSummary(String key, long size, String eTag, Instant lastModified) implements ListEntry {
  /** Checks that the key is present. */
  public ObjectSummary {
    Objects.requireNonNull(key, "key");
  }
}
