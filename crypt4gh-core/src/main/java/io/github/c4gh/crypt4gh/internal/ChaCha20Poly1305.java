package io.github.c4gh.crypt4gh.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AEADParameters;

/**
 * IETF ChaCha20-Poly1305 (RFC 8439, 12-byte nonce, 16-byte tag, no AAD in Crypt4GH) over
 * caller-provided arrays. One instance per thread: it reuses its cipher objects and is not
 * thread-safe. Decryption writes plaintext only after the tag verified (JCA buffers; the Java
 * backends verify before decrypting; for Bouncy Castle the caller must not release the output when
 * this throws).
 *
 * <p>Sample, sealing and opening one message with this thread's instance of the preferred backend:
 *
 * <pre>{@code
 * ChaCha20Poly1305 aead = ChaCha20Poly1305.forCurrentThread();
 * byte[] sealed = new byte[plain.length + ChaCha20Poly1305.TAG_SIZE];
 * aead.seal(key, nonce, 0, plain, 0, plain.length, sealed, 0);
 * byte[] back = new byte[plain.length];
 * aead.open(key, nonce, 0, sealed, 0, sealed.length, back, 0); // AEADBadTagException if tampered
 * }</pre>
 *
 * <h2>Backends and how one is chosen</h2>
 *
 * {@link Backend#JCA} is SunJCE's {@code ChaCha20-Poly1305}; {@link Backend#BOUNCY_CASTLE} Bouncy
 * Castle's lightweight engine; {@link Backend#JAVA} this package's pure-Java pair ({@link
 * ChaCha20Lanes}, a lane-sliced ChaCha20 that C2 auto-vectorizes, and {@link Poly1305}, a
 * donna-style Poly1305); {@link Backend#JCA_CHACHA20_JAVA_POLY1305} SunJCE's {@code ChaCha20}
 * keystream (intrinsified from JDK 20 on) with the Java Poly1305. Which one {@link
 * #forCurrentThread()} uses is decided once, at class initialisation, and reported by {@link
 * #preferredBackend()} and {@link #selectionReason()}:
 *
 * <ol>
 *   <li>The system property {@value #BACKEND_PROPERTY}, when set to a backend name ({@code JCA},
 *       {@code BOUNCY_CASTLE}, {@code JAVA}, {@code JCA_CHACHA20_JAVA_POLY1305}; case-insensitive),
 *       selects that backend, if it is available and passes the self-test. Any other value is
 *       ignored. The property is only read, never written.
 *   <li>Otherwise the JVM's flags decide, read reflectively through {@code
 *       HotSpotDiagnosticMXBean} when the {@code jdk.management} module is present:
 *       <ul>
 *         <li>{@code UsePoly1305Intrinsics} on: {@code JCA} (SunJCE is then far faster than anything
 *             in Java: about 2.5 GB/s on AVX-512 CPUs).
 *         <li>else {@code UseChaCha20Intrinsics} on: {@code JCA_CHACHA20_JAVA_POLY1305}.
 *         <li>else, with C2's {@code UseSuperWord} on, vectors of at least 8 bytes, AVX on x86 and C2
 *             in use: {@code JAVA}.
 *         <li>else {@code JCA_CHACHA20_JAVA_POLY1305}.
 *       </ul>
 *       The two intrinsic flags are diagnostic: unless the JVM runs with {@code
 *       -XX:+UnlockDiagnosticVMOptions} they cannot be read and are inferred from the defaults
 *       HotSpot sets: ChaCha20 from JDK 20 with {@code UseAVX >= 1} on x86-64 and always on
 *       AArch64; Poly1305 from JDK 21 on x86-64 with {@code UseAVX >= 3} and {@code MaxVectorSize
 *       >= 64} (AVX-512; whether the CPU also has IFMA cannot be seen, so it is assumed) and on
 *       AArch64, and taken as possibly on (so {@code JCA}) on other architectures. (HotSpot 23 and
 *       later may also enable it on AVX2 CPUs with AVX-IFMA, which is not visible either; unlock the
 *       flags or set the property there.) When no flag can be read at all: {@code JAVA} below JDK 20 (no intrinsics exist
 *       there and SuperWord is on by default), {@code JCA} from JDK 20 on (SunJCE may be
 *       intrinsified; at worst about 2x slower than the best choice, never the 3x-plus loss of
 *       skipping a Poly1305 intrinsic).
 *   <li>Every candidate must first pass a known-answer self-test (RFC 8439 section 2.8.2 sealed and
 *       opened, a tampered copy refused with the output untouched, and appendix A.5 opened); one
 *       that fails is skipped for the next in the order above, then {@code JCA}, then {@code
 *       BOUNCY_CASTLE}.
 * </ol>
 *
 * <h2>Performance notes</h2>
 *
 * Measured with the {@code benchmarks} module's {@code CipherBackendBenchmark} (one 64 KiB message
 * per operation, one thread) on an AMD EPYC with AVX2 and no AVX-512, where {@code
 * UsePoly1305Intrinsics} is off on every JDK; MiB/s, seal / open, on a shared 2-core machine at a
 * load average of 1.1-1.7 (so indicative; ratios within a run are the steadier figure):
 *
 * <table>
 *   <caption>ChaCha20-Poly1305 backends, 64 KiB messages</caption>
 *   <tr><th>backend</th><th>JDK 17</th><th>JDK 25</th><th>JDK 17, {@code -XX:-UseSuperWord}</th></tr>
 *   <tr><td>{@code JCA}</td><td>183 / 188</td><td>338 / 360</td><td>165 / 178</td></tr>
 *   <tr><td>{@code BOUNCY_CASTLE}</td><td>118 / 68</td><td>107 / 84</td><td></td></tr>
 *   <tr><td>{@code JAVA}</td><td>571 / 555</td><td>525 / 553</td><td>214 / 215</td></tr>
 *   <tr><td>{@code JCA_CHACHA20_JAVA_POLY1305}</td><td>239 / 243</td><td>521 / 578</td><td>233 / 250</td></tr>
 * </table>
 *
 * <p>So on JDK 17 the lane-sliced Java backend is about 3x SunJCE (2.4-3x over several runs;
 * without SuperWord it falls to 0.85-1.3x, below the JCA-keystream one at 1.2-1.6x), and on JDK 25
 * (ChaCha20 intrinsic, generic-Java Poly1305 in SunJCE) both Java-Poly1305 compositions are about
 * 1.3-1.9x SunJCE (1.55x in this run) and tie with each other; the intrinsic one is preferred there as it does not depend on the
 * vectorizer (and uses AVX-512 where the CPU has it).
 *
 * <p>Parts: the Java {@link Poly1305} runs about 1.0-1.1 GB/s on both JDKs; {@link ChaCha20Lanes}
 * about 1.0-1.5 GB/s with 32-byte vectors (0.7 with 16-byte, 0.5 with 8-byte, 0.35 with SuperWord off
 * or {@code -XX:UseAVX=0}); SunJCE's ChaCha20 alone about 0.4 GB/s on JDK 17 and 1.5 GB/s on JDK 25
 * (AVX2 intrinsic). On a CPU with AVX-512 IFMA, SunJCE's intrinsified AEAD is
 * reported at about 2.5 GB/s, which is why {@code JCA} comes first whenever the Poly1305 intrinsic is
 * (or may be) on.
 *
 * <p>For the JCA backend: SunJCE creates its engine and Poly1305 objects on every {@code init},
 * about 1.2 KiB (encrypt) and 2.3 KiB (decrypt) per message on JDK 17 and 25, which no caller can
 * avoid; and on JDK 17 its decryption copies the whole input into a growing buffer (about 128 KiB
 * per 64 KiB segment) unless the ciphertext starts at offset 0 of its array, so hot paths pass
 * {@code inOff == 0}. The Java backend allocates nothing per message; the JCA-keystream backend
 * only what SunJCE's {@code ChaCha20} {@code init} does.
 */
