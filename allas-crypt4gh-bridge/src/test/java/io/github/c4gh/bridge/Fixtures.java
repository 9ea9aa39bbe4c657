package io.github.c4gh.bridge;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/** Keys and helpers shared by the tests. */
final class Fixtures {
  private Fixtures() {}

  static final Crypt4ghPrivateKey ALICE = Crypt4ghPrivateKey.generate();
  static final Crypt4ghPrivateKey BOB = Crypt4ghPrivateKey.generate();
  static final Crypt4ghPrivateKey CAROL = Crypt4ghPrivateKey.generate();
  static final int MIB = 1024 * 1024;
  private static final AtomicInteger KEYS = new AtomicInteger();

  static Crypt4ghEncryptor encryptor(Crypt4ghPrivateKey... recipients) {
    Crypt4ghEncryptor.Builder b = Crypt4ghEncryptor.builder();
    for (Crypt4ghPrivateKey k : recipients) {
      b.recipient(k.publicKey());
    }
    return b.build();
  }

  static List<Crypt4ghPublicKey> publicKeys(Crypt4ghPrivateKey... keys) {
    return java.util.Arrays.stream(keys).map(Crypt4ghPrivateKey::publicKey).toList();
  }

  static Crypt4ghDecryptor decryptor(Crypt4ghPrivateKey key) {
    return Crypt4ghDecryptor.builder().privateKey(key).build();
  }

  static byte[] decrypt(byte[] object, Crypt4ghPrivateKey key) throws IOException {
    try (InputStream in = decryptor(key).newDecryptingStream(new ByteArrayInputStream(object))) {
      return in.readAllBytes();
    }
  }

  static byte[] getObject(S3Client s3, String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  static boolean exists(S3Client s3, String bucket, String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  static int inFlightUploads(S3Client s3, String bucket) {
    return s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
  }

  static String key(String what) {
    return "t/" + what + "-" + KEYS.incrementAndGet() + ".c4gh";
  }

  /** A stream that yields {@code good} bytes of test data and then fails. */
  static InputStream failingAfter(long seed, long good) {
    InputStream data = TestData.stream(seed, good);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        int c = data.read();
        if (c < 0) {
          throw new IOException("disk on fire");
        }
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = data.read(b, off, len);
        if (n < 0) {
          throw new IOException("disk on fire");
        }
        return n;
      }
    };
  }
}
