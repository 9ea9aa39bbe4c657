/**
 * An S3 client for CSC Allas: configuration discovery, buckets, objects and bucket sharing.
 *
 * <p>Only {@code io.github.c4gh.allas} is API; {@code io.github.c4gh.allas.internal} may change in
 * any release.
 */
module io.github.c4gh.allas {
  requires transitive software.amazon.awssdk.services.s3;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache5;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.profiles;
  requires software.amazon.awssdk.regions;
  requires org.slf4j;

  exports io.github.c4gh.allas;
}
