package io.github.c4gh.cli.internal;

/**
 * A {@code BUCKET[/KEY]} argument of a storage command. {@code BUCKET} may be RGW's {@code
 * <tenant>:<bucket>} (how a project reaches a bucket another project shared with it on a Ceph RGW
 * with tenants); the argument is split at the first {@code /} after that. A leading {@code s3://}
 * is dropped. The key (or prefix) is everything after the split, possibly empty.
 *
 * <pre>{@code
 * BucketPath.parse("c4c4...011a:inbox/runs/1.c4gh")  // bucket "c4c4...011a:inbox", key "runs/1.c4gh"
 * BucketPath.parse("s3://inbox/")                     // bucket "inbox", key ""
 * }</pre>
 *
 * @param bucket the bucket, never empty
 * @param key the key or prefix, empty when none was given
 */
record BucketPath(String bucket, String key) {
  /** Splits {@code BUCKET[/KEY]}. */
  static BucketPath parse(String argument, String what) throws UsageException {
    String s = argument.regionMatches(true, 0, "s3://", 0, 5) ? argument.substring(5) : argument;
    int colon = s.indexOf(':');
    int firstSlash = s.indexOf('/');
    int from = colon >= 0 && (firstSlash < 0 || colon < firstSlash) ? colon + 1 : 0;
    int slash = s.indexOf('/', from);
    String bucket = slash < 0 ? s : s.substring(0, slash);
    String key = slash < 0 ? "" : s.substring(slash + 1);
    if (bucket.isEmpty() || bucket.endsWith(":")) {
      throw new UsageException(what + " '" + argument + "' has no bucket name");
    }
    return new BucketPath(bucket, key);
  }

  /** A {@code BUCKET} argument: a bucket, with at most a trailing {@code /}. */
  static String bucketOnly(String argument) throws UsageException {
    BucketPath p = parse(argument, "BUCKET");
    if (!p.key.isEmpty()) {
      throw new UsageException("BUCKET '" + argument + "' names an object or prefix; give the bucket alone");
    }
    return p.bucket;
  }
}
