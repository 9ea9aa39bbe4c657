package io.github.c4gh.allas;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link AllasClient#makeSharedBucket(String, String, byte[])}.
 *
 * @param bucket the bucket
 * @param projectId the project that may now read and write it
 * @param publicKeyObject the key of the object that holds the public key ({@value
 *     AllasClient#PUBLIC_KEY_OBJECT})
 * @param created whether the bucket was created now ({@code false}: it already was the caller's)
 * @param skipped steps the server did not support and that were left out, each with the reason
 *     (for example the lifecycle rule on servers that answer 501); immutable, empty when all was done
 */
public record SharedBucket(String bucket, String projectId, String publicKeyObject, boolean created, List<String> skipped) {
  /** Checks the parts and copies the list. */
  public SharedBucket {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(publicKeyObject, "publicKeyObject");
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
  }
}
