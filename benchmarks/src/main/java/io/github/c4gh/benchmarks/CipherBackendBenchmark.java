package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
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
  static final int SEGMENT = BareSegmentCipher.SEGMENT;

  @Param({"JCA", "BOUNCY_CASTLE", "JAVA", "JCA_CHACHA20_JAVA_POLY1305"})
  public String backend;

  private BareSegmentCipher cipher;

  @Setup
  public void setUp() {
    cipher = new BareSegmentCipher(ChaCha20Poly1305.Backend.valueOf(backend), new SecureRandom());
    System.out.println("# preferred backend on this JVM: " + ChaCha20Poly1305.preferredBackend() + " (" + ChaCha20Poly1305.selectionReason() + ")");
  }

  /** Seals 64 KiB under a fresh nonce. */
  @Benchmark
  public int seal(Throughput t, CpuCost c) {
    int r = cipher.seal();
    t.add(SEGMENT);
    c.add(SEGMENT);
    return r;
  }

  /** Verifies and opens 64 KiB (ciphertext and tag at offset 0). */
  @Benchmark
  public int open(Throughput t, CpuCost c) throws AEADBadTagException {
    int r = cipher.open();
    t.add(SEGMENT);
    c.add(SEGMENT);
    return r;
  }
}
