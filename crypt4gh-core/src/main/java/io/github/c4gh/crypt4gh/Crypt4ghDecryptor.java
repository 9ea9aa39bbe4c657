package io.github.c4gh.crypt4gh;

import io.github.c4gh.crypt4gh.internal.ChannelStreams;
import io.github.c4gh.crypt4gh.internal.DecryptingChannel;
import io.github.c4gh.crypt4gh.internal.Parallelism;
import io.github.c4gh.crypt4gh.internal.SeekableDecryptingChannel;
import io.github.c4gh.crypt4gh.internal.SegmentCipher;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Decrypts Crypt4GH v1 with one secret key. Immutable and thread-safe; each channel or stream it
 * makes belongs to one thread. Plaintext is released only after its segment authenticated; a
 * tampered segment raises {@link SegmentAuthenticationException} and the channel refuses further
 * reads. The edit list in the header, if any, is applied.
 *
 * <pre>{@code
 * Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder()
 *     .privateKey(KeyFiles.readPrivateKey(Path.of("project.sec"), () -> System.console().readPassword("Passphrase: ")))
 *     .build();
 * // random access: read 1 KiB at plaintext offset 5 GB, decrypting only the segment it lives in
 * try (SeekableByteChannel plain = decryptor.newSeekableDecryptingChannel(Files.newByteChannel(Path.of("x.bam.c4gh")))) {
 *   ByteBuffer buf = ByteBuffer.allocate(1024);
 *   plain.position(5_000_000_000L).read(buf);
 * }
 * }</pre>
 */
public final class Crypt4ghDecryptor {
  private final Crypt4ghPrivateKey key;
  private final Crypt4ghPublicKey expectedSender;
  private final int parallelism;
  private final Executor executor;

  private Crypt4ghDecryptor(Builder b) {
    this.key = Objects.requireNonNull(b.key, "a decryptor needs a private key");
    this.expectedSender = b.expectedSender;
    this.parallelism = b.parallelism;
    this.executor = b.executor;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What the key opens in {@code header}, checking the sender when one was configured.
   *
   * @throws NoDataKeyException if the key opens no data key
   * @throws SenderMismatchException if the packets were written by another sender
   */
  public DecryptedHeader decryptHeader(Header header) throws Crypt4ghException {
    return header.decrypt(key, expectedSender);
  }

  /** Reads the header from {@code in} and returns a channel over the plaintext that follows. */
  public ReadableByteChannel newDecryptingChannel(ReadableByteChannel in) throws IOException {
    Header header = Header.read(in);
    return newDecryptingChannel(header, in);
  }

  /** A channel over the plaintext of {@code segments}, whose header was stored apart (detached). */
  public ReadableByteChannel newDecryptingChannel(Header header, ReadableByteChannel segments) throws IOException {
    DecryptedHeader plain = decryptHeader(header);
    long[] ranges = plain.editList().map(e -> e.keptRanges(Long.MAX_VALUE)).orElse(null);
    Parallelism pool = parallelism > 1 ? Parallelism.of(parallelism, executor) : null;
    return new DecryptingChannel(segments, cipherFor(plain), ranges, pool);
  }

  /** Reads the header from {@code in} and returns a stream of the plaintext that follows. */
  public InputStream newDecryptingStream(InputStream in) throws IOException {
    return ChannelStreams.inputStream(newDecryptingChannel(Channels.newChannel(in)));
  }

  /**
   * A seekable channel over the plaintext of the Crypt4GH file in {@code in} (header at position 0).
   * Suits htsjdk's {@code Function<SeekableByteChannel, SeekableByteChannel>} wrappers.
   */
  public SeekableByteChannel newSeekableDecryptingChannel(SeekableByteChannel in) throws IOException {
    in.position(0);
    Header header = Header.read(in);
    return seekable(header, in, header.encodedLength());
  }

  /** A seekable channel over {@code segments} (data section only, at position 0), with a detached header. */
  public SeekableByteChannel newSeekableDecryptingChannel(Header header, SeekableByteChannel segments) throws IOException {
    return seekable(header, segments, 0);
  }

  private SeekableByteChannel seekable(Header header, SeekableByteChannel in, long dataStart) throws IOException {
    DecryptedHeader plain = decryptHeader(header);
    return new SeekableDecryptingChannel(in, dataStart, cipherFor(plain), plain.editList().orElse(null));
  }

  static SegmentCipher cipherFor(DecryptedHeader plain) {
    List<SymmetricKey> keys = new ArrayList<>();
    for (DataEncryptionParameters p : plain.dataKeys()) {
      byte[] raw = p.exportDataKey();
      keys.add(new SymmetricKey(raw));
      Arrays.fill(raw, (byte) 0);
    }
    return new SegmentCipher(keys);
  }

  /** Builds {@link Crypt4ghDecryptor}s. Not thread-safe. */
  public static final class Builder {
    private Crypt4ghPrivateKey key;
    private Crypt4ghPublicKey expectedSender;
    private int parallelism = 1;
    private Executor executor;

    private Builder() {}

    /** The recipient's secret key (required). */
    public Builder privateKey(Crypt4ghPrivateKey key) {
      this.key = key;
      return this;
    }

    /** Accept only header packets written by this public key (the sender check). */
    public Builder expectedSender(Crypt4ghPublicKey sender) {
      this.expectedSender = sender;
      return this;
    }

    /**
     * Open segments of streaming channels on this many threads (default 1). With more, a channel
     * reads ahead two batches of {@code 4 * threads} segments beyond the one it hands out (about
     * 3 MiB on 2 threads). Plaintext is released only after its segment authenticated, either way.
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * The executor for {@link #parallelism(int)} &gt; 1; by default each channel owns a pool. Work
     * the executor refuses, or leaves untouched for 10 ms, is done by the reading thread.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * The decryptor.
     *
     * @throws NullPointerException if no private key was given
     */
    public Crypt4ghDecryptor build() {
      return new Crypt4ghDecryptor(this);
    }
  }
}
