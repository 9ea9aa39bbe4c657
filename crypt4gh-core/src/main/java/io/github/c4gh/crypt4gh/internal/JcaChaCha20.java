package io.github.c4gh.crypt4gh.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.ChaCha20ParameterSpec;

/**
 * ChaCha20 keystream from the JCA: {@code Cipher.getInstance("ChaCha20")} initialised with {@link
 * ChaCha20ParameterSpec}. SunJCE's block function is a HotSpot intrinsic from JDK 20 on ({@code
 * UseChaCha20Intrinsics}, on by default with AVX on x86-64 and with ASIMD on AArch64), about 1.5
 * GB/s on this machine class (AVX2) on JDK 25; on JDK 17 it is plain Java, about 0.4 GB/s.
 *
 * <p>SunJCE refuses to initialise a {@code ChaCha20} cipher in encrypt mode with the key and nonce
 * of its previous initialisation (a guard against nonce reuse). So one {@link #start} must serve a
 * whole AEAD message, the Poly1305 key in block 0 and the data from block 1, and a keystream
 * started with {@code reinitialisationExpected} (opening) uses decrypt mode, which is the same XOR,
 * and steps over the guard where a provider applies it there too.
 */
final class JcaChaCha20 extends ChaCha20KeyStream {
  private final Cipher cipher;
  private final byte[] nonceCopy = new byte[NONCE_SIZE];

  JcaChaCha20(Cipher cipher) {
    this.cipher = cipher;
  }

  /** A new source over this JVM's {@code ChaCha20} cipher. */
  static JcaChaCha20 create() throws GeneralSecurityException {
    return new JcaChaCha20(Cipher.getInstance("ChaCha20"));
  }

  @Override
  void begin(SymmetricKey key, byte[] nonce, int nonceOff, int counter, boolean reinitialisationExpected) {
    System.arraycopy(nonce, nonceOff, nonceCopy, 0, NONCE_SIZE);
    ChaCha20ParameterSpec spec = new ChaCha20ParameterSpec(nonceCopy, counter);
    try {
      if (!reinitialisationExpected) {
        cipher.init(Cipher.ENCRYPT_MODE, key.jca(), spec);
      } else {
        try {
          cipher.init(Cipher.DECRYPT_MODE, key.jca(), spec);
        } catch (InvalidKeyException e) {
          // the provider's reuse guard: initialise once with another nonce, then with this one
          nonceCopy[0] ^= 1;
          cipher.init(Cipher.DECRYPT_MODE, key.jca(), new ChaCha20ParameterSpec(nonceCopy, counter));
          nonceCopy[0] ^= 1;
          cipher.init(Cipher.DECRYPT_MODE, key.jca(), spec);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20 initialisation failed", e);
    } finally {
      Arrays.fill(nonceCopy, (byte) 0);
    }
  }

  @Override
  void apply(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
    try {
      int n = cipher.update(in, inOff, len, out, outOff);
      if (n != len) {
        throw new IllegalStateException("ChaCha20 returned " + n + " of " + len + " bytes");
      }
    } catch (ShortBufferException e) {
      throw new IllegalStateException("ChaCha20 output buffer", e);
    }
  }

  @Override
  void end() {
    // the Cipher keeps its key and leftover keystream until the next init, which every message does
  }

  @Override
  int preferredChunk() {
    return 16 * 1024;
  }
}
