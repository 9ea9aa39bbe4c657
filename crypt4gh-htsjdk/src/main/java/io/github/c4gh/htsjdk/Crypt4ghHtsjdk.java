package io.github.c4gh.htsjdk;

import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.seekablestream.SeekableStream;
import htsjdk.tribble.AsciiFeatureCodec;
import htsjdk.tribble.Feature;
import htsjdk.tribble.FeatureReader;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.PassphraseSource;
import io.github.c4gh.htsjdk.internal.ChannelSeekableStream;
import io.github.c4gh.htsjdk.internal.Crypt4ghMagic;
import io.github.c4gh.htsjdk.internal.IndexNames;
import io.github.c4gh.htsjdk.internal.TabixStreamFeatureReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Crypt4GH for htsjdk: region queries on encrypted BAM, CRAM and bgzipped VCF that decrypt only the
 * 64 KiB segments the query touches. Immutable and thread-safe (share one); every channel, stream
 * and reader it opens belongs to one thread. Whether a file is encrypted is decided by its first
 * eight bytes ({@code crypt4gh}), as htslib does, so every method also reads plain files, and an
 * index may be encrypted or not, whatever its name. This artifact declares htsjdk {@code provided}:
 * add htsjdk 4.x (built and tested with 4.3.0) to your own dependencies.
 *
 * <h2>Local files: open through {@link #samInputResource(Path)}</h2>
 *
 * <pre>{@code
 * Crypt4ghHtsjdk c4gh = Crypt4ghHtsjdk.fromKeyFile(Path.of("project.sec"), () -> System.console().readPassword("Passphrase: "));
 * try (SamReader reader = SamReaderFactory.makeDefault().open(c4gh.samInputResource(Path.of("x.bam.c4gh")));
 *      SAMRecordIterator it = reader.query("chr1", 100_000, 200_000, false)) {
 *   it.forEachRemaining(record -> System.out.println(record.getSAMString()));
 * }
 * try (FeatureReader<VariantContext> vcf = c4gh.openVcf(Path.of("x.vcf.gz.c4gh"));
 *      CloseableTribbleIterator<VariantContext> it = vcf.query("chr1", 100_000, 200_000)) {
 *   it.forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>The index is found next to the data by {@link #findIndex(Path)}: {@code x.bam.bai.c4gh}
 * (encrypted), {@code x.bam.c4gh.bai} (htsjdk's own name for it), or {@code x.bam.bai} (a plain index
 * of the plaintext), and the like for {@code .csi}, {@code .crai} and {@code .tbi}.
 *
 * <h2>Picard / GATK style: the channel wrapper</h2>
 *
 * <p>htsjdk's {@code Function<SeekableByteChannel, SeekableByteChannel>} wrappers switch decryption
 * on without other changes to the calling code:
 *
 * <pre>{@code
 * Function<SeekableByteChannel, SeekableByteChannel> decrypt = Crypt4ghHtsjdk.channelWrapper(key);
 * SamReader reader = SamReaderFactory.makeDefault().open(path, decrypt, decrypt);
 * }</pre>
 *
 * <p>but htsjdk 4.3 applies them only to a {@link Path} that is <em>not</em> on the default file
 * system (a cloud or other NIO file system, such as an S3 or in-memory one): for a local file
 * {@code SamReaderFactory} reopens the file by name and the tribble readers skip the wrapper on
 * purpose. For local files use {@link #samInputResource(Path)} and {@link #openVcf(Path)}. With the
 * wrapper, htsjdk finds the index of {@code x.bam.c4gh} only as {@code x.bam.c4gh.bai} or {@code
 * x.bam.c4gh.csi} (encrypted or plain: the wrapper decides by content); and tribble decides "tabix"
 * by the extension, which {@code .c4gh} hides, so use {@link #openVcf(Path)} for VCF.
 *
 * <h2>Other sources</h2>
 *
 * <p>Everything here works over any {@link SeekableByteChannel}: {@link #samInputResource(
 * SeekableByteChannel, String, SeekableByteChannel)} and {@link #openTabixIndexed(SeekableByteChannel,
 * String, SeekableByteChannel, AsciiFeatureCodec)} take the ciphertext channels of a remote object
 * (for example a ranged-GET channel over S3) as they take those of a local file. A channel that
 * decrypts already, such as the {@code allas-crypt4gh-bridge} artifact's seekable channel over
 * ranged GETs of an object in Allas or any S3 store, is read as it is (it shows no Crypt4GH magic):
 *
 * <pre>{@code
 * AllasCrypt4gh allas = AllasCrypt4gh.create(allasClient);
 * Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
 * SamReader reader = SamReaderFactory.makeDefault().open(c4gh.samInputResource(
 *     allas.newSeekableDecryptingChannel("bucket", "x.bam.c4gh", decryptor), "s3://bucket/x.bam.c4gh",
 *     allas.newSeekableDecryptingChannel("bucket", "x.bam.bai.c4gh", decryptor)));
 * }</pre>
 *
 * <p>A region query then costs one or two ranged GETs of a few 64 KiB segments (the bridge is not
 * a dependency of this artifact; add it yourself).
 */
public final class Crypt4ghHtsjdk {
  private final Crypt4ghDecryptor decryptor;

  private Crypt4ghHtsjdk(Crypt4ghDecryptor decryptor) {
    this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
  }

  /** Decrypts with {@code key} (no sender check). */
  public static Crypt4ghHtsjdk of(Crypt4ghPrivateKey key) {
    return new Crypt4ghHtsjdk(Crypt4ghDecryptor.builder().privateKey(key).build());
  }

  /** Decrypts with {@code decryptor}, for example one with an expected sender. */
  public static Crypt4ghHtsjdk of(Crypt4ghDecryptor decryptor) {
    return new Crypt4ghHtsjdk(decryptor);
  }

  /**
   * Decrypts with the secret key in {@code keyFile}, read now (see {@link
   * KeyFiles#readPrivateKey(Path, PassphraseSource)}); {@code passphrase} is asked only if the key
   * file is encrypted.
   */
  public static Crypt4ghHtsjdk fromKeyFile(Path keyFile, PassphraseSource passphrase) throws IOException {
    return of(KeyFiles.readPrivateKey(keyFile, passphrase));
  }

  /**
   * An htsjdk channel wrapper that decrypts with {@code key}: shorthand for {@code
   * Crypt4ghHtsjdk.of(key).channelWrapper()}.
   *
   * <pre>{@code
   * SamReader reader = SamReaderFactory.makeDefault()
   *     .open(path, Crypt4ghHtsjdk.channelWrapper(key), Crypt4ghHtsjdk.channelWrapper(key));
   * }</pre>
   */
  public static Function<SeekableByteChannel, SeekableByteChannel> channelWrapper(Crypt4ghPrivateKey key) {
    return of(key).channelWrapper();
  }

  /**
   * An htsjdk channel wrapper: {@link #decryptIfCrypt4gh(SeekableByteChannel)} as a {@link
   * Function}. Give it to {@code SamReaderFactory.open(Path, Function, Function)}, {@code
   * SamInputResource.of(Path, Function)}, {@code AbstractFeatureReader.getFeatureReader(..., wrapper,
   * indexWrapper)}, or anything else that takes such a wrapper. Thread-safe.
   *
   * <p>A {@link Function} cannot throw checked exceptions, so an {@link IOException} (unreadable
   * channel, a key that opens no header packet, a damaged header) is thrown as {@link
   * UncheckedIOException} with the {@code IOException} as its cause. This is the one place this
   * library wraps a checked I/O error: the shape of the htsjdk interface leaves no other way. The
   * channel given to the function is closed when it throws.
   */
  public Function<SeekableByteChannel, SeekableByteChannel> channelWrapper() {
    return channel -> {
      try {
        return decryptIfCrypt4gh(channel);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    };
  }

  /**
   * A channel over the plaintext of {@code channel} if it is a Crypt4GH file (header at position
   * 0), with position 0 and {@code size()} the plaintext size after the edit list; a read decrypts
   * only the segments it needs. Any other channel is returned itself, at the position it had.
   * Closing the returned channel closes {@code channel}; if this method throws, {@code channel} has
   * been closed.
   *
   * @throws io.github.c4gh.crypt4gh.NoDataKeyException if the key is not a recipient of the file
   * @throws io.github.c4gh.crypt4gh.Crypt4ghFormatException if the header is damaged
   */
  public SeekableByteChannel decryptIfCrypt4gh(SeekableByteChannel channel) throws IOException {
    Objects.requireNonNull(channel, "channel");
    try {
      return Crypt4ghMagic.startsWithMagic(channel) ? decryptor.newSeekableDecryptingChannel(channel) : channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /**
   * Whether {@code channel} starts with the Crypt4GH magic bytes {@code crypt4gh}. Reads at most
   * eight bytes at position 0 and restores the position.
   */
  public static boolean isCrypt4gh(SeekableByteChannel channel) throws IOException {
    return Crypt4ghMagic.startsWithMagic(channel);
  }

  /**
   * An htsjdk {@link SeekableStream} over the plaintext of {@code file} (decrypted if it is a
   * Crypt4GH file). Its {@link SeekableStream#getSource()} is the file's name without {@code .c4gh}
   * ({@code dir/x.bam} for {@code dir/x.bam.c4gh}): htsjdk decides whether a stream is BAM or CRAM
   * by that name ending in {@code .bam} or {@code .cram}.
   */
  public SeekableStream seekableStream(Path file) throws IOException {
    return seekableStream(Files.newByteChannel(file), nameOf(file));
  }

  /**
   * An htsjdk {@link SeekableStream} over the plaintext of {@code channel}: decrypted if it is a
   * Crypt4GH file, else read as it is (so an already decrypting channel works too). Reads are bulk
   * reads of the channel, never byte by byte. {@code name} is the file's name, path or URI (e.g.
   * {@code s3://bucket/x.bam.c4gh}); the stream's {@link SeekableStream#getSource()} is {@code
   * name} without a trailing {@code .c4gh}, because htsjdk tells BAM from CRAM by the source's
   * extension. Closing the stream closes {@code channel}; so does a failure here.
   */
  public SeekableStream seekableStream(SeekableByteChannel channel, String name) throws IOException {
    SeekableByteChannel plain = decryptIfCrypt4gh(channel);
    return new ChannelSeekableStream(plain, name == null ? null : IndexNames.plaintextName(name));
  }

  /**
   * The index of the BAM, CRAM or SAM file {@code data} (encrypted or not), if one exists next to
   * it. For {@code x.bam.c4gh}, best first: {@code x.bam.bai.c4gh}, {@code x.bai.c4gh}, {@code
   * x.bam.csi.c4gh}, {@code x.csi.c4gh}, {@code x.bam.c4gh.bai}, {@code x.bam.c4gh.csi}, {@code
   * x.bam.bai}, {@code x.bai}, {@code x.bam.csi}, {@code x.csi}. For {@code x.cram.c4gh} the same
   * with {@code .crai} first (then {@code .bai}, {@code .csi}). Any of them may be encrypted or
   * plain: the content decides.
   */
  public static Optional<Path> findIndex(Path data) {
    return find(data, IndexNames.Kind.READS);
  }

  /**
   * The tabix index of the bgzipped file {@code data} (encrypted or not), if one exists next to it:
   * for {@code x.vcf.gz.c4gh}, {@code x.vcf.gz.tbi.c4gh}, then {@code x.vcf.gz.c4gh.tbi}, then
   * {@code x.vcf.gz.tbi}.
   */
  public static Optional<Path> findTabixIndex(Path data) {
    return find(data, IndexNames.Kind.TABIX);
  }

  private static Optional<Path> find(Path data, IndexNames.Kind kind) {
    Path name = data.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    for (String candidate : IndexNames.candidates(name.toString(), kind)) {
      Path p = data.resolveSibling(candidate);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * A {@link SamInputResource} for the BAM, CRAM or SAM file {@code data} (encrypted or not), with
   * its index if {@link #findIndex(Path)} finds one. Give it to any {@link SamReaderFactory}, whose
   * options (reference, validation stringency) then apply: {@code
   * SamReaderFactory.makeDefault().open(c4gh.samInputResource(path))}.
   *
   * <p>Both files are opened now. htsjdk closes the index when the reader closes only if a query
   * used it; an unused index channel is left to the garbage collector.
   */
  public SamInputResource samInputResource(Path data) throws IOException {
    return samInputResource(data, findIndex(data).orElse(null));
  }

  /** As {@link #samInputResource(Path)} with the index given ({@code null} for none). */
  public SamInputResource samInputResource(Path data, Path index) throws IOException {
    SeekableStream d = seekableStream(data);
    if (index == null) {
      return SamInputResource.of(d);
    }
    try {
      return SamInputResource.of(d).index(seekableStream(index));
    } catch (IOException | RuntimeException e) {
      closeQuietly(d, e);
      throw e;
    }
  }

  /**
   * A {@link SamInputResource} over channels from anywhere (a remote object, for instance): {@code
   * data} and {@code index} are each decrypted if they are Crypt4GH. {@code dataName} is the data's
   * name, path or URI; without its {@code .c4gh} it must end in {@code .bam} or {@code .cram}
   * (htsjdk's rule for streams; anything else is read as SAM text). {@code index} may be null.
   */
  public SamInputResource samInputResource(SeekableByteChannel data, String dataName, SeekableByteChannel index)
      throws IOException {
    SeekableStream d;
    try {
      d = seekableStream(data, dataName);
    } catch (IOException | RuntimeException e) {
      if (index != null) {
        closeQuietly(index, e);
      }
      throw e;
    }
    if (index == null) {
      return SamInputResource.of(d);
    }
    try {
      return SamInputResource.of(d).index(seekableStream(index, "index of " + dataName));
    } catch (IOException | RuntimeException e) {
      closeQuietly(d, e);
      throw e;
    }
  }

  /**
   * Opens the BAM, CRAM or SAM file {@code data} (encrypted or not) with {@code factory}, with its
   * index if {@link #findIndex(Path)} finds one: {@code factory.open(samInputResource(data))}.
   */
  public SamReader openSamReader(SamReaderFactory factory, Path data) throws IOException {
    return factory.open(samInputResource(data));
  }

  /**
   * Opens the bgzipped VCF {@code data} (encrypted or not) with its tabix index, found by {@link
   * #findTabixIndex(Path)}, for region queries. {@code getHeader()} is the {@link
   * htsjdk.variant.vcf.VCFHeader}.
   *
   * @throws java.nio.file.NoSuchFileException if no tabix index is found
   */
  public FeatureReader<VariantContext> openVcf(Path data) throws IOException {
    Path index = findTabixIndex(data)
        .orElseThrow(() -> new java.nio.file.NoSuchFileException(data.toString(), null,
            "no tabix index found next to it (looked for " + IndexNames.candidates(String.valueOf(data.getFileName()), IndexNames.Kind.TABIX) + ")"));
    return openTabixIndexed(data, index, new VCFCodec());
  }

  /**
   * Opens the bgzipped, tabix-indexed file {@code data} with the index {@code tabixIndex} (each
   * encrypted or not), decoding with {@code codec} (e.g. {@link VCFCodec}, or a BED codec). Its
   * queries read only the BGZF blocks the index names, so only the Crypt4GH segments holding them are
   * decrypted. Only the newest iterator of the reader can be read (an older one throws {@link
   * java.util.ConcurrentModificationException}); an I/O error while iterating is thrown as {@link
   * UncheckedIOException}, since an {@link java.util.Iterator} cannot throw checked exceptions.
   * CSI-indexed files are not supported (htsjdk's tribble cannot read them either).
   */
  public <T extends Feature> FeatureReader<T> openTabixIndexed(Path data, Path tabixIndex, AsciiFeatureCodec<T> codec)
      throws IOException {
    SeekableStream d = seekableStream(data);
    SeekableStream i;
    try {
      i = seekableStream(tabixIndex);
    } catch (IOException | RuntimeException e) {
      closeQuietly(d, e);
      throw e;
    }
    return new TabixStreamFeatureReader<>(d, i, codec);
  }

  /**
   * As {@link #openTabixIndexed(Path, Path, AsciiFeatureCodec)} over channels from anywhere; {@code
   * dataName} (name, path or URI of the data) appears in messages. The index channel is read whole
   * and closed before this returns; the data channel is closed with the reader.
   */
  public <T extends Feature> FeatureReader<T> openTabixIndexed(
      SeekableByteChannel data, String dataName, SeekableByteChannel tabixIndex, AsciiFeatureCodec<T> codec) throws IOException {
    SeekableStream d;
    try {
      d = seekableStream(data, dataName);
    } catch (IOException | RuntimeException e) {
      closeQuietly(tabixIndex, e);
      throw e;
    }
    SeekableStream i;
    try {
      i = seekableStream(tabixIndex, "tabix index of " + dataName);
    } catch (IOException | RuntimeException e) {
      closeQuietly(d, e);
      throw e;
    }
    return new TabixStreamFeatureReader<>(d, i, codec);
  }

  private static String nameOf(Path p) {
    return p.getFileSystem() == FileSystems.getDefault() ? p.toString() : p.toUri().toString();
  }

  private static void closeQuietly(Closeable c, Throwable primary) {
    try {
      c.close();
    } catch (IOException | RuntimeException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  @Override
  public String toString() {
    return "Crypt4ghHtsjdk";
  }
}
