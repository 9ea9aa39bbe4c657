package io.github.c4gh.examples;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.bridge.UploadResult;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;

/**
 * Encrypts a stream while uploading it (a multipart upload, memory bounded by the part size), for
 * the project's key and CSC's Sensitive Data key. Runs on an embedded S3Proxy unless an endpoint
 * is given (see {@link ExampleServer}).
 *
 * <pre>{@code
 * java ... io.github.c4gh.examples.UploadEncrypted
 * java ... io.github.c4gh.examples.UploadEncrypted --endpoint https://a3s.fi --owner-access-key ... --owner-secret-key ...
 * }</pre>
 */
public final class UploadEncrypted {
  private UploadEncrypted() {}

  /**
   * Runs the example.
   *
   * @param args server arguments ({@link ExampleServer})
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    try (ExampleServer server = ExampleServer.open(args)) {
      AllasClient allas = server.owner();
      String bucket = server.newBucketName("upload");
      allas.createBucket(bucket);
      Crypt4ghPrivateKey project = Crypt4ghPrivateKey.generate();

      AllasCrypt4gh bridge = AllasCrypt4gh.create(allas);
      Crypt4ghEncryptor encryptor =
          Crypt4ghEncryptor.builder().recipient(project.publicKey()).recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY).build();
      long size = 20L << 20;
      UploadResult r = bridge.upload(bucket, "sample.bin.c4gh", encryptor, new GeneratedData(3, size),
          UploadOptions.builder().expectedLength(size).build());
      System.out.printf("on %s: uploaded %s/%s, %d plaintext bytes -> %d bytes in %d parts%n",
          server.describe(), r.bucket(), r.key(), r.plaintextBytes(), r.objectBytes(), r.parts());
      if (allas.headObject(bucket, "sample.bin.c4gh").size() != encryptor.encryptedSize(size)) {
        throw new AssertionError("unexpected object size");
      }
      allas.deleteBucketAndAllObjects(bucket);
    }
  }
}