public abstract class ChaCha20Poly1305 {
  /** Which implementation to use. */
  public enum Backend {
    /** {@code Cipher.getInstance("ChaCha20-Poly1305")} from the installed JCA providers. */
    JCA,
    /** Bouncy Castle's lightweight {@code ChaCha20Poly1305}, without registering a provider. */
    BOUNCY_CASTLE,
    /**
     * Pure Java: the lane-sliced {@link ChaCha20Lanes} keystream (auto-vectorized by C2) and the
     * {@link Poly1305} authenticator, composed per RFC 8439 section 2.8.
     */
    JAVA,
    /**
     * {@code Cipher.getInstance("ChaCha20")} for the keystream (a HotSpot intrinsic from JDK 20 on)
     * and the Java {@link Poly1305}, composed per RFC 8439 section 2.8. Like {@link #JCA}, an instance
     * refuses ({@code IllegalStateException}) to seal under the key and nonce of its previous message:
     * SunJCE's guard against nonce reuse.
     */
    JCA_CHACHA20_JAVA_POLY1305
  }

  public static final int TAG_SIZE = 16;
  public static final int NONCE_SIZE = 12;

  /** The system property that overrides the automatic backend choice (read once, at class initialisation). */
  public static final String BACKEND_PROPERTY = "io.github.c4gh.crypt4gh.cipherBackend";

