package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every {@link ChaCha20Poly1305.Backend} on one 64 KiB message (a whole Crypt4GH segment) per
 * operation, sealing and opening, one reused instance per backend, input and output at offset 0 of
 * cache-resident arrays: {@code JCA} (SunJCE's AEAD), {@code BOUNCY_CASTLE}, {@code JAVA} (the
 * lane-sliced ChaCha20 that C2 vectorizes, with the Java Poly1305) and {@code
 * JCA_CHACHA20_JAVA_POLY1305} (SunJCE's ChaCha20 keystream, intrinsified from JDK 20 on, with the
 * Java Poly1305). Read {@code mib} (MiB/s) and {@code cpuMib} (MiB per CPU-second, steadier on a
 * shared machine); the {@code backend} parameter's preferred value on this JVM is printed at setup.
 *
 * <p>Measured (AMD EPYC, AVX2, shared 2-core machine, load average 1.1-1.7), MiB/s seal / open:
 * JDK 17: JCA 183 / 188, BOUNCY_CASTLE 118 / 68, JAVA 571 / 555, JCA_CHACHA20_JAVA_POLY1305 239 / 243;
 * JDK 25: JCA 338 / 360, BOUNCY_CASTLE 107 / 84, JAVA 525 / 553, JCA_CHACHA20_JAVA_POLY1305 521 / 578;
 * JDK 17 with {@code -XX:-UseSuperWord}: JCA 165 / 178, JAVA 214 / 215, JCA_CHACHA20_JAVA_POLY1305
 * 233 / 250.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CipherBackend -f 1 -wi 3 -i 3 -w 2s -r 2s
 * java -jar benchmarks/target/benchmarks.jar CipherBackend -f 1 -wi 3 -i 3 -w 2s -r 2s -jvmArgsAppend -XX:-UseSuperWord
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CipherBackendBenchmark {
  static final int SEGMENT = 65_536;

  @Param({"JCA", "BOUNCY_CASTLE", "JAVA", "JCA_CHACHA20_JAVA_POLY1305"})
  public String backend;

  private final SymmetricKey key;
  private final byte[] plain = new byte[SEGMENT];
  private final byte[] out = new byte[SEGMENT + ChaCha20Poly1305.TAG_SIZE];
  private final byte[] back = new byte[SEGMENT];
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_SIZE];
  private final byte[][] nonces = new byte[2][ChaCha20Poly1305.NONCE_SIZE];
  private final byte[][] sealed = new byte[2][SEGMENT + ChaCha20Poly1305.TAG_SIZE];
  private ChaCha20Poly1305 aead;
  private long counter;
  private int which;

  public CipherBackendBenchmark() {
    SecureRandom random = new SecureRandom();
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    key = new SymmetricKey(raw);
    random.nextBytes(plain);
  }

  @Setup
  public void setUp() {
    aead = ChaCha20Poly1305.create(ChaCha20Poly1305.Backend.valueOf(backend));
    // SunJCE refuses to init twice in a row with the same key and nonce, so opening alternates
    // between two messages (which also keeps the open path free of that guard's workaround)
    for (int i = 0; i < 2; i++) {
      nonces[i][0] = (byte) (i + 1);
      nonces[i][11] = (byte) 0xee;
      ChaCha20Poly1305.create(ChaCha20Poly1305.Backend.JCA).seal(key, nonces[i], 0, plain, 0, SEGMENT, sealed[i], 0);
    }
    System.out.println("# preferred backend on this JVM: " + ChaCha20Poly1305.preferredBackend() + " (" + ChaCha20Poly1305.selectionReason() + ")");
  }

  /** Seals 64 KiB under a fresh nonce. */
  @Benchmark
  public int seal(Throughput t, CpuCost c) {
    long n = ++counter;
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (n >>> (8 * i));
    }
    int len = aead.seal(key, nonce, 0, plain, 0, SEGMENT, out, 0);
    t.add(SEGMENT);
    c.add(SEGMENT);
    return len + out[len - 1];
  }

  /** Verifies and opens 64 KiB (ciphertext and tag at offset 0). */
  @Benchmark
  public int open(Throughput t, CpuCost c) throws AEADBadTagException {
    int w = which ^= 1;
    int len = aead.open(key, nonces[w], 0, sealed[w], 0, sealed[w].length, back, 0);
    t.add(SEGMENT);
    c.add(SEGMENT);
    return len + back[len - 1];
  }
}
