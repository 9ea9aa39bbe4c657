package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

/**
 * One thread's bare cipher over its own cache-resident 64 KiB segment: a reused {@link
 * ChaCha20Poly1305} instance of one backend, sealing under a fresh counter nonce, or opening one
 * of two messages in turn (SunJCE refuses two inits in a row with one key and nonce). No channel,
 * no pipeline, nothing shared. Not thread-safe.
 */
final class BareSegmentCipher {
  static final int SEGMENT = 65_536;

  private final ChaCha20Poly1305 aead;
  private final SymmetricKey key;
  private final byte[] plain = new byte[SEGMENT];
  private final byte[] out = new byte[SEGMENT + ChaCha20Poly1305.TAG_SIZE];
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_SIZE];
  private final byte[][] nonces = new byte[2][ChaCha20Poly1305.NONCE_SIZE];
  private final byte[][] sealed = new byte[2][SEGMENT + ChaCha20Poly1305.TAG_SIZE];
  private long counter;
  private int which;

  BareSegmentCipher(ChaCha20Poly1305.Backend backend, SecureRandom random) {
    aead = ChaCha20Poly1305.create(backend);
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    key = new SymmetricKey(raw);
    random.nextBytes(plain);
    for (int i = 0; i < 2; i++) {
      random.nextBytes(nonces[i]);
      nonces[i][0] = (byte) i; // the two messages never share a nonce
      aead.seal(key, nonces[i], 0, plain, 0, SEGMENT, sealed[i], 0);
    }
  }

  /** Seals the segment under the next nonce; returns a byte of the output. */
  int seal() {
    long n = ++counter;
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (n >>> (8 * i));
    }
    int len = aead.seal(key, nonce, 0, plain, 0, SEGMENT, out, 0);
    return len + out[len - 1];
  }

  /** Verifies and opens the next of the two messages; returns a byte of the output. */
  int open() throws AEADBadTagException {
    int w = which ^= 1;
    int len = aead.open(key, nonces[w], 0, sealed[w], 0, sealed[w].length, out, 0);
    return len + out[len - 1];
  }

  /** Seals or opens {@code segments} segments in a row. */
  int run(boolean seal, int segments) throws AEADBadTagException {
    int sink = 0;
    for (int s = 0; s < segments; s++) {
      sink += seal ? seal() : open();
    }
    return sink;
  }
}
