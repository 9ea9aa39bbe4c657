package io.github.c4gh.allas;

import java.util.Objects;

/**
 * One project's access to a bucket, as read from the bucket policy.
 *
 * @param projectId the 32-hex project id the policy names ({@code arn:aws:iam::<id>:root})
 * @param access what the policy allows it
 */
public record Share(String projectId, Access access) {
  /** Checks that both parts are present. */
  public Share {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(access, "access");
  }
}
