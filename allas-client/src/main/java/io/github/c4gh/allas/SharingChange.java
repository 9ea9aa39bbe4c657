package io.github.c4gh.allas;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link AllasClient#share share} or {@link AllasClient#revoke revoke} changed.
 *
 * @param buckets the buckets whose policy was written or deleted: the bucket itself and, when it
 *     exists, its companion {@code <bucket>_segments}; immutable
 * @param uploadsAborted how many in-flight multipart uploads a revoke aborted (0 for a share)
 */
public record SharingChange(List<String> buckets, int uploadsAborted) {
  /** Copies the list. */
  public SharingChange {
    buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets"));
  }
}
