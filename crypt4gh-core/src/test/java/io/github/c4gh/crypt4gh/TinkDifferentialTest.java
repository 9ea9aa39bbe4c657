package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import io.github.c4gh.crypt4gh.internal.SegmentCipher;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import io.github.c4gh.crypt4gh.internal.X25519;
import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Differential checks against Tink's independent X25519 and ChaCha20-Poly1305, and between all the
 * ChaCha20-Poly1305 backends. A Tink ChaCha20-Poly1305 ciphertext is {@code nonce || ct || tag},
 * exactly a Crypt4GH segment.
 */
class TinkDifferentialTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Property(tries = 100)
  void x25519AgreesWithTink(@ForAll @Size(32) byte[] secretA, @ForAll @Size(32) byte[] secretB) throws Exception {
    byte[] pubB = com.google.crypto.tink.subtle.X25519.publicFromPrivate(secretB);
    assertArrayEquals(pubB, X25519.publicFromSecret(secretB), "public key");
    assertArrayEquals(com.google.crypto.tink.subtle.X25519.computeSharedSecret(secretA, pubB), X25519.agree(secretA, pubB), "shared secret");
  }

  @Property(tries = 60)
  void segmentsWeSealOpenWithTinkAndViceVersa(
      @ForAll @IntRange(min = 1, max = SegmentLayout.SEGMENT_SIZE) int length, @ForAll ChaCha20Poly1305.Backend backend) throws Exception {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    byte[] plain = new byte[length];
    RANDOM.nextBytes(plain);
    SegmentCipher ours = new SegmentCipher(List.of(new SymmetricKey(key)), backend);
    com.google.crypto.tink.subtle.ChaCha20Poly1305 tink = new com.google.crypto.tink.subtle.ChaCha20Poly1305(key);

    byte[] segment = new byte[length + SegmentLayout.OVERHEAD];
    ours.seal(RANDOM, plain, 0, length, segment, 0);
    assertArrayEquals(plain, tink.decrypt(segment, new byte[0]), "Tink opens our segment");

    byte[] fromTink = tink.encrypt(plain, new byte[0]);
    byte[] out = new byte[length];
    ours.open(0, fromTink, 0, fromTink.length, out, 0);
    assertArrayEquals(plain, out, "we open Tink's segment");
  }

  @Property(tries = 40)
  void everyBackendProducesTheSameCiphertextAndOpensTheOthers(
      @ForAll @Size(max = 3000) byte[] plain, @ForAll @Size(12) byte[] nonce, @ForAll ChaCha20Poly1305.Backend backend) throws Exception {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    SymmetricKey k = new SymmetricKey(key);
    byte[] a = new byte[plain.length + 16];
    byte[] b = new byte[plain.length + 16];
    ChaCha20Poly1305.create(ChaCha20Poly1305.Backend.JCA).seal(k, nonce, 0, plain, 0, plain.length, a, 0);
    ChaCha20Poly1305.create(backend).seal(k, nonce, 0, plain, 0, plain.length, b, 0);
    assertArrayEquals(a, b);
    for (ChaCha20Poly1305.Backend other : ChaCha20Poly1305.Backend.values()) {
      byte[] back = new byte[plain.length];
      ChaCha20Poly1305.create(other).open(k, nonce, 0, b, 0, b.length, back, 0);
      assertArrayEquals(plain, back, other + " opens " + backend);
    }
  }
}
