package io.github.c4gh.allas;

import java.time.Instant;
import java.util.Objects;

/**
 * A bucket as ListBuckets shows it.
 *
 * @param name the bucket name
 * @param creationDate when it was created, or {@code null} if the server did not say
 */
public record BucketInfo(String name, Instant creationDate) {
  /** Checks that the name is present. */
  public BucketInfo {
    Objects.requireNonNull(name, "name");
  }
}
