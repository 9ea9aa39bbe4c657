/**
 * The bridge between the Crypt4GH codec and Allas: encrypt-as-you-upload multipart streams,
 * seekable decryption over ranged GETs and server-side re-keying.
 *
 * <p>Only {@code io.github.c4gh.bridge} is API; {@code io.github.c4gh.bridge.internal} may change in
 * any release.
 */
module io.github.c4gh.bridge {
  requires transitive io.github.c4gh.crypt4gh;
  requires transitive io.github.c4gh.allas;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires org.slf4j;

  exports io.github.c4gh.bridge;
}
