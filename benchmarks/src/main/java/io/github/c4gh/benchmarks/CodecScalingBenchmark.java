package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
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
 * The parallel pipeline against the single-threaded one, in alternation inside each operation: a
 * whole stream of {@code sizeMiB} MiB through a new channel with no pool, then the same through a
 * new channel with {@code .parallelism(parallelism)} (its own pool, started and shut down with the
 * channel, as a user gets it), both built as in {@link CodecStreamBenchmark}. Ramp-up and drain of
 * the pipeline are inside the measurement, as they are for a user's file. {@code vsOneThread} is the
 * speed-up ({@link PairedScaling}), measured under the same load on both sides; {@code ownCores}
 * and {@code otherCores} tell whether a missing speed-up was the pipeline's or the machine's.
 *
 * <p>Each operation then measures the machine's own ceiling for this work: {@code ceilingMiB} MiB of
 * 64 KiB segments sealed (or opened) with the core's preferred cipher backend in a bare loop on one
 * thread, then the same bytes split over {@code parallelism} independent threads (each with its
 * own cipher and cache-resident buffers, no pipeline, no shared data). {@code ceiling} is that
 * speed-up: what the cores give for the cipher alone; {@code vsCeiling} = {@code vsOneThread} /
 * {@code ceiling}, the share of it the pipeline keeps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecScalingBenchmark {
  static final int CHUNK = 1 << 20;

  @Param({"encrypt", "decrypt"})
  public String direction;

  /** Segment threads of the parallel side ({@code .parallelism(n)}). */
  @Param({"2"})
  public int parallelism;

  /** MiB per stream. */
  @Param({"64"})
  public int sizeMiB;

  /** MiB through each side of the bare-cipher ceiling measurement. */
  @Param({"256"})
  public int ceilingMiB;

  private final byte[] plain = new byte[CHUNK];
  private final ByteBuffer plainBuffer = ByteBuffer.wrap(plain);
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
  private Crypt4ghEncryptor oneEncryptor;
  private Crypt4ghEncryptor manyEncryptor;
  private Crypt4ghDecryptor oneDecryptor;
  private Crypt4ghDecryptor manyDecryptor;
  private byte[] header;
  private byte[] body;
  private BareSegmentCipher[] bare; // [0] for the single thread, [1..parallelism] for the independent threads
  private ExecutorService bareThreads;

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
    bare = new BareSegmentCipher[parallelism + 1];
    for (int i = 0; i < bare.length; i++) {
      bare[i] = new BareSegmentCipher(ChaCha20Poly1305.preferredBackend(), random);
    }
    bareThreads = Executors.newFixedThreadPool(parallelism);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bareThreads.shutdownNow();
  }

  @Benchmark
  public void pair(PairedScaling scaling, Blackhole bh) throws IOException, AEADBadTagException {
    boolean enc = direction.equals("encrypt");
    long t0 = System.nanoTime();
    int sink = enc ? encrypt(oneEncryptor, bh) : decrypt(oneDecryptor);
    long oneNs = System.nanoTime() - t0;
    scaling.markParallelStart();
    sink += enc ? encrypt(manyEncryptor, bh) : decrypt(manyDecryptor);
    scaling.add((long) sizeMiB * CHUNK, oneNs);
    int segments = ceilingMiB * (CHUNK / BareSegmentCipher.SEGMENT);
    long t1 = System.nanoTime();
    sink += bare[0].run(enc, segments);
    long t2 = System.nanoTime();
    List<Future<Integer>> parts = new ArrayList<>(parallelism);
    for (int i = 1; i <= parallelism; i++) {
      BareSegmentCipher b = bare[i];
      int share = segments / parallelism + (i <= segments % parallelism ? 1 : 0);
      parts.add(bareThreads.submit(() -> b.run(enc, share)));
    }
    try {
      for (Future<Integer> f : parts) {
        sink += f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
    scaling.addCeiling(t2 - t1, System.nanoTime() - t2);
    bh.consume(sink);
  }

  private int encrypt(Crypt4ghEncryptor encryptor, Blackhole bh) throws IOException {
    try (WritableByteChannel ch = encryptor.newEncryptingChannel(new CodecStreamBenchmark.DiscardingChannel(bh))) {
      for (int i = 0; i < sizeMiB; i++) {
        plainBuffer.clear();
        ch.write(plainBuffer);
      }
    }
    return 0;
  }

  private int decrypt(Crypt4ghDecryptor decryptor) throws IOException {
    int sink = 0;
    long total = 0;
    try (ReadableByteChannel ch = decryptor.newDecryptingChannel(new CodecStreamBenchmark.RepeatingChannel(header, body, sizeMiB))) {
      while (true) {
        buffer.clear();
        int n = ch.read(buffer);
        if (n < 0) {
          break;
        }
        total += n;
        sink += buffer.get(0);
      }
    }
    if (total != (long) sizeMiB * CHUNK) {
      throw new IllegalStateException("decrypted " + total + " bytes, expected " + (long) sizeMiB * CHUNK);
    }
    return sink;
  }
}
