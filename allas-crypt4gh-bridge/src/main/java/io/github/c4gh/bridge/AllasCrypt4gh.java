package io.github.c4gh.bridge;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.internal.MultipartSink;
import io.github.c4gh.bridge.internal.ObjectReader;
import io.github.c4gh.bridge.internal.PrefetchingInputStream;
import io.github.c4gh.bridge.internal.ProgressTracker;
import io.github.c4gh.bridge.internal.RangedCiphertextChannel;
import io.github.c4gh.bridge.internal.Rekeyer;
import io.github.c4gh.bridge.internal.Requests;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Crypt4GH objects in Allas (or any S3 server): encrypt while uploading, decrypt while downloading,
 * read any byte range of an encrypted object with ranged GETs, and give an object new recipients
 * on the server without moving its data.
 *
 * <pre>{@code
 * try (AllasClient allas = AllasClient.create()) {            // endpoint and keys as allas-conf wrote them
 *   AllasCrypt4gh bridge = AllasCrypt4gh.create(allas);
 *   Crypt4ghPrivateKey mine = KeyFiles.readPrivateKey(Path.of("project.sec"), () -> System.console().readPassword("Passphrase: "));
 *
 *   // upload: encrypted on the fly for two recipients into a multipart upload, memory bounded by the part size
 *   Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder()
 *       .recipient(mine.publicKey())
 *       .recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY)
 *       .build();
 *   UploadResult up = bridge.upload("my-bucket", "sample.bam.c4gh", encryptor, Path.of("sample.bam"), UploadOptions.defaults());
 *
 *   // the whole object, decrypted as it streams
 *   Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(mine).build();
 *   try (InputStream in = bridge.newDecryptingStream("my-bucket", "sample.bam.c4gh", decryptor)) {
 *     in.transferTo(System.out);
 *   }
 *
 *   // random access: one small ranged GET per read
 *   try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel("my-bucket", "sample.bam.c4gh", decryptor)) {
 *     ByteBuffer buf = ByteBuffer.allocate(1024);
 *     ch.position(3_000_000_000L).read(buf);
 *   }
 *
 *   // a collaborator gets access, without the data being downloaded
 *   Crypt4ghPublicKey collaborator = KeyFiles.readPublicKey(Path.of("collaborator.pub"));
 *   bridge.rekey("my-bucket", "sample.bam.c4gh", mine, List.of(mine.publicKey(), collaborator), RekeyOptions.defaults());
 * }
 * }</pre>
 *
 * <p>An {@code AllasCrypt4gh} is immutable and thread-safe: share one (it holds no threads or
 * connections of its own; the {@link AllasClient} or {@link S3Client} it was made from does, and
 * stays the caller's to close). Each upload, stream and channel it returns belongs to one thread.
 * Every failed request surfaces as a {@link StorageException} (an {@link IOException}) that names
 * the operation, bucket, key, part number and HTTP status.
 *
 * <p>Requests are retried twice over: by the SDK (as the client is configured) and then by the
 * bridge, per part or per range, {@link Builder#attempts(int)} times with exponential back-off. A
 * download whose body breaks off resumes from the first missing byte.
 */
public final class AllasCrypt4gh {
  /** Bytes the first ranged GET of a seekable channel fetches beyond one segment, for the header. */
  static final int HEADER_ALLOWANCE = 16 * 1024;

  private final S3Client s3;
  private final Requests requests;

  private AllasCrypt4gh(Builder b) {
    this.s3 = Objects.requireNonNull(b.s3, "an S3 client is needed: client(AllasClient) or s3Client(S3Client)");
    this.requests = new Requests(b.attempts, b.backoff.toMillis(), b.attemptTimeout, b.minBytesPerSecond);
  }

  /**
   * A bridge over an Allas client's S3 client, with the default retries.
   *
   * @param client the client; it stays the caller's to close (after the bridge's last use)
   * @return the bridge
   */
  public static AllasCrypt4gh create(AllasClient client) {
    return builder().client(client).build();
  }

  /**
   * A bridge over any SDK S3 client (another S3 server, custom interceptors). For Ceph RGW build it
   * with {@code WHEN_REQUIRED} checksum calculation and validation and path-style addressing, as
   * {@link AllasClient} does.
   *
   * @param s3 the client; it stays the caller's to close
   * @return the bridge
   */
  public static AllasCrypt4gh create(S3Client s3) {
    return builder().s3Client(s3).build();
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------
  // upload

  /**
   * Starts an upload: what is written to the returned stream is encrypted and streamed into {@code
   * bucket/key}. See {@link EncryptingUpload} for when the object is stored and how to abandon it.
   * No request is sent before the first part is full (or the upload is closed).
   *
   * @param bucket the bucket; {@code <tenant>:<bucket>} for another project's bucket on a tenanted RGW
   * @param key the object key
   * @param encryptor the recipients (one or more), optional sender key and sealing parallelism
   * @param options length, overwrite, ACL, parts, progress
   * @return the upload; close it to store the object
   */
  public EncryptingUpload newUpload(String bucket, String key, Crypt4ghEncryptor encryptor, UploadOptions options) {
    checkNames(bucket, key);
    Objects.requireNonNull(encryptor, "encryptor");
    Objects.requireNonNull(options, "options");
    long expectedPlaintext = options.expectedLength().orElse(-1);
    long expectedObject = expectedPlaintext >= 0 ? encryptor.encryptedSize(expectedPlaintext) : -1;
    ProgressTracker progress = new ProgressTracker(options.progressListener().orElse(null), expectedObject);
    MultipartSink sink =
        new MultipartSink(s3, requests, bucket, key, options, encryptor.headerLength(), expectedPlaintext, expectedObject, progress);
    WritableByteChannel encrypting = encryptor.newEncryptingChannel(sink);
    return new EncryptingUpload(bucket, key, sink, encrypting, progress, expectedPlaintext);
  }

  /**
   * Encrypts a stream into an object. If reading the stream fails, the upload is aborted and
   * nothing is stored.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param encryptor the recipients and sender
   * @param plaintext read to its end, not closed
   * @param options length, overwrite, ACL, parts, progress
   * @return what was stored
   * @throws TargetExistsException if the object exists and overwriting was not asked for
   * @throws StorageException if a request failed after its retries; nothing was stored
   * @throws IOException if reading {@code plaintext} failed; nothing was stored
   */
  public UploadResult upload(String bucket, String key, Crypt4ghEncryptor encryptor, InputStream plaintext, UploadOptions options)
      throws IOException {
    Objects.requireNonNull(plaintext, "plaintext");
    EncryptingUpload up = newUpload(bucket, key, encryptor, options);
    try (up) {
      byte[] buf = new byte[4 * SegmentLayout.SEGMENT_SIZE];
      try {
        for (int n; (n = plaintext.read(buf)) >= 0; ) {
          up.write(buf, 0, n);
        }
      } catch (IOException | RuntimeException | Error e) {
        up.abort();
        throw e;
      } finally {
        Arrays.fill(buf, (byte) 0);
      }
    }
    return up.result();
  }

  /**
   * Encrypts a file into an object; its size is the expected length (fixed part size, exact
   * progress totals, and a file that changes size while it is read aborts the upload).
   *
   * @param bucket the bucket
   * @param key the object key
   * @param encryptor the recipients and sender
   * @param file a regular file
   * @param options overwrite, ACL, parts, progress; an expected length, if given, must be the file's
   * @return what was stored
   * @throws TargetExistsException if the object exists and overwriting was not asked for
   * @throws StorageException if a request failed after its retries; nothing was stored
   * @throws IOException if reading the file failed; nothing was stored
   */
  public UploadResult upload(String bucket, String key, Crypt4ghEncryptor encryptor, Path file, UploadOptions options) throws IOException {
    long size = Files.size(file);
    if (options.expectedLength().isPresent() && options.expectedLength().getAsLong() != size) {
      throw new IllegalArgumentException("the expected length " + options.expectedLength().getAsLong() + " is not the size " + size + " of " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return upload(bucket, key, encryptor, in, options.copy(b -> b.expectedLength(size)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // download

  /**
   * The plaintext of an object, with {@link DownloadOptions#defaults()}.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param decryptor the recipient's key
   * @return the plaintext; close it when done
   * @throws StorageException if the object cannot be read (404 when it does not exist)
   * @throws io.github.c4gh.crypt4gh.Crypt4ghException if it is not Crypt4GH or the key is not a recipient
   */
  public InputStream newDecryptingStream(String bucket, String key, Crypt4ghDecryptor decryptor) throws IOException {
    return newDecryptingStream(bucket, key, decryptor, DownloadOptions.defaults());
  }

  /**
   * The plaintext of an object, fetched in ranges ({@link DownloadOptions#parallelRanges()} at a
   * time) and decrypted as it is read. A segment that fails authentication fails the read with
   * {@link io.github.c4gh.crypt4gh.SegmentAuthenticationException}; an object replaced while it
   * is read fails it with {@link SourceChangedException}.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param decryptor the recipient's key
   * @param options range size and parallelism
   * @return the plaintext; close it when done (it owns the range threads)
   * @throws StorageException if the object cannot be read (404 when it does not exist)
   * @throws io.github.c4gh.crypt4gh.Crypt4ghException if it is not Crypt4GH or the key is not a recipient
   */
  public InputStream newDecryptingStream(String bucket, String key, Crypt4ghDecryptor decryptor, DownloadOptions options) throws IOException {
    checkNames(bucket, key);
    Objects.requireNonNull(decryptor, "decryptor");
    ObjectReader reader = new ObjectReader(s3, requests, bucket, key, null);
    byte[] first = new byte[options.rangeSize()];
    int n = reader.readFully(0, first, 0, first.length);
    PrefetchingInputStream ciphertext =
        new PrefetchingInputStream(reader, n == first.length ? first : Arrays.copyOf(first, n), n, options.rangeSize(), options.parallelRanges());
    try {
      return decryptor.newDecryptingStream(ciphertext);
    } catch (IOException | RuntimeException e) {
      ciphertext.close();
      throw e;
    }
  }

  /**
   * A seekable channel over the plaintext of an object, with {@link DownloadOptions#defaults()}.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param decryptor the recipient's key
   * @return the channel; close it when done
   * @throws StorageException if the object cannot be read (404 when it does not exist)
   * @throws io.github.c4gh.crypt4gh.Crypt4ghException if it is not Crypt4GH or the key is not a recipient
   */
  public SeekableByteChannel newSeekableDecryptingChannel(String bucket, String key, Crypt4ghDecryptor decryptor) throws IOException {
    return newSeekableDecryptingChannel(bucket, key, decryptor, DownloadOptions.defaults());
  }

  /**
   * A read-only seekable channel over the plaintext of an object (after its edit list, if any).
   * Opening it costs one ranged GET (the header and the first segment; the object size comes from
   * its {@code Content-Range}); after that a read of up to one segment at any position costs at
   * most one ranged GET of at most two segments, and sequential reads fetch growing windows up to
   * {@link DownloadOptions#readAhead()}. Suits htsjdk's {@code SeekableByteChannel} wrappers.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param decryptor the recipient's key
   * @param options read-ahead
   * @return the channel; close it when done
   * @throws StorageException if the object cannot be read (404 when it does not exist)
   * @throws io.github.c4gh.crypt4gh.Crypt4ghException if it is not Crypt4GH or the key is not a recipient
   */
  public SeekableByteChannel newSeekableDecryptingChannel(String bucket, String key, Crypt4ghDecryptor decryptor, DownloadOptions options)
      throws IOException {
    checkNames(bucket, key);
    Objects.requireNonNull(decryptor, "decryptor");
    ObjectReader reader = new ObjectReader(s3, requests, bucket, key, null);
    byte[] prefix = new byte[HEADER_ALLOWANCE + SegmentLayout.CIPHER_SEGMENT_SIZE];
    int n = reader.readFully(0, prefix, 0, prefix.length);
    RangedCiphertextChannel ciphertext =
        new RangedCiphertextChannel(reader, n == prefix.length ? prefix : Arrays.copyOf(prefix, n), options.readAhead());
    try {
      Header header = Header.read(ciphertext);
      ciphertext.alignTo(header.encodedLength());
      return decryptor.newSeekableDecryptingChannel(ciphertext);
    } catch (IOException | RuntimeException e) {
      ciphertext.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // re-keying

  /**
   * Gives an object new recipients without downloading its data. The header is re-encrypted (see
   * {@link Header#reencrypt}); a multipart upload then carries the new header plus the leading
   * segments that bring part 1 to 5 MiB (fetched and sent as they are, still encrypted), and copies
   * the rest of the old object on the server with {@code UploadPartCopy}. The transfer is the
   * header plus about 5 MiB each way, whatever the object size. An object too small for that is
   * rewritten whole in one PUT.
   *
   * <p>The result replaces the object in place (or goes to {@link RekeyOptions#targetKey()}). S3 has
   * no way to pin the source of a copy on Ceph RGW (it ignores {@code x-amz-copy-source-if-match}),
   * so the source's ETag is compared by HEAD before starting and again just before completing, and
   * the upload is aborted with {@link SourceChangedException} if it changed. That check is racy: a
   * write that lands between the last HEAD and the completion is overwritten.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param privateKey a key that opens the header
   * @param recipients the new recipients
   * @param options trim or keep old packets, sender, target key, ACL, copy part size
   * @return what was written and what it cost
   * @throws io.github.c4gh.crypt4gh.NoDataKeyException if {@code privateKey} opens no data key
   * @throws SourceChangedException if the object changed meanwhile
   * @throws StorageException if a request failed after its retries; the object is unchanged
   */
  public RekeyResult rekey(
      String bucket, String key, Crypt4ghPrivateKey privateKey, Collection<Crypt4ghPublicKey> recipients, RekeyOptions options)
      throws IOException {
    checkNames(bucket, key);
    Objects.requireNonNull(privateKey, "privateKey");
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient is needed");
    }
    options.targetKey().ifPresent(t -> checkNames(bucket, t));
    return new Rekeyer(s3, requests).rekey(bucket, key, privateKey, List.copyOf(recipients), options);
  }

  private static void checkNames(String bucket, String key) {
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("a bucket name is needed");
    }
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("an object key is needed");
    }
  }

  /** Builds an {@link AllasCrypt4gh}. Not thread-safe. */
  public static final class Builder {
    private S3Client s3;
    private int attempts = 4;
    private Duration backoff = Duration.ofMillis(200);
    private Duration attemptTimeout = Duration.ofSeconds(60);
    private long minBytesPerSecond = 64 * 1024;

    private Builder() {}

    /**
     * Uses an Allas client's S3 client.
     *
     * @param client the client (not closed by the bridge)
     * @return this builder
     */
    public Builder client(AllasClient client) {
      this.s3 = client.s3();
      return this;
    }

    /**
     * Uses an SDK S3 client.
     *
     * @param s3 the client (not closed by the bridge)
     * @return this builder
     */
    public Builder s3Client(S3Client s3) {
      this.s3 = Objects.requireNonNull(s3, "s3");
      return this;
    }

    /**
     * How many times the bridge tries each part, range or other request (on top of the SDK's own
     * retries) before it gives up. Default 4.
     *
     * @param attempts 1 or more
     * @return this builder
     */
    public Builder attempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * The first back-off between the bridge's attempts; it doubles per attempt, at most 8 s.
     * Default 200 ms.
     *
     * @param backoff a non-negative duration
     * @return this builder
     */
    public Builder retryBackoff(Duration backoff) {
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("negative back-off");
      }
      this.backoff = backoff;
      return this;
    }

    /**
     * How long one attempt of a request that sends or copies a body (a part, a PUT, a part copy)
     * may take before it is abandoned and retried: {@code base} plus the body at {@code
     * minBytesPerSecond}. A server that stops reading a request body would otherwise block the
     * upload forever (socket timeouts cover only reads). Default 60 s plus 64 KiB/s. Requests
     * without a body are bounded by the client's socket timeout.
     *
     * @param base the time beyond the transfer, positive
     * @param minBytesPerSecond the slowest acceptable transfer, positive
     * @return this builder
     */
    public Builder attemptTimeout(Duration base, long minBytesPerSecond) {
      if (base.isNegative() || base.isZero() || minBytesPerSecond <= 0) {
        throw new IllegalArgumentException("the attempt timeout and throughput must be positive");
      }
      this.attemptTimeout = base;
      this.minBytesPerSecond = minBytesPerSecond;
      return this;
    }

    /**
     * Builds the bridge.
     *
     * @return the bridge
     * @throws NullPointerException if no client was given
     */
    public AllasCrypt4gh build() {
      return new AllasCrypt4gh(this);
    }
  }
}
