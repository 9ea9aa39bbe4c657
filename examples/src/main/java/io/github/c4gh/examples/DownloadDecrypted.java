package io.github.c4gh.examples;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Downloads an encrypted object and decrypts it as it streams (ranges fetched in parallel) into a
 * file, then checks the plaintext's SHA-256. Runs on an embedded S3Proxy unless an endpoint is
 * given (see {@link ExampleServer}); it first uploads the object it then downloads.
 *
 * <pre>{@code
 * java ... io.github.c4gh.examples.DownloadDecrypted
 * }</pre>
 */
public final class DownloadDecrypted {
  private DownloadDecrypted() {}

  /**
   * Runs the example.
   *
   * @param args server arguments ({@link ExampleServer})
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    try (ExampleServer server = ExampleServer.open(args)) {
      AllasClient allas = server.owner();
      String bucket = server.newBucketName("download");
      allas.createBucket(bucket);
      Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
      AllasCrypt4gh bridge = AllasCrypt4gh.create(allas);
      GeneratedData data = new GeneratedData(5, 12L << 20);
      bridge.upload(bucket, "sample.bin.c4gh", Crypt4ghEncryptor.builder().recipient(key.publicKey()).build(), data, UploadOptions.defaults());

      Path dir = Files.createTempDirectory("c4gh-download");
      Path out = dir.resolve("sample.bin");
      Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
      try (InputStream in = bridge.newDecryptingStream(bucket, "sample.bin.c4gh", decryptor)) {
        Files.copy(in, out);
      }
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out));
      System.out.printf("on %s: downloaded and decrypted %s/sample.bin.c4gh into %s (%d bytes); SHA-256 %s%n",
          server.describe(), bucket, out, Files.size(out), Arrays.equals(sha, data.sha256()) ? "equal" : "DIFFERENT");
      if (!Arrays.equals(sha, data.sha256())) {
        throw new AssertionError("plaintext differs");
      }
      Examples.deleteTree(dir);
      allas.deleteBucketAndAllObjects(bucket);
    }
  }
}
