package io.github.c4gh.cli.internal;

import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.UploadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Request;

/** What the transfer commands ({@code put}, {@code get}, {@code rekey}, {@code view}) share. */
final class TransferSupport {
  private TransferSupport() {}

  /** A {@code BUCKET/KEY} argument that must name an object. */
  static BucketPath object(String argument, String command) throws UsageException {
    BucketPath p = BucketPath.parse(argument, "BUCKET/KEY");
    if (p.key().isEmpty()) {
      throw new UsageException("give BUCKET/KEY: " + command + " works on one object, not a bucket");
    }
    return p;
  }

  /** {@code BUCKET/KEY} for messages. */
  static String where(BucketPath p) {
    return StorageCommand.printable(p.bucket() + "/" + p.key());
  }

  /** The bridge over the connection's client. */
  static AllasCrypt4gh bridge(StorageConnection storage) throws CliException {
    return AllasCrypt4gh.create(storage.client());
  }

  /**
   * Parses a size: bytes ({@code 8388608}) or a number with a binary unit: {@code K}, {@code M},
   * {@code G} or {@code KiB}, {@code MiB}, {@code GiB} (all powers of 1024; {@code 8M} is 8 MiB).
   */
  static long size(String option, String text) throws UsageException {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {{"kib", "k"}, {"mib", "m"}, {"gib", "g"}};
    outer:
    for (int i = 0; i < units.length; i++) {
      for (String u : units[i]) {
        if (lower.endsWith(u)) {
          unit = 1L << (10 * (i + 1));
          t = t.substring(0, t.length() - u.length()).strip();
          break outer;
        }
      }
    }
    if (unit == 1 && lower.endsWith("b")) {
      t = t.substring(0, t.length() - 1).strip(); // 5242880B
    }
    if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new UsageException("option '--" + option + "': invalid size '" + text + "' (give bytes, or a number with K, M, G, KiB, MiB or GiB)");
    }
    return Long.parseLong(t) * unit;
  }

  /** Parses a part size and checks S3's limits. */
  static long partSize(String text) throws UsageException {
    long bytes = size("part-size", text);
    if (bytes < UploadOptions.MIN_PART_SIZE || bytes > UploadOptions.MAX_PART_SIZE) {
      throw new UsageException("option '--part-size': " + text + " is outside S3's part sizes, 5 MiB to 5 GiB");
    }
    return bytes;
  }

  /** Parses a positive thread count. */
  static int threads(String text) throws UsageException {
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1 && n <= 256) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UsageException("option '--threads': '" + text + "' is not a number from 1 to 256");
  }

  /** A channel that counts what passes through it into a progress bar. */
  static WritableByteChannel counting(WritableByteChannel out, Progress progress) {
    return new WritableByteChannel() {
      private long written;

      @Override
      public int write(ByteBuffer src) throws IOException {
        int n = out.write(src);
        written += n;
        progress.update(written);
        return n;
      }

      @Override
      public boolean isOpen() {
        return out.isOpen();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  /** An S3 client that counts the ranged GETs sent through it (for {@code view -v}). */
  static final class CountingS3Client extends DelegatingS3Client {
    private final AtomicInteger rangedGets = new AtomicInteger();

    CountingS3Client(S3Client delegate) {
      super(delegate);
    }

    @Override
    protected <T extends S3Request, R> R invokeOperation(T request, Function<T, R> operation) {
      if (request instanceof GetObjectRequest && ((GetObjectRequest) request).range() != null) {
        rangedGets.incrementAndGet();
      }
      return operation.apply(request);
    }

    int rangedGets() {
      return rangedGets.get();
    }

    @Override
    public void close() {
      // the delegate belongs to the connection
    }
  }
}
