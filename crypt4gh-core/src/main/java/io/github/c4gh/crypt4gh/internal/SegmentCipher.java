package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.SegmentAuthenticationException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;

/**
 * Seals and opens one Crypt4GH data segment ({@code nonce || ciphertext || tag}) into
 * caller-provided arrays. Holds the file's data keys; the cipher objects are per thread, so one
 * instance may be used by several worker threads at once. Nothing is allocated per segment here.
 */
public final class SegmentCipher {
  private static final ThreadLocal<byte[]> NONCE = ThreadLocal.withInitial(() -> new byte[SegmentLayout.NONCE_SIZE]);

  private final SymmetricKey[] keys;
  private final ChaCha20Poly1305.Backend backend;
  private volatile int hint;

  /** A segment cipher over one or more data keys (decryption tries each; encryption uses the first). */
  public SegmentCipher(List<SymmetricKey> keys) {
    this(keys, null);
  }

  /** As {@link #SegmentCipher(List)} but forcing a backend (null = the preferred one). */
  public SegmentCipher(List<SymmetricKey> keys, ChaCha20Poly1305.Backend backend) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no data key");
    }
    this.keys = keys.toArray(new SymmetricKey[0]);
    this.backend = backend;
  }

  private ChaCha20Poly1305 aead() {
    ChaCha20Poly1305 c = ChaCha20Poly1305.forCurrentThread();
    if (backend == null || c.backend() == backend) {
      return c;
    }
    return Forced.get(backend);
  }

  /**
   * Seals {@code len} plaintext bytes (1 to 65 536) into {@code out} at {@code outOff} as
   * {@code nonce || ciphertext || tag} with a fresh random nonce.
   *
   * @return bytes written, {@code len + 28}
   */
  public int seal(SecureRandom random, byte[] in, int inOff, int len, byte[] out, int outOff) {
    if (len <= 0 || len > SegmentLayout.SEGMENT_SIZE) {
      throw new IllegalArgumentException("segment plaintext length out of range: " + len);
    }
    byte[] nonce = NONCE.get();
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, outOff, SegmentLayout.NONCE_SIZE);
    int n = aead().seal(keys[0], nonce, 0, in, inOff, len, out, outOff + SegmentLayout.NONCE_SIZE);
    return SegmentLayout.NONCE_SIZE + n;
  }

  /**
   * Seals {@code len} plaintext bytes (1 to 65 536) into {@code out} at {@code outOff} as
   * {@code nonce || ciphertext || tag}, with a nonce the caller drew from a {@link SecureRandom}
   * for this segment alone (the channels draw nonces in bulk: one {@code nextBytes} call per batch
   * instead of one per segment). Never pass a nonce twice: a repeated nonce under the data key
   * breaks confidentiality and integrity.
   *
   * @return bytes written, {@code len + 28}
   */
  public int sealWithFreshNonce(byte[] nonce, int nonceOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    if (len <= 0 || len > SegmentLayout.SEGMENT_SIZE) {
      throw new IllegalArgumentException("segment plaintext length out of range: " + len);
    }
    System.arraycopy(nonce, nonceOff, out, outOff, SegmentLayout.NONCE_SIZE);
    int n = aead().seal(keys[0], nonce, nonceOff, in, inOff, len, out, outOff + SegmentLayout.NONCE_SIZE);
    return SegmentLayout.NONCE_SIZE + n;
  }

  /**
   * Opens one encrypted segment of {@code len} bytes (28 to 65 564) into {@code out}. Every data
   * key is tried, the one that worked last first.
   *
   * @param index the segment's index in the file, for the error
   * @return plaintext bytes written
   * @throws SegmentAuthenticationException if no key authenticates the segment; {@code out} may then
   *     hold garbage that the caller must not release
   */
  public int open(long index, byte[] in, int inOff, int len, byte[] out, int outOff) throws SegmentAuthenticationException {
    if (len < SegmentLayout.OVERHEAD || len > SegmentLayout.CIPHER_SEGMENT_SIZE) {
      throw new SegmentAuthenticationException(index, new AEADBadTagException("segment length out of range: " + len));
    }
    return open(index, in, inOff, in, inOff + SegmentLayout.NONCE_SIZE, len - SegmentLayout.NONCE_SIZE, out, outOff);
  }

  /**
   * Opens one encrypted segment held in two pieces: its 12-byte nonce at {@code nonce[nonceOff]}
   * and its ciphertext and tag ({@code bodyLen}, 16 to 65 552 bytes) at {@code body[bodyOff]}.
   * Keep {@code bodyOff} at 0 on the hot path: SunJCE (JDK 17) copies the whole input into a
   * growing buffer, allocating about 128 KiB per segment, when the ciphertext does not start at
   * offset 0 of its array.
   *
   * @see #open(long, byte[], int, int, byte[], int)
   */
  public int open(long index, byte[] nonce, int nonceOff, byte[] body, int bodyOff, int bodyLen, byte[] out, int outOff)
      throws SegmentAuthenticationException {
    if (bodyLen < SegmentLayout.MAC_SIZE || bodyLen > SegmentLayout.CIPHER_SEGMENT_SIZE - SegmentLayout.NONCE_SIZE) {
      throw new SegmentAuthenticationException(
          index, new AEADBadTagException("segment length out of range: " + (bodyLen + SegmentLayout.NONCE_SIZE)));
    }
    ChaCha20Poly1305 aead = aead();
    int first = hint;
    AEADBadTagException last = null;
    for (int k = 0; k < keys.length; k++) {
      int i = (first + k) % keys.length;
      try {
        int n = aead.open(keys[i], nonce, nonceOff, body, bodyOff, bodyLen, out, outOff);
        if (i != first) {
          hint = i;
        }
        return n;
      } catch (AEADBadTagException e) {
        last = e;
      }
    }
    throw new SegmentAuthenticationException(index, last);
  }

  /** This thread's instance of each backend asked for explicitly (tests and benchmarks). */
  private static final class Forced {
    private static final Map<ChaCha20Poly1305.Backend, ThreadLocal<ChaCha20Poly1305>> PER_BACKEND = perBackend();

    private static Map<ChaCha20Poly1305.Backend, ThreadLocal<ChaCha20Poly1305>> perBackend() {
      EnumMap<ChaCha20Poly1305.Backend, ThreadLocal<ChaCha20Poly1305>> m = new EnumMap<>(ChaCha20Poly1305.Backend.class);
      for (ChaCha20Poly1305.Backend b : ChaCha20Poly1305.Backend.values()) {
        m.put(b, ThreadLocal.withInitial(() -> ChaCha20Poly1305.create(b)));
      }
      return m;
    }

    static ChaCha20Poly1305 get(ChaCha20Poly1305.Backend b) {
      return PER_BACKEND.get(b).get();
    }
  }
}
