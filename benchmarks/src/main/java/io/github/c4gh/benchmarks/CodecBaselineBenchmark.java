package io.github.c4gh.benchmarks;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ceiling: raw JCA {@code ChaCha20-Poly1305} on one 64 KiB buffer per operation, one reused
 * {@link Cipher} re-initialised per message (as a Crypt4GH segment needs a fresh nonce), input and
 * output at offset 0 of cache-resident arrays. Nothing of the library is involved. One operation is
 * one segment, so {@code gc.alloc.rate.norm} is the provider's own allocation per segment.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBaselineBenchmark {
  static final int SEGMENT = 65_536;

  private final SecretKeySpec key;
  private final byte[] plain = new byte[SEGMENT];
  private final byte[] out = new byte[SEGMENT + 16];
  private final byte[] nonce = new byte[12];
  private final byte[][] nonces = new byte[2][12];
  private final byte[][] sealed = new byte[2][];
  private Cipher enc;
  private Cipher dec;
  private long counter;
  private int which;

  public CodecBaselineBenchmark() {
    SecureRandom random = new SecureRandom();
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    key = new SecretKeySpec(raw, "ChaCha20");
    random.nextBytes(plain);
  }

  @Setup
  public void setUp() throws GeneralSecurityException {
    enc = Cipher.getInstance("ChaCha20-Poly1305");
    dec = Cipher.getInstance("ChaCha20-Poly1305");
    // SunJCE refuses to init twice in a row with the same key and nonce, so decrypt alternates
    // between two messages
    for (int i = 0; i < 2; i++) {
      nonces[i][0] = (byte) (i + 1);
      Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonces[i]));
      sealed[i] = c.doFinal(plain);
    }
  }

  /** Seals 64 KiB: init with a new nonce, then one {@code doFinal} into a reused array. */
  @Benchmark
  public int encrypt(Throughput t, CpuCost c) throws GeneralSecurityException {
    long n = ++counter;
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (n >>> (8 * i));
    }
    enc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
    int len = enc.doFinal(plain, 0, SEGMENT, out, 0);
    t.add(SEGMENT);
    c.add(SEGMENT);
    return len + out[len - 1];
  }

  /** Opens 64 KiB (ciphertext and tag at offset 0: SunJCE's copy-free path). */
  @Benchmark
  public int decrypt(Throughput t, CpuCost c) throws GeneralSecurityException {
    int w = which ^= 1;
    dec.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonces[w]));
    int len = dec.doFinal(sealed[w], 0, sealed[w].length, out, 0);
    t.add(SEGMENT);
    c.add(SEGMENT);
    return len + out[len - 1];
  }
}
