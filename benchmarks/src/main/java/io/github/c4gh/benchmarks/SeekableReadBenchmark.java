package io.github.c4gh.benchmarks;

import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.EncryptingUpload;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Random reads of {@code readBytes} (1 KiB) through {@link AllasCrypt4gh#newSeekableDecryptingChannel}
 * over an encrypted object of {@code objectMiB} MiB, uploaded once per trial through the bridge to
 * the server of {@link S3Target} (S3Proxy on loopback, or Ceph RGW).
 *
 * <ul>
 *   <li>{@code randomRead}: one channel open for the whole trial; each operation positions it at a
 *       uniformly random offset and reads {@code readBytes} bytes.
 *   <li>{@code openAndRandomRead}: each operation opens a new channel (one ranged GET for the
 *       header and first segment), reads {@code readBytes} at a random offset and closes it.
 * </ul>
 *
 * <p>The primary score is reads per second; the secondary results ({@link PerRead}) are per read:
 * {@code requestsPerRead} (HTTP requests, as the SDK sends them), {@code bytesPerRead} (response
 * body bytes, from {@code Content-Length}) and {@code usPerRead} (mean latency in microseconds).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class SeekableReadBenchmark {
  static final int CHUNK = 1 << 20;

  /** Plaintext MiB of the object. */
  @Param({"256"})
  public int objectMiB;

  /** Bytes per read. */
  @Param({"1024"})
  public int readBytes;

  private S3Target target;
  private AllasCrypt4gh bridge;
  private Crypt4ghDecryptor decryptor;
  private SeekableByteChannel channel;
  private ByteBuffer buffer;
  private final SplittableRandom positions = new SplittableRandom(42);
  private long span;
  private static final String KEY = "seekable.c4gh";

  /**
   * Per-read figures as JMH auxiliary counters. JMH divides OPERATIONS counters by the iteration's
   * wall time, so each field holds its per-read value times the elapsed wall seconds (the trick
   * {@link PairedRatio} uses); the reported numbers read directly as per-read values.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class PerRead {
    public double requestsPerRead;
    public double bytesPerRead;
    public double usPerRead;

    private long wallStart;
    private long reads;
    private long requests;
    private long bytes;
    private long nanos;

    @Setup(Level.Iteration)
    public void start() {
      requestsPerRead = 0;
      bytesPerRead = 0;
      usPerRead = 0;
      reads = 0;
      requests = 0;
      bytes = 0;
      nanos = 0;
      wallStart = System.nanoTime();
    }

    void add(long requestCount, long byteCount, long ns) {
      reads++;
      requests += requestCount;
      bytes += byteCount;
      nanos += ns;
      double wall = (System.nanoTime() - wallStart) / 1e9;
      requestsPerRead = (double) requests / reads * wall;
      bytesPerRead = (double) bytes / reads * wall;
      usPerRead = nanos / 1e3 / reads * wall;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] chunk = new byte[CHUNK];
    random.nextBytes(chunk);
    target = S3Target.start(8);
    bridge = AllasCrypt4gh.create(target.s3);
    Crypt4ghPrivateKey reader = Crypt4ghPrivateKey.generate(random);
    Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder().recipient(reader.publicKey()).random(random).build();
    decryptor = Crypt4ghDecryptor.builder().privateKey(reader).build();
    long size = (long) objectMiB * CHUNK;
    try (EncryptingUpload upload = bridge.newUpload(target.bucket, KEY, encryptor, UploadOptions.builder().expectedLength(size).build())) {
      for (int i = 0; i < objectMiB; i++) {
        upload.write(chunk);
      }
    }
    span = size - readBytes + 1;
    buffer = ByteBuffer.allocate(readBytes);
    channel = bridge.newSeekableDecryptingChannel(target.bucket, KEY, decryptor);
    if (channel.size() != size) {
      throw new IllegalStateException("the channel reports " + channel.size() + " bytes, not " + size);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    try {
      channel.close();
    } finally {
      target.close();
    }
  }

  @Benchmark
  public int randomRead(PerRead perRead) throws IOException {
    long r0 = target.requests.get();
    long b0 = target.receivedBytes.get();
    long t0 = System.nanoTime();
    int got = readAt(channel, positions.nextLong(span));
    long t1 = System.nanoTime();
    perRead.add(target.requests.get() - r0, target.receivedBytes.get() - b0, t1 - t0);
    return got;
  }

  @Benchmark
  public int openAndRandomRead(PerRead perRead) throws IOException {
    long r0 = target.requests.get();
    long b0 = target.receivedBytes.get();
    long t0 = System.nanoTime();
    int got;
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(target.bucket, KEY, decryptor)) {
      got = readAt(ch, positions.nextLong(span));
    }
    long t1 = System.nanoTime();
    perRead.add(target.requests.get() - r0, target.receivedBytes.get() - b0, t1 - t0);
    return got;
  }

  private int readAt(SeekableByteChannel ch, long position) throws IOException {
    ch.position(position);
    buffer.clear();
    while (buffer.hasRemaining()) {
      if (ch.read(buffer) < 0) {
        throw new IOException("end of object at " + ch.position() + " reading from " + position);
      }
    }
    return buffer.get(0);
  }
}
