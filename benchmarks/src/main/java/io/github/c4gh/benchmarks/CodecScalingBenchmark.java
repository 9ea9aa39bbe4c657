package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parallel pipeline against the single-threaded one, in alternation inside each operation:
 * {@value #STEP_MIB} MiB through a channel with no pool, then {@value #STEP_MIB} MiB through a
 * channel with {@code .parallelism(parallelism)}, both open for the whole iteration (streams of
 * unbounded length, built as in {@link CodecStreamBenchmark}). {@code vsOneThread} is the speed-up
 * ({@link PairedScaling}), measured under the same load on both sides; {@code ownCores} and
 * {@code otherCores} tell whether a missing speed-up was the pipeline's or the machine's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecScalingBenchmark {
  static final int CHUNK = 1 << 20;
  static final int STEP_MIB = 8;

  @Param({"encrypt", "decrypt"})
  public String direction;

  /** Segment threads of the parallel side ({@code .parallelism(n)}). */
  @Param({"2"})
  public int parallelism;

  private final byte[] plain = new byte[CHUNK];
  private final ByteBuffer plainBuffer = ByteBuffer.wrap(plain);
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
  private Crypt4ghEncryptor oneEncryptor;
  private Crypt4ghEncryptor manyEncryptor;
  private Crypt4ghDecryptor oneDecryptor;
  private Crypt4ghDecryptor manyDecryptor;
  private byte[] header;
  private byte[] body;
  private WritableByteChannel oneEncrypting;
  private WritableByteChannel manyEncrypting;
  private ReadableByteChannel oneDecrypting;
  private ReadableByteChannel manyDecrypting;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (parallelism < 2) {
      throw new IllegalArgumentException("the parallel side needs at least 2 threads");
    }
    SecureRandom random = new SecureRandom();
    random.nextBytes(plain);
    Crypt4ghPrivateKey reader = Crypt4ghPrivateKey.generate(random);
    oneEncryptor = Crypt4ghEncryptor.builder().recipient(reader.publicKey()).random(random).build();
    manyEncryptor = Crypt4ghEncryptor.builder().recipient(reader.publicKey()).random(random).parallelism(parallelism).build();
    oneDecryptor = Crypt4ghDecryptor.builder().privateKey(reader).build();
    manyDecryptor = Crypt4ghDecryptor.builder().privateKey(reader).parallelism(parallelism).build();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (WritableByteChannel ch = oneEncryptor.newEncryptingChannel(Channels.newChannel(file))) {
      ch.write(ByteBuffer.wrap(plain));
    }
    byte[] bytes = file.toByteArray();
    int headerLength = (int) oneEncryptor.headerLength();
    header = Arrays.copyOf(bytes, headerLength);
    body = Arrays.copyOfRange(bytes, headerLength, bytes.length);
  }

  @Setup(Level.Iteration)
  public void open(Blackhole bh) throws IOException {
    if (direction.equals("encrypt")) {
      oneEncrypting = oneEncryptor.newEncryptingChannel(new CodecStreamBenchmark.DiscardingChannel(bh));
      manyEncrypting = manyEncryptor.newEncryptingChannel(new CodecStreamBenchmark.DiscardingChannel(bh));
    } else {
      oneDecrypting = oneDecryptor.newDecryptingChannel(new CodecStreamBenchmark.RepeatingChannel(header, body, Long.MAX_VALUE));
      manyDecrypting = manyDecryptor.newDecryptingChannel(new CodecStreamBenchmark.RepeatingChannel(header, body, Long.MAX_VALUE));
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    for (java.nio.channels.Channel c : new java.nio.channels.Channel[] {oneEncrypting, manyEncrypting, oneDecrypting, manyDecrypting}) {
      if (c != null) {
        c.close();
      }
    }
    oneEncrypting = manyEncrypting = null;
    oneDecrypting = manyDecrypting = null;
  }

  @Benchmark
  public void pair(PairedScaling scaling, Blackhole bh) throws IOException {
    long t0 = System.nanoTime();
    int sink = step(oneEncrypting, oneDecrypting);
    long oneNs = System.nanoTime() - t0;
    scaling.markParallelStart();
    sink += step(manyEncrypting, manyDecrypting);
    scaling.add((long) STEP_MIB * CHUNK, oneNs);
    bh.consume(sink);
  }

  private int step(WritableByteChannel enc, ReadableByteChannel dec) throws IOException {
    int sink = 0;
    for (int i = 0; i < STEP_MIB; i++) {
      if (enc != null) {
        plainBuffer.clear();
        enc.write(plainBuffer);
      } else {
        buffer.clear();
        while (buffer.hasRemaining()) {
          if (dec.read(buffer) < 0) {
            throw new IllegalStateException("the unbounded stream ended");
          }
        }
        sink += buffer.get(0);
      }
    }
    return sink;
  }
}
