package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Whole streams through the public channel API: {@code Crypt4ghEncryptor.newEncryptingChannel}
 * into a channel that discards, and {@code Crypt4ghDecryptor.newDecryptingChannel} from an
 * in-memory ciphertext, {@code sizeMiB} MiB per operation, on {@code threads} threads (1 is the
 * single-threaded path; more uses the parallel pipeline, {@code .parallelism(threads)}).
 *
 * <p>No stream is held in memory: encryption writes the same 1 MiB buffer {@code sizeMiB} times;
 * decryption reads a real Crypt4GH file whose data section is the 16 encrypted segments of that
 * 1 MiB repeated {@code sizeMiB} times. Crypt4GH segments do not depend on their index (random
 * nonce each, no additional data), so this is a valid file of {@code sizeMiB} MiB and every
 * segment is authenticated as usual. Inputs stay cache-resident like the baseline's.
 *
 * <p>The secondary result {@code mib} is MiB/s; {@code gc.alloc.rate.norm} ({@code -prof gc}) is
 * per stream, so divide by {@code 16 * sizeMiB} for bytes per segment.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecStreamBenchmark {
  static final int CHUNK = 1 << 20;

  /** MiB per stream (the README's full runs also use 1024). */
  @Param({"64"})
  public int sizeMiB;

  /** Segment threads: 1 = single-threaded path, more = parallel pipeline. */
  @Param({"1", "2", "4"})
  public int threads;

  private Crypt4ghEncryptor encryptor;
  private Crypt4ghDecryptor decryptor;
  private final byte[] plain = new byte[CHUNK];
  private ByteBuffer plainBuffer;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(CHUNK);
  private byte[] header;
  private byte[] body;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SecureRandom random = new SecureRandom();
    random.nextBytes(plain);
    plainBuffer = ByteBuffer.wrap(plain);
    Crypt4ghPrivateKey reader = Crypt4ghPrivateKey.generate(random);
    encryptor = Crypt4ghEncryptor.builder().recipient(reader.publicKey()).parallelism(threads).random(random).build();
    decryptor = Crypt4ghDecryptor.builder().privateKey(reader).parallelism(threads).build();

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (WritableByteChannel ch = encryptor.newEncryptingChannel(Channels.newChannel(file))) {
      ch.write(ByteBuffer.wrap(plain));
    }
    byte[] bytes = file.toByteArray();
    int headerLength = (int) encryptor.headerLength();
    header = Arrays.copyOf(bytes, headerLength);
    body = Arrays.copyOfRange(bytes, headerLength, bytes.length);
    if (body.length != SegmentLayout.ciphertextSize(CHUNK)) {
      throw new IllegalStateException("unexpected ciphertext size " + body.length);
    }
  }

  /** Encrypts {@code sizeMiB} MiB, written 1 MiB at a time from a heap buffer. */
  @Benchmark
  public void encrypt(Throughput t, CpuCost c, Blackhole bh) throws IOException {
    try (WritableByteChannel ch = encryptor.newEncryptingChannel(new DiscardingChannel(bh))) {
      for (int i = 0; i < sizeMiB; i++) {
        plainBuffer.clear();
        ch.write(plainBuffer);
      }
    }
    t.add((long) sizeMiB * CHUNK);
    c.add((long) sizeMiB * CHUNK);
  }

  /** Decrypts a {@code sizeMiB} MiB file, read 1 MiB at a time into a heap buffer. */
  @Benchmark
  public void decrypt(Throughput t, CpuCost c, Blackhole bh) throws IOException {
    long total = 0;
    try (ReadableByteChannel ch = decryptor.newDecryptingChannel(new RepeatingChannel(header, body, sizeMiB))) {
      while (true) {
        readBuffer.clear();
        int n = ch.read(readBuffer);
        if (n < 0) {
          break;
        }
        total += n;
        bh.consume(readBuffer.get(0));
      }
    }
    if (total != (long) sizeMiB * CHUNK) {
      throw new IllegalStateException("decrypted " + total + " bytes, expected " + (long) sizeMiB * CHUNK);
    }
    t.add(total);
    c.add(total);
  }

  /** A sink that drops what is written, touching one byte of each write. */
  static final class DiscardingChannel implements WritableByteChannel {
    private final Blackhole bh;
    private boolean open = true;

    DiscardingChannel(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      if (n > 0) {
        bh.consume(src.get(src.limit() - 1));
        src.position(src.limit());
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  /** {@code header} once, then {@code body} {@code repeats} times. */
  static final class RepeatingChannel implements ReadableByteChannel {
    private final byte[] header;
    private final byte[] body;
    private long repeatsLeft;
    private byte[] current;
    private int offset;
    private boolean open = true;

    RepeatingChannel(byte[] header, byte[] body, long repeats) {
      this.header = header;
      this.body = body;
      this.repeatsLeft = repeats;
      this.current = header;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (offset == current.length) {
        if (repeatsLeft == 0) {
          return -1;
        }
        repeatsLeft--;
        current = body;
        offset = 0;
      }
      int n = Math.min(dst.remaining(), current.length - offset);
      dst.put(current, offset, n);
      offset += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
