package io.github.c4gh.examples;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.RekeyOptions;
import io.github.c4gh.bridge.RekeyResult;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.ReencryptOptions;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Gives an object in a bucket a new recipient without downloading its data: the header is
 * re-encrypted and the segments are copied on the server ({@code UploadPartCopy}). Here the old
 * recipient is trimmed away, and the new one decrypts the same plaintext. Runs on an embedded
 * S3Proxy unless an endpoint is given (see {@link ExampleServer}).
 *
 * <pre>{@code
 * java ... io.github.c4gh.examples.RekeyObject
 * }</pre>
 */
public final class RekeyObject {
  private RekeyObject() {}

  /**
   * Runs the example.
   *
   * @param args server arguments ({@link ExampleServer})
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    try (ExampleServer server = ExampleServer.open(args)) {
      AllasClient allas = server.owner();
      String bucket = server.newBucketName("rekey");
      allas.createBucket(bucket);
      AllasCrypt4gh bridge = AllasCrypt4gh.create(allas);
      Crypt4ghPrivateKey oldKey = Crypt4ghPrivateKey.generate();
      Crypt4ghPrivateKey newKey = Crypt4ghPrivateKey.generate();
      GeneratedData data = new GeneratedData(11, 16L << 20);
      bridge.upload(bucket, "sample.bin.c4gh", Crypt4ghEncryptor.builder().recipient(oldKey.publicKey()).build(), data, UploadOptions.defaults());

      RekeyResult r = bridge.rekey(bucket, "sample.bin.c4gh", oldKey, List.of(newKey.publicKey()),
          RekeyOptions.builder().reencrypt(ReencryptOptions.defaults().withTrim(true)).build());
      System.out.printf("on %s: re-keyed %s/%s (%d bytes): %d bytes downloaded, %d uploaded, %d copied on the server%n",
          server.describe(), bucket, r.key(), r.objectBytes(), r.bytesDownloaded(), r.bytesUploaded(), r.bytesCopiedOnServer());

      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = bridge.newDecryptingStream(bucket, "sample.bin.c4gh", Crypt4ghDecryptor.builder().privateKey(newKey).build())) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
          md.update(buf, 0, n);
        }
      }
      if (!Arrays.equals(md.digest(), data.sha256())) {
        throw new AssertionError("the new recipient decrypts different bytes");
      }
      System.out.println("the new recipient decrypts the same plaintext");
      try (InputStream in = bridge.newDecryptingStream(bucket, "sample.bin.c4gh", Crypt4ghDecryptor.builder().privateKey(oldKey).build())) {
        in.read();
        throw new AssertionError("the old key still opens the object");
      } catch (io.github.c4gh.crypt4gh.Crypt4ghException e) {
        System.out.println("the old key no longer opens it: " + e.getClass().getSimpleName());
      }
      allas.deleteBucketAndAllObjects(bucket);
    }
  }
}
