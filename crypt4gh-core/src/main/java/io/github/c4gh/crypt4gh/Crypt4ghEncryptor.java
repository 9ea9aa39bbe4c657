package io.github.c4gh.crypt4gh;

import io.github.c4gh.crypt4gh.internal.ChannelStreams;
import io.github.c4gh.crypt4gh.internal.EncryptingChannel;
import io.github.c4gh.crypt4gh.internal.Parallelism;
import io.github.c4gh.crypt4gh.internal.SegmentCipher;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Encrypts plaintext into Crypt4GH v1 for one or more recipients. Immutable and thread-safe: one
 * encryptor may create any number of channels and streams, each with a fresh data key and header.
 * The channels themselves belong to one thread each.
 *
 * <pre>{@code
 * Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder()
 *     .recipient(KeyFiles.readPublicKey(Path.of("project.pub")))
 *     .recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY)
 *     .build();
 * try (InputStream in = Files.newInputStream(Path.of("sample.bam"));
 *      OutputStream out = encryptor.newEncryptingStream(Files.newOutputStream(Path.of("sample.bam.c4gh")))) {
 *   in.transferTo(out);
 * }
 * }</pre>
 */
public final class Crypt4ghEncryptor {
  /**
   * The public key of CSC's Sensitive Data services (SD Connect, SD Desktop), published by CSC as a
   * Crypt4GH public key. Add it as a recipient so the data can be used inside CSC's services.
   */
  public static final Crypt4ghPublicKey CSC_SENSITIVE_DATA_PUBLIC_KEY =
      Crypt4ghPublicKey.fromBase64("dmku3fKA/wrOpWntUTkkoQvknjZDisdmSwU4oFk/on0=");

  private final List<Crypt4ghPublicKey> recipients;
  private final Crypt4ghPrivateKey sender;
  private final DataEditList editList;
  private final int parallelism;
  private final Executor executor;
  private final SecureRandom random;

  private Crypt4ghEncryptor(Builder b) {
    if (b.recipients.isEmpty()) {
      throw new IllegalStateException("an encryptor needs at least one recipient");
    }
    this.recipients = List.copyOf(new LinkedHashSet<>(b.recipients));
    this.sender = b.sender;
    this.editList = b.editList;
    this.parallelism = b.parallelism;
    this.executor = b.executor;
    this.random = b.random != null ? b.random : new SecureRandom();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The recipients, without repeats, in the order given. */
  public List<Crypt4ghPublicKey> recipients() {
    return recipients;
  }

  /** Bytes of the header this encryptor writes. */
  public long headerLength() {
    long perRecipient = HeaderPacket.PREFIX_LENGTH + 40 + 16;
    if (editList != null) {
      perRecipient += HeaderPacket.PREFIX_LENGTH + 8 + 8L * editList.size() + 16;
    }
    return Header.PREFIX_LENGTH + perRecipient * recipients.size();
  }

  /** Bytes of the whole encrypted file for {@code plaintextSize} bytes of input. */
  public long encryptedSize(long plaintextSize) {
    return headerLength() + SegmentLayout.ciphertextSize(plaintextSize);
  }

  /**
   * A channel that encrypts what is written to it into {@code out}: the header first, then full
   * segments; {@link WritableByteChannel#close()} writes the last segment and closes {@code out}.
   */
  public WritableByteChannel newEncryptingChannel(WritableByteChannel out) {
    Objects.requireNonNull(out, "out");
    DataEncryptionParameters params = DataEncryptionParameters.generate(random);
    Header header = Header.encrypt(recipients, List.of(params), editList, sender, random);
    byte[] raw = params.exportDataKey();
    SymmetricKey key = new SymmetricKey(raw);
    Arrays.fill(raw, (byte) 0);
    SegmentCipher cipher = new SegmentCipher(List.of(key));
    Parallelism pool = parallelism > 1 ? Parallelism.of(parallelism, executor) : null;
    return new EncryptingChannel(out, header.encoded(), cipher, random, pool);
  }

  /**
   * A stream that encrypts into {@code out}. {@code flush()} flushes {@code out} but never writes a
   * short segment; {@code close()} finishes the file and closes {@code out}.
   */
  public OutputStream newEncryptingStream(OutputStream out) {
    Objects.requireNonNull(out, "out");
    return ChannelStreams.outputStream(newEncryptingChannel(ChannelStreams.channel(out)), out);
  }

  /** Builds {@link Crypt4ghEncryptor}s. Not thread-safe. */
  public static final class Builder {
    private final List<Crypt4ghPublicKey> recipients = new ArrayList<>();
    private Crypt4ghPrivateKey sender;
    private DataEditList editList;
    private int parallelism = 1;
    private Executor executor;
    private SecureRandom random;

    private Builder() {}

    /** Adds a recipient. */
    public Builder recipient(Crypt4ghPublicKey recipient) {
      recipients.add(Objects.requireNonNull(recipient, "recipient"));
      return this;
    }

    /** Adds recipients. */
    public Builder recipients(Collection<Crypt4ghPublicKey> more) {
      more.forEach(this::recipient);
      return this;
    }

    /**
     * The writer key of the header packets, so readers can check who wrote the file; without it
     * each file gets a fresh ephemeral key.
     */
    public Builder senderKey(Crypt4ghPrivateKey sender) {
      this.sender = sender;
      return this;
    }

    /** An edit list to put in the header (readers then see only the ranges it keeps). */
    public Builder editList(DataEditList editList) {
      this.editList = editList;
      return this;
    }

    /**
     * Seal segments on this many threads (1, the default, seals on the writing thread). The output
     * is the same file layout either way. With more, the channel keeps three batches of
     * {@code 4 * threads} segments (two being sealed while the third fills: about 3 MiB on 2
     * threads).
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
     * the executor refuses, or leaves untouched for 10 ms, is done by the writing thread.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The source of keys and nonces (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * The encryptor.
     *
     * @throws IllegalStateException if no recipient was given
     */
    public Crypt4ghEncryptor build() {
      return new Crypt4ghEncryptor(this);
    }
  }
}