  private static final Selection SELECTION = Selection.choose();
  private static final Backend PREFERRED = SELECTION.backend;
  private static final ThreadLocal<ChaCha20Poly1305> PER_THREAD = ThreadLocal.withInitial(() -> create(PREFERRED));

  /** The backend this JVM uses by default. */
  public static Backend preferredBackend() {
    return PREFERRED;
  }

  /** Why {@link #preferredBackend()} was chosen, in one line of text (the flags seen, the rule that applied). */
  public static String selectionReason() {
    return SELECTION.reason;
  }

  /** This thread's instance of the preferred backend. */
  public static ChaCha20Poly1305 forCurrentThread() {
    return PER_THREAD.get();
  }

  /**
   * A new instance of a given backend (for tests and benchmarks).
   *
   * @throws IllegalStateException if the JCA has no provider the backend needs
   */
  public static ChaCha20Poly1305 create(Backend backend) {
    switch (backend) {
      case JCA:
        try {
          return new Jca(Cipher.getInstance("ChaCha20-Poly1305"));
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
          throw new IllegalStateException("no JCA provider offers ChaCha20-Poly1305", e);
        }
      case BOUNCY_CASTLE:
        return new BouncyCastle();
      case JAVA:
        return new Composed(Backend.JAVA, new ChaCha20Lanes());
      case JCA_CHACHA20_JAVA_POLY1305:
        try {
          return new Composed(Backend.JCA_CHACHA20_JAVA_POLY1305, JcaChaCha20.create());
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("no JCA provider offers ChaCha20", e);
        }
      default:
        throw new IllegalArgumentException(String.valueOf(backend));
    }
  }

  /** The backend of this instance. */
  public abstract Backend backend();

  /**
   * Encrypts {@code len} bytes of {@code in} into {@code out} at {@code outOff}: ciphertext then tag.
   *
   * @return bytes written, {@code len + 16}
   */
  public final int seal(SymmetricKey key, byte[] nonce, int nonceOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    return seal(key, nonce, nonceOff, null, in, inOff, len, out, outOff);
  }

  /** As {@link #seal(SymmetricKey, byte[], int, byte[], int, int, byte[], int)} with additional data (Crypt4GH v1 uses none). */
  public abstract int seal(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff);

  /**
   * Decrypts and verifies {@code len} bytes (ciphertext then tag) of {@code in} into {@code out}.
   *
   * @return plaintext bytes written, {@code len - 16}
   * @throws AEADBadTagException if the tag does not verify (or {@code len < 16})
   */
  public final int open(SymmetricKey key, byte[] nonce, int nonceOff, byte[] in, int inOff, int len, byte[] out, int outOff)
      throws AEADBadTagException {
    return open(key, nonce, nonceOff, null, in, inOff, len, out, outOff);
  }

