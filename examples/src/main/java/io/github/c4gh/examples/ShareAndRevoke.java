package io.github.c4gh.examples;

import io.github.c4gh.allas.AccessDeniedException;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.SharedBucket;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import java.nio.charset.StandardCharsets;

/**
 * Shares a bucket read-write with a producer project (bucket policy as CSC's web interface writes
 * it, plus the project's public key in the bucket), lets the producer upload, then revokes it and
 * checks that the producer is refused. Needs two identities: against an embedded S3Proxy (one
 * identity, no bucket policies) it reports SKIPPED. Run it against Ceph RGW or Allas with both
 * projects' credentials (see {@link ExampleServer}).
 *
 * <pre>{@code
 * source /tmp/c4gh-ceph-rgw/rgw.env && java ... io.github.c4gh.examples.ShareAndRevoke
 * }</pre>
 */
public final class ShareAndRevoke {
  private ShareAndRevoke() {}

  /**
   * Runs the example.
   *
   * @param args server arguments ({@link ExampleServer})
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    try (ExampleServer server = ExampleServer.open(args)) {
      if (!server.twoIdentities()) {
        System.out.println("SKIPPED on " + server.describe()
            + ": sharing needs two projects' credentials and a server with bucket policies (S3Proxy answers 501)");
        return;
      }
      AllasClient owner = server.owner();
      AllasClient producer = server.producer();
      String bucket = server.newBucketName("share");
      String producerId = producer.projectId();
      String publicKey = KeyFiles.formatPublicKey(Crypt4ghPrivateKey.generate().publicKey());

      SharedBucket sb = owner.makeSharedBucket(bucket, producerId, publicKey);
      System.out.println("shared " + sb.bucket() + " with " + producerId + ": " + owner.shares(bucket));
      String view = server.producerView(bucket);
      producer.putObject(view, "delivery.txt.c4gh", "(ciphertext)".getBytes(StandardCharsets.UTF_8));
      System.out.println("the producer uploaded " + view + "/delivery.txt.c4gh");

      owner.revoke(bucket, producerId);
      System.out.println("revoked; locked out: " + owner.lockedOutProjects(bucket));
      try {
        producer.getObjectBytes(view, "delivery.txt.c4gh");
        throw new AssertionError("the producer can still read");
      } catch (AccessDeniedException e) {
        System.out.println("the producer is refused: HTTP " + e.statusCode());
      }
      owner.deleteBucketAndAllObjects(bucket);
    }
  }
}
