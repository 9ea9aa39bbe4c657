package io.github.c4gh.crypt4gh.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AEADParameters;

/**
 * IETF ChaCha20-Poly1305 (RFC 8439, 12-byte nonce, 16-byte tag, no AAD) over caller-provided
 * arrays. One instance per thread: it reuses one cipher object and is not thread-safe. The JDK's
 * provider is used when it has the algorithm (intrinsified on recent JDKs); Bouncy Castle's
 * lightweight engine otherwise. Decryption writes plaintext only after the tag verified (JCA
 * buffers; for Bouncy Castle the caller must not release the output when this throws).
 *
 * <p>Performance notes for the JCA backend (measured with the {@code benchmarks} module): SunJCE
 * creates its engine and Poly1305 objects on every {@code init}, about 1.2 KiB (encrypt) and 2.3 KiB
 * (decrypt) per message on JDK 17 and 25, which no caller can avoid; and on JDK 17 its decryption
 * copies the whole input into a growing buffer (about 128 KiB per 64 KiB segment) unless the
 * ciphertext starts at offset 0 of its array, so hot paths pass {@code inOff == 0}.
 */
public abstract class ChaCha20Poly1305 {
  /** Which implementation to use. */
  public enum Backend {
    /** {@code Cipher.getInstance("ChaCha20-Poly1305")} from the installed JCA providers. */
    JCA,
    /** Bouncy Castle's lightweight {@code ChaCha20Poly1305}, without registering a provider. */
    BOUNCY_CASTLE
  }

  public static final int TAG_SIZE = 16;
  public static final int NONCE_SIZE = 12;

  private static final Backend PREFERRED = probe();
  private static final ThreadLocal<ChaCha20Poly1305> PER_THREAD = ThreadLocal.withInitial(() -> create(PREFERRED));

  /** The backend this JVM uses by default. */
  public static Backend preferredBackend() {
    return PREFERRED;
  }

  /** This thread's instance of the preferred backend. */
  public static ChaCha20Poly1305 forCurrentThread() {
    return PER_THREAD.get();
  }

  /** A new instance of a given backend (for tests and benchmarks). */
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
      default:
        throw new IllegalArgumentException(String.valueOf(backend));
    }
  }

  private static Backend probe() {
    try {
      Cipher.getInstance("ChaCha20-Poly1305");
      return Backend.JCA;
    } catch (GeneralSecurityException e) {
      return Backend.BOUNCY_CASTLE;
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
}
