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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The pipeline against the raw JCA baseline in alternation, at the same number of threads: each
 * operation first seals (or opens) 4 MiB as 64 KiB messages with bare reused {@link Cipher}s,
 * exactly as {@link CodecBaselineBenchmark} does, split over {@code threads} threads; then it
 * pushes 4 MiB through a Crypt4GH channel that stays open for the whole iteration (a stream of
 * unbounded length, built as {@link CodecStreamBenchmark} does) with {@code threads} segment
 * threads. The result {@code vsBaseline} is the ratio of the two times (see {@link PairedRatio}):
 * how close the pipeline comes to what the JVM's cipher itself does on that many threads at that
 * moment, whatever else the machine is running. {@code rawMib} shows the moment's raw capacity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecPairedBenchmark {
  static final int SEGMENT = 65_536;
  static final int CHUNK = 1 << 20;
  static final int STEP_MIB = 4;

  @Param({"encrypt", "decrypt"})
  public String direction;

  /** Segment threads of the pipeline (the baseline always runs on one). */
  @Param({"1", "2"})
  public int threads;

  // raw JCA side: one worker per thread, each with its own Cipher and buffers
  private final SecretKeySpec key;
  private RawWorker[] raw;
  private ExecutorService rawPool;
  private final List<Future<Integer>> rawFutures = new ArrayList<>();

  // pipeline side
  private Crypt4ghEncryptor encryptor;
  private Crypt4ghDecryptor decryptor;
  private final byte[] plain = new byte[CHUNK];
  private final ByteBuffer plainBuffer = ByteBuffer.wrap(plain);
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
  private byte[] header;
  private byte[] body;
  private WritableByteChannel encrypting;
  private ReadableByteChannel decrypting;

  public CodecPairedBenchmark() {
    SecureRandom random = new SecureRandom();
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    key = new SecretKeySpec(raw, "ChaCha20");
    random.nextBytes(plain);
  }

  /** Seals or opens its share of a step's 64 KiB messages, like {@link CodecBaselineBenchmark}. */
  private static final class RawWorker implements Callable<Integer> {
    private final SecretKeySpec key;
    private final boolean encrypt;
    private final int messages;
    private final byte[] segment = new byte[SEGMENT];
    private final byte[] out = new byte[SEGMENT + 16];
    private final byte[] nonce = new byte[12];
    private final byte[][] nonces = new byte[2][12];
    private final byte[][] sealed = new byte[2][];
    private final Cipher cipher;
    private long counter;

    RawWorker(SecretKeySpec key, boolean encrypt, int messages, int id) throws GeneralSecurityException {
      this.key = key;
      this.encrypt = encrypt;
      this.messages = messages;
      new SecureRandom().nextBytes(segment);
      nonce[11] = (byte) id;
      cipher = Cipher.getInstance("ChaCha20-Poly1305");
      for (int i = 0; i < 2; i++) {
        nonces[i][0] = (byte) (i + 1);
        nonces[i][11] = (byte) id;
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonces[i]));
        sealed[i] = c.doFinal(segment);
      }
    }

    @Override
    public Integer call() throws GeneralSecurityException {
      int sink = 0;
      for (int i = 0; i < messages; i++) {
        if (encrypt) {
          long n = ++counter;
          for (int k = 0; k < 8; k++) {
            nonce[k] = (byte) (n >>> (8 * k));
          }
          cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
          int len = cipher.doFinal(segment, 0, SEGMENT, out, 0);
          sink += out[len - 1];
        } else {
          int w = i & 1;
          cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonces[w]));
          int len = cipher.doFinal(sealed[w], 0, sealed[w].length, out, 0);
          sink += out[len - 1];
        }
      }
      return sink;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException, IOException {
    int messages = STEP_MIB * (CHUNK / SEGMENT);
    if (messages % threads != 0) {
      throw new IllegalArgumentException("threads must divide " + messages);
    }
    raw = new RawWorker[threads];
    for (int t = 0; t < threads; t++) {
      raw[t] = new RawWorker(key, direction.equals("encrypt"), messages / threads, t);
    }
    if (threads > 1) {
      rawPool = Executors.newFixedThreadPool(threads, r -> {
        Thread th = new Thread(r, "raw-jca");
        th.setDaemon(true);
        return th;
      });
    }
    SecureRandom random = new SecureRandom();
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
  }

  @Setup(Level.Iteration)
  public void open(Blackhole bh) throws IOException {
    if (direction.equals("encrypt")) {
      encrypting = encryptor.newEncryptingChannel(new CodecStreamBenchmark.DiscardingChannel(bh));
    } else {
      decrypting = decryptor.newDecryptingChannel(new CodecStreamBenchmark.RepeatingChannel(header, body, Long.MAX_VALUE));
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    if (encrypting != null) {
      encrypting.close();
      encrypting = null;
    }
    if (decrypting != null) {
      decrypting.close();
      decrypting = null;
    }
  }

  @Benchmark
  public void pair(PairedRatio ratio, Blackhole bh) throws GeneralSecurityException, IOException {
    boolean enc = encrypting != null;
    long t0 = System.nanoTime();
    int sink = 0;
    if (rawPool == null) {
      sink += raw[0].call();
    } else {
      for (RawWorker w : raw) {
        rawFutures.add(rawPool.submit(w));
      }
      try {
        for (Future<Integer> f : rawFutures) {
          sink += f.get();
        }
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException(e);
      } finally {
        rawFutures.clear();
      }
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < STEP_MIB; i++) {
      if (enc) {
        plainBuffer.clear();
        encrypting.write(plainBuffer);
      } else {
        buffer.clear();
        while (buffer.hasRemaining()) {
          if (decrypting.read(buffer) < 0) {
            throw new IllegalStateException("the unbounded stream ended");
          }
        }
        sink += buffer.get(0);
      }
    }
    long t2 = System.nanoTime();
    bh.consume(sink);
    ratio.add((long) STEP_MIB * CHUNK, t1 - t0, t2 - t1);
  }

  @TearDown(Level.Trial)
  public void shutDown() {
    if (rawPool != null) {
      rawPool.shutdownNow();
    }
  }
}