  /** As {@link #open(SymmetricKey, byte[], int, byte[], int, int, byte[], int)} with additional data (Crypt4GH v1 uses none). */
  public abstract int open(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
      throws AEADBadTagException;

  /**
   * RFC 8439 section 2.8 from a ChaCha20 keystream and the Java {@link Poly1305}: the Poly1305 key
   * is the first 32 bytes of block 0, the data is XORed with blocks 1 on, and the tag is Poly1305
   * over {@code aad || pad16 || ciphertext || pad16 || le64(aad length) || le64(ciphertext length)}.
   * {@code open} computes and compares the tag (in constant time) before it writes any plaintext;
   * on a mismatch {@code out} is untouched. Nothing is allocated per message by this class; the
   * one-time key and every scratch buffer are wiped after each message.
   */
  static final class Composed extends ChaCha20Poly1305 {
    private final Backend backend;
    private final ChaCha20KeyStream stream;
    private final Poly1305 mac = new Poly1305();
    private final byte[] block0 = new byte[ChaCha20KeyStream.BLOCK_SIZE];
    private final byte[] tag = new byte[TAG_SIZE];
    private final byte[] lengths = new byte[16];

    Composed(Backend backend, ChaCha20KeyStream stream) {
      this.backend = backend;
      this.stream = stream;
    }

    @Override
    public Backend backend() {
      return backend;
    }

    @Override
    public int seal(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
      Objects.requireNonNull(key, "key");
      Objects.checkFromIndexSize(nonceOff, NONCE_SIZE, nonce.length);
      Objects.checkFromIndexSize(inOff, len, in.length);
      Objects.checkFromIndexSize(outOff, len + TAG_SIZE, out.length);
      byte[] copy = null;
      if (ChaCha20KeyStream.overlapsAhead(in, inOff, len, out, outOff)) {
        // the output would overrun input not yet read: work from a copy (a rare layout)
        copy = Arrays.copyOfRange(in, inOff, inOff + len);
        in = copy;
        inOff = 0;
      }
      stream.start(key, nonce, nonceOff, 0, false);
      try {
        oneTimeKey();
        if (aad != null) {
          mac.update(aad, 0, aad.length);
          mac.padToBlock();
        }
        int chunk = stream.preferredChunk();
        for (int pos = 0; pos < len; pos += chunk) {
          int n = Math.min(chunk, len - pos);
          stream.xor(in, inOff + pos, n, out, outOff + pos);
          mac.update(out, outOff + pos, n);
        }
        mac.padToBlock();
        lengths(aad == null ? 0 : aad.length, len);
        mac.finish(out, outOff + len);
        return len + TAG_SIZE;
      } finally {
        stream.finish();
        mac.wipe();
        if (copy != null) {
          Arrays.fill(copy, (byte) 0);
        }
      }
    }

    @Override
    public int open(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
        throws AEADBadTagException {
      Objects.requireNonNull(key, "key");
      Objects.checkFromIndexSize(nonceOff, NONCE_SIZE, nonce.length);
      Objects.checkFromIndexSize(inOff, len, in.length);
      if (len < TAG_SIZE) {
        throw new AEADBadTagException("input shorter than the tag");
      }
      int ctLen = len - TAG_SIZE;
      Objects.checkFromIndexSize(outOff, ctLen, out.length);
      stream.start(key, nonce, nonceOff, 0, true);
      try {
        oneTimeKey();
        if (aad != null) {
          mac.update(aad, 0, aad.length);
          mac.padToBlock();
        }
        mac.update(in, inOff, ctLen);
        mac.padToBlock();
        lengths(aad == null ? 0 : aad.length, ctLen);
        mac.finish(tag, 0);
        int diff = 0;
        for (int i = 0; i < TAG_SIZE; i++) {
          diff |= tag[i] ^ in[inOff + ctLen + i];
        }
        if (diff != 0) {
          throw new AEADBadTagException("Poly1305 tag mismatch");
        }
        // authenticated: only now decrypt (the stream copies first if out runs ahead of in)
        stream.xor(in, inOff, ctLen, out, outOff);
        return ctLen;
      } finally {
        stream.finish();
        mac.wipe();
        Arrays.fill(tag, (byte) 0);
      }
    }

    /** Block 0 of the keystream; its first 32 bytes key Poly1305 (RFC 8439 2.6). */
    private void oneTimeKey() {
      Arrays.fill(block0, (byte) 0);
      try {
        stream.xor(block0, 0, block0.length, block0, 0);
        mac.init(block0, 0);
      } finally {
        Arrays.fill(block0, (byte) 0);
      }
    }

    private void lengths(long aadLen, long ctLen) {
      for (int i = 0; i < 8; i++) {
        lengths[i] = (byte) (aadLen >>> (8 * i));
        lengths[8 + i] = (byte) (ctLen >>> (8 * i));
      }
      mac.update(lengths, 0, lengths.length);
    }
  }

  private static final class Jca extends ChaCha20Poly1305 {
    private final Cipher cipher;

    Jca(Cipher cipher) {
      this.cipher = cipher;
    }

    @Override
    public Backend backend() {
      return Backend.JCA;
    }

    @Override
    public int seal(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key.jca(), new IvParameterSpec(nonce, nonceOff, NONCE_SIZE));
        if (aad != null) {
          cipher.updateAAD(aad);
        }
        return cipher.doFinal(in, inOff, len, out, outOff);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
      }
    }

    @Override
    public int open(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
        throws AEADBadTagException {
      if (len < TAG_SIZE) {
        throw new AEADBadTagException("input shorter than the tag");
      }
      try {
        initDecrypt(key, nonce, nonceOff);
        if (aad != null) {
          cipher.updateAAD(aad);
        }
        return cipher.doFinal(in, inOff, len, out, outOff);
      } catch (AEADBadTagException e) {
        throw e;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
      }
    }

    /**
     * SunJCE refuses to initialise twice in a row with the same key and nonce, even to decrypt (a
     * guard against nonce reuse when encrypting). Re-reading a segment is legitimate, so for
     * decryption step over the guard with a throw-away nonce.
     */
    private void initDecrypt(SymmetricKey key, byte[] nonce, int nonceOff) throws GeneralSecurityException {
      IvParameterSpec iv = new IvParameterSpec(nonce, nonceOff, NONCE_SIZE);
      try {
        cipher.init(Cipher.DECRYPT_MODE, key.jca(), iv);
      } catch (java.security.InvalidKeyException e) {
        byte[] other = java.util.Arrays.copyOfRange(nonce, nonceOff, nonceOff + NONCE_SIZE);
        other[0] ^= 1;
        cipher.init(Cipher.DECRYPT_MODE, key.jca(), new IvParameterSpec(other));
        cipher.init(Cipher.DECRYPT_MODE, key.jca(), iv);
      }
    }
  }

  private static final class BouncyCastle extends ChaCha20Poly1305 {
    private final org.bouncycastle.crypto.modes.ChaCha20Poly1305 engine = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
    private final byte[] nonceCopy = new byte[NONCE_SIZE];

    @Override
    public Backend backend() {
      return Backend.BOUNCY_CASTLE;
    }

    @Override
    public int seal(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
      System.arraycopy(nonce, nonceOff, nonceCopy, 0, NONCE_SIZE);
      engine.init(true, new AEADParameters(key.bc(), TAG_SIZE * 8, nonceCopy));
      if (aad != null) {
        engine.processAADBytes(aad, 0, aad.length);
      }
      int n = engine.processBytes(in, inOff, len, out, outOff);
      try {
        return n + engine.doFinal(out, outOff + n);
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
      }
    }

    @Override
    public int open(SymmetricKey key, byte[] nonce, int nonceOff, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
        throws AEADBadTagException {
      if (len < TAG_SIZE) {
        throw new AEADBadTagException("input shorter than the tag");
      }
      System.arraycopy(nonce, nonceOff, nonceCopy, 0, NONCE_SIZE);
      engine.init(false, new AEADParameters(key.bc(), TAG_SIZE * 8, nonceCopy));
      if (aad != null) {
        engine.processAADBytes(aad, 0, aad.length);
      }
      int n = engine.processBytes(in, inOff, len, out, outOff);
      try {
        return n + engine.doFinal(out, outOff + n);
      } catch (InvalidCipherTextException e) {
        AEADBadTagException bad = new AEADBadTagException("Poly1305 tag mismatch");
        bad.initCause(e);
        throw bad;
      }
    }
  }

  /** The preferred backend and why: see the class comment for the rules. */
  static final class Selection {
    final Backend backend;
    final String reason;

    private Selection(Backend backend, String reason) {
      this.backend = backend;
      this.reason = reason;
    }

    static Selection choose() {
      String override = readProperty();
      String note = "";
      if (override != null) {
        Backend wanted = parse(override);
        if (wanted == null) {
          note = "; ignored " + BACKEND_PROPERTY + "=" + sanitise(override) + " (not a backend name)";
        } else if (selfTest(wanted)) {
          return new Selection(wanted, "system property " + BACKEND_PROPERTY + "=" + wanted);
        } else {
          note = "; ignored " + BACKEND_PROPERTY + "=" + wanted + " (unavailable or failed its self-test)";
        }
      }
      VmFlags flags = VmFlags.read();
      List<Backend> order = new ArrayList<>();
      String rule = rule(flags, order);
      for (Backend fallback : List.of(Backend.JCA, Backend.BOUNCY_CASTLE)) {
        if (!order.contains(fallback)) {
          order.add(fallback);
        }
      }
      StringBuilder skipped = new StringBuilder();
      for (Backend candidate : order) {
        if (selfTest(candidate)) {
          return new Selection(candidate, rule + " [" + flags + "]" + skipped + note);
        }
        skipped.append("; skipped ").append(candidate).append(" (unavailable or failed its self-test)");
      }
      throw new IllegalStateException("no ChaCha20-Poly1305 backend passes its known-answer self-test");
    }

    /** The candidates in order of preference for these flags; returns the rule that applied. */
    static String rule(VmFlags flags, List<Backend> order) {
      if (!flags.readable) {
        if (flags.feature < 20) {
          order.add(Backend.JAVA);
          order.add(Backend.JCA_CHACHA20_JAVA_POLY1305);
          return "JVM flags unreadable, JDK " + flags.feature + " has no ChaCha20/Poly1305 intrinsics: lane-sliced Java";
        }
        order.add(Backend.JCA);
        order.add(Backend.JCA_CHACHA20_JAVA_POLY1305);
        return "JVM flags unreadable, JDK " + flags.feature + " may intrinsify SunJCE: JCA";
      }
      Boolean poly = flags.poly1305Intrinsic();
      Boolean chacha = flags.chaCha20Intrinsic();
      if (poly == null || poly) {
        order.add(Backend.JCA);
        order.add(Backend.JCA_CHACHA20_JAVA_POLY1305);
        return poly == null ? "Poly1305 intrinsic unknown: JCA" : "Poly1305 intrinsic on: JCA";
      }
      if (chacha == null || chacha) {
        order.add(Backend.JCA_CHACHA20_JAVA_POLY1305);
        order.add(Backend.JAVA);
        return chacha == null
            ? "Poly1305 intrinsic off, ChaCha20 intrinsic unknown: JCA ChaCha20 + Java Poly1305"
            : "ChaCha20 intrinsic on, Poly1305 intrinsic off: JCA ChaCha20 + Java Poly1305";
      }
      if (flags.vectorizes()) {
        order.add(Backend.JAVA);
        order.add(Backend.JCA_CHACHA20_JAVA_POLY1305);
        return "no ChaCha20/Poly1305 intrinsics, C2 SuperWord on: lane-sliced Java";
      }
      order.add(Backend.JCA_CHACHA20_JAVA_POLY1305);
      return "no intrinsics and no SuperWord vectorization: JCA ChaCha20 + Java Poly1305";
    }

    private static String readProperty() {
      try {
        return System.getProperty(BACKEND_PROPERTY);
      } catch (SecurityException e) {
        return null;
      }
    }

    static Backend parse(String name) {
      String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Backend b : Backend.values()) {
        if (b.name().equals(n)) {
          return b;
        }
      }
      return null;
    }

    private static String sanitise(String value) {
      String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
      return v.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
  }

  /**
   * A known-answer self-test of one backend: RFC 8439 section 2.8.2 sealed and opened, a tampered
   * copy refused with the output untouched, and appendix A.5 opened (five ChaCha20 blocks, so a
   * lane-sliced keystream runs its vector loops). False if the backend is unavailable or anything
   * differs.
   */
  static boolean selfTest(Backend backend) {
    try {
      HexFormat hex = HexFormat.of();
      ChaCha20Poly1305 aead = create(backend);
      SymmetricKey key = new SymmetricKey(hex.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
      byte[] nonce = hex.parseHex("070000004041424344454647");
      byte[] aad = hex.parseHex("50515253c0c1c2c3c4c5c6c7");
      byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] expected = hex.parseHex(
          "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
              + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116"
              + "1ae10b594f09e26a7e902ecbd0600691");
      byte[] sealed = new byte[plain.length + TAG_SIZE];
      if (aead.seal(key, nonce, 0, aad, plain, 0, plain.length, sealed, 0) != sealed.length || !Arrays.equals(sealed, expected)) {
        return false;
      }
      byte[] back = new byte[plain.length];
      if (aead.open(key, nonce, 0, aad, sealed, 0, sealed.length, back, 0) != plain.length || !Arrays.equals(back, plain)) {
        return false;
      }
      Arrays.fill(back, (byte) 0x5a);
      sealed[plain.length / 2] ^= 0x10;
      try {
        aead.open(key, nonce, 0, aad, sealed, 0, sealed.length, back, 0);
        return false;
      } catch (AEADBadTagException expectedFailure) {
        for (byte b : back) {
          if (b != 0x5a && backend != Backend.BOUNCY_CASTLE) {
            return false;
          }
        }
      }
      SymmetricKey keyA5 = new SymmetricKey(hex.parseHex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"));
      byte[] nonceA5 = hex.parseHex("000000000102030405060708");
      byte[] aadA5 = hex.parseHex("f33388860000000000004e91");
      byte[] ctA5 = hex.parseHex(
          "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb24c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
              + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c8559797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4b9"
              + "166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523eaf4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a0b"
              + "b2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a1049e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29a6"
              + "ad5cb4022b02709beead9d67890cbb22392336fea1851f38");
      byte[] ptA5 = new byte[ctA5.length - TAG_SIZE];
      aead.open(keyA5, nonceA5, 0, aadA5, ctA5, 0, ctA5.length, ptA5, 0);
      byte[] textA5 = ("Internet-Drafts are draft documents valid for a maximum of six months and may be updated, replaced, or obsoleted by"
              + " other documents at any time. It is inappropriate to use Internet-Drafts as reference material or to cite them other"
              + " than as /\u201cwork in progress./\u201d")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return Arrays.equals(ptA5, textA5);
    } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * The HotSpot flags the choice depends on, read reflectively (this module does not require
   * {@code java.management}; when it or {@code jdk.management} is not in the boot layer, or the JVM
   * is not HotSpot, nothing is readable). Diagnostic flags read as absent unless unlocked.
   */
  static final class VmFlags {
    final boolean readable;
    final int feature;
    final String arch;
    final Boolean usePoly1305Intrinsics;
    final Boolean useChaCha20Intrinsics;
    final Boolean useSuperWord;
    final Integer useAvx;
    final Integer maxVectorSize;
    final Integer tieredStopAtLevel;
    final Boolean useCompiler;

    VmFlags(boolean readable, int feature, String arch, Boolean usePoly1305Intrinsics, Boolean useChaCha20Intrinsics, Boolean useSuperWord,
        Integer useAvx, Integer maxVectorSize, Integer tieredStopAtLevel, Boolean useCompiler) {
      this.readable = readable;
      this.feature = feature;
      this.arch = arch;
      this.usePoly1305Intrinsics = usePoly1305Intrinsics;
      this.useChaCha20Intrinsics = useChaCha20Intrinsics;
      this.useSuperWord = useSuperWord;
      this.useAvx = useAvx;
      this.maxVectorSize = maxVectorSize;
      this.tieredStopAtLevel = tieredStopAtLevel;
      this.useCompiler = useCompiler;
    }

    static VmFlags read() {
      int feature = Runtime.version().feature();
      String arch;
      try {
        arch = System.getProperty("os.arch", "");
      } catch (SecurityException e) {
        arch = "";
      }
      try {
        Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
        Class<?> diagnostic = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
        Object bean = factory.getMethod("getPlatformMXBean", Class.class).invoke(null, diagnostic);
        if (bean == null) {
          return unreadable(feature, arch);
        }
        java.lang.reflect.Method get = diagnostic.getMethod("getVMOption", String.class);
        java.lang.reflect.Method value = Class.forName("com.sun.management.VMOption").getMethod("getValue");
        return new VmFlags(true, feature, arch,
            bool(flag(bean, get, value, "UsePoly1305Intrinsics")),
            bool(flag(bean, get, value, "UseChaCha20Intrinsics")),
            bool(flag(bean, get, value, "UseSuperWord")),
            integer(flag(bean, get, value, "UseAVX")),
            integer(flag(bean, get, value, "MaxVectorSize")),
            integer(flag(bean, get, value, "TieredStopAtLevel")),
            bool(flag(bean, get, value, "UseCompiler")));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return unreadable(feature, arch);
      }
    }

    static VmFlags unreadable(int feature, String arch) {
      return new VmFlags(false, feature, arch, null, null, null, null, null, null, null);
    }

    /** A flag's value, or null if this JVM has no such flag (or it is a locked diagnostic flag). */
    private static String flag(Object bean, java.lang.reflect.Method get, java.lang.reflect.Method value, String name)
        throws ReflectiveOperationException {
      try {
        return (String) value.invoke(get.invoke(bean, name));
      } catch (java.lang.reflect.InvocationTargetException e) {
        if (e.getCause() instanceof IllegalArgumentException) {
          return null;
        }
        throw e;
      }
    }

    private static Boolean bool(String v) {
      return v == null ? null : Boolean.valueOf(v);
    }

    private static Integer integer(String v) {
      try {
        return v == null ? null : Integer.valueOf(v.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private boolean x86() {
      return arch.equals("amd64") || arch.equals("x86_64");
    }

    private boolean aarch64() {
      return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** Whether SunJCE's Poly1305 is intrinsified: the flag, else HotSpot's default for this JDK and CPU; null if unknown. */
    Boolean poly1305Intrinsic() {
      if (usePoly1305Intrinsics != null) {
        return usePoly1305Intrinsics;
      }
      if (feature < 21) {
        return false; // the intrinsic (and the flag) arrived in JDK 21
      }
      if (x86()) {
        // on by default with AVX-512 IFMA+VL+BW and 64-byte vectors; IFMA itself is not visible
        return useAvx == null || maxVectorSize == null ? null : (useAvx >= 3 && maxVectorSize >= 64);
      }
      return aarch64() ? Boolean.TRUE : null;
    }

    /** Whether SunJCE's ChaCha20 block function is intrinsified; null if unknown. */
    Boolean chaCha20Intrinsic() {
      if (useChaCha20Intrinsics != null) {
        return useChaCha20Intrinsics;
      }
      if (feature < 20) {
        return false; // the intrinsic arrived in JDK 20
      }
      if (x86()) {
        return useAvx == null ? null : useAvx >= 1;
      }
      return aarch64() ? Boolean.TRUE : null;
    }

    /**
     * Whether C2 will vectorize the lane-sliced loops: SuperWord on, vectors of at least 8 bytes, AVX
     * on x86 (measured on JDK 17: with {@code -XX:UseAVX=0} C2 leaves the rotations scalar and the
     * lanes run no faster than SunJCE), and C2 compiling at all.
     */
    boolean vectorizes() {
      return !Boolean.FALSE.equals(useSuperWord)
          && (maxVectorSize == null || maxVectorSize >= 8)
          && (!x86() || useAvx == null || useAvx >= 1)
          && (tieredStopAtLevel == null || tieredStopAtLevel >= 4)
          && !Boolean.FALSE.equals(useCompiler);
    }

    @Override
    public String toString() {
      if (!readable) {
        return "JDK " + feature + " " + arch + ", flags unreadable";
      }
      return "JDK " + feature + " " + arch + ", UsePoly1305Intrinsics=" + show(usePoly1305Intrinsics) + ", UseChaCha20Intrinsics="
          + show(useChaCha20Intrinsics) + ", UseSuperWord=" + show(useSuperWord) + ", UseAVX=" + show(useAvx) + ", MaxVectorSize="
          + show(maxVectorSize);
    }

    private static String show(Object v) {
      return v == null ? "?" : v.toString();
    }
  }
}
