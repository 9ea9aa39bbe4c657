package io.github.c4gh.crypt4gh.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305.Backend;
import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305.Selection;
import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305.VmFlags;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link ChaCha20Poly1305} backend, the Java compositions above all: Wycheproof's vectors
 * (valid and invalid), differential properties against SunJCE, Bouncy Castle and Tink in both
 * directions over lengths around the block and segment boundaries, every single-bit tamper refused
 * with the output untouched, in-place and overlapping buffers, and the backend selection rules.
 */
class ChaCha20Poly1305BackendsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte SENTINEL = 0x5a;
  private static final int[] BOUNDARIES = {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 4095, 32767, 32768, 32769, 65535, 65536};

  // ----- Wycheproof

  static final class Vector {
    final int id;
    final boolean valid;
    final byte[] key, iv, aad, msg, ct, tag;

    Vector(String line) {
      String[] f = line.trim().split(" ");
      id = Integer.parseInt(f[0]);
      valid = f[1].equals("valid");
      key = hex(f[2]);
      iv = hex(f[3]);
      aad = hex(f[4]);
      msg = hex(f[5]);
      ct = hex(f[6]);
      tag = hex(f[7]);
    }

    private static byte[] hex(String field) {
      if (field.equals("-")) {
        return new byte[0];
      }
      int star = field.indexOf('*');
      String h = star < 0 ? field : field.substring(0, star).repeat(Integer.parseInt(field.substring(star + 1)));
      return HEX.parseHex(h);
    }

    byte[] sealed() {
      byte[] s = Arrays.copyOf(ct, ct.length + tag.length);
      System.arraycopy(tag, 0, s, ct.length, tag.length);
      return s;
    }
  }

  static List<Vector> wycheproof() throws Exception {
    List<Vector> vectors = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ChaCha20Poly1305BackendsTest.class.getResourceAsStream("/vectors/wycheproof/chacha20_poly1305_test.txt"), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          vectors.add(new Vector(line));
        }
      }
    }
    return vectors;
  }

  @Test
  void theWycheproofFileIsComplete() throws Exception {
    List<Vector> v = wycheproof();
    assertEquals(293, v.size());
    assertEquals(233, v.stream().filter(x -> x.valid).count());
    for (Vector x : v) {
      assertEquals(12, x.iv.length);
      assertEquals(16, x.tag.length);
      assertEquals(x.msg.length, x.ct.length);
    }
  }

  static Stream<Arguments> backendsAndVectors() throws Exception {
    List<Vector> vectors = wycheproof();
    return Arrays.stream(Backend.values()).flatMap(b -> vectors.stream().map(v -> Arguments.of(b, v.id, v)));
  }

  @ParameterizedTest(name = "{0} tcId {1}")
  @MethodSource("backendsAndVectors")
  void wycheproof(Backend backend, int id, Vector v) throws Exception {
    SymmetricKey key = new SymmetricKey(v.key);
    byte[] sealed = v.sealed();
    if (v.valid) {
      byte[] out = new byte[sealed.length];
      assertEquals(sealed.length, ChaCha20Poly1305.create(backend).seal(key, v.iv, 0, v.aad, v.msg, 0, v.msg.length, out, 0));
      assertArrayEquals(sealed, out, "seal");
      byte[] back = new byte[v.msg.length];
      assertEquals(v.msg.length, ChaCha20Poly1305.create(backend).open(key, v.iv, 0, v.aad, sealed, 0, sealed.length, back, 0));
      assertArrayEquals(v.msg, back, "open");
    } else {
      byte[] back = new byte[v.msg.length];
      Arrays.fill(back, SENTINEL);
      assertThrows(AEADBadTagException.class, () -> ChaCha20Poly1305.create(backend).open(key, v.iv, 0, v.aad, sealed, 0, sealed.length, back, 0));
      if (backend != Backend.BOUNCY_CASTLE) {
        assertUntouched(back);
      }
    }
  }

  // ----- differential properties

  @Provide
  Arbitrary<Integer> lengths() {
    return Arbitraries.oneOf(Arbitraries.of(Arrays.stream(BOUNDARIES).boxed().toArray(Integer[]::new)), Arbitraries.integers().between(0, 65536));
  }

  private static byte[] sunJceSeal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws Exception {
    return sunJce(Cipher.ENCRYPT_MODE, key, nonce, aad, plain);
  }

  private static byte[] sunJceOpen(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) throws Exception {
    return sunJce(Cipher.DECRYPT_MODE, key, nonce, aad, sealed);
  }

  private static byte[] sunJce(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] in) throws Exception {
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    if (aad != null) {
      c.updateAAD(aad);
    }
    return c.doFinal(in);
  }

  private static byte[] bouncyCastle(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in) throws Exception {
    org.bouncycastle.crypto.modes.ChaCha20Poly1305 bc = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
    bc.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
    byte[] out = new byte[bc.getOutputSize(in.length)];
    int n = bc.processBytes(in, 0, in.length, out, 0);
    n += bc.doFinal(out, n);
    return Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Property(tries = 60)
  void agreesWithSunJceBouncyCastleAndTinkBothWays(
      @ForAll("lengths") int length, @ForAll @Size(32) byte[] rawKey, @ForAll @Size(12) byte[] nonce, @ForAll long seed,
      @ForAll boolean withAad, @ForAll Backend backend) throws Exception {
    Random random = new Random(seed);
    byte[] plain = new byte[length];
    random.nextBytes(plain);
    byte[] aad = null;
    if (withAad) {
      aad = new byte[random.nextInt(40)];
      random.nextBytes(aad);
    }
    SymmetricKey key = new SymmetricKey(rawKey);
    ChaCha20Poly1305 ours = ChaCha20Poly1305.create(backend);

    byte[] sealed = new byte[length + 16];
    ours.seal(key, nonce, 0, aad, plain, 0, length, sealed, 0);
    assertArrayEquals(sunJceSeal(rawKey, nonce, aad, plain), sealed, "same bytes as SunJCE");
    assertArrayEquals(bouncyCastle(true, rawKey, nonce, aad, plain), sealed, "same bytes as Bouncy Castle");
    assertArrayEquals(plain, sunJceOpen(rawKey, nonce, aad, sealed), "SunJCE opens ours");
    assertArrayEquals(plain, bouncyCastle(false, rawKey, nonce, aad, sealed), "Bouncy Castle opens ours");
    com.google.crypto.tink.subtle.ChaCha20Poly1305 tink = new com.google.crypto.tink.subtle.ChaCha20Poly1305(rawKey);
    byte[] tinkAad = aad == null ? new byte[0] : aad;
    assertArrayEquals(plain, tink.decrypt(concat(nonce, sealed), tinkAad), "Tink opens ours");

    byte[] back = new byte[length];
    ours.open(key, nonce, 0, aad, sunJceSeal(rawKey, nonce, aad, plain), 0, length + 16, back, 0);
    assertArrayEquals(plain, back, "we open SunJCE's");
    byte[] fromTink = tink.encrypt(plain, tinkAad);
    Arrays.fill(back, (byte) 0);
    ours.open(key, fromTink, 0, aad, fromTink, 12, fromTink.length - 12, back, 0);
    assertArrayEquals(plain, back, "we open Tink's");
  }

  // ----- tampering

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everySingleBitFlipIsRefusedAndReleasesNothing(Backend backend) throws Exception {
    Random random = new Random(17);
    byte[] raw = new byte[32];
    byte[] nonce = new byte[12];
    random.nextBytes(raw);
    random.nextBytes(nonce);
    SymmetricKey key = new SymmetricKey(raw);
    byte[] aad = {1, 2, 3};
    byte[] plain = new byte[37];
    random.nextBytes(plain);
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(backend);
    byte[] sealed = new byte[plain.length + 16];
    aead.seal(key, nonce, 0, aad, plain, 0, plain.length, sealed, 0);
    byte[] out = new byte[plain.length];
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      sealed[bit / 8] ^= (byte) (1 << (bit % 8));
      Arrays.fill(out, SENTINEL);
      int b = bit;
      assertThrows(AEADBadTagException.class, () -> aead.open(key, nonce, 0, aad, sealed, 0, sealed.length, out, 0), () -> "bit " + b);
      if (backend != Backend.BOUNCY_CASTLE) {
        assertUntouched(out);
      }
      sealed[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    // the additional data and the nonce are authenticated too
    for (byte[] tampered : new byte[][] {aad, nonce}) {
      tampered[0] ^= 1;
      Arrays.fill(out, SENTINEL);
      assertThrows(AEADBadTagException.class, () -> aead.open(key, nonce, 0, aad, sealed, 0, sealed.length, out, 0));
      tampered[0] ^= 1;
    }
    assertEquals(plain.length, aead.open(key, nonce, 0, aad, sealed, 0, sealed.length, out, 0));
    assertArrayEquals(plain, out);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void inputShorterThanATagIsABadTag(Backend backend) {
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(backend);
    SymmetricKey key = new SymmetricKey(new byte[32]);
    for (int len = 0; len < 16; len++) {
      int n = len;
      assertThrows(AEADBadTagException.class, () -> aead.open(key, new byte[12], 0, new byte[n], 0, n, new byte[1], 0));
    }
  }

  private static void assertUntouched(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      if (out[i] != SENTINEL) {
        throw new AssertionError("plaintext byte " + i + " was written before the tag verified");
      }
    }
  }

  // ----- buffers

  static Stream<Arguments> javaBackendsAndBoundaries() {
    return Stream.of(Backend.JAVA, Backend.JCA_CHACHA20_JAVA_POLY1305)
        .flatMap(b -> Arrays.stream(BOUNDARIES).mapToObj(len -> Arguments.of(b, len)));
  }

  @ParameterizedTest(name = "{0} length {1}")
  @MethodSource("javaBackendsAndBoundaries")
  void sealsAndOpensInPlace(Backend backend, int length) throws Exception {
    Random random = new Random(length);
    byte[] raw = new byte[32];
    byte[] nonce = new byte[12];
    random.nextBytes(raw);
    random.nextBytes(nonce);
    SymmetricKey key = new SymmetricKey(raw);
    byte[] plain = new byte[length];
    random.nextBytes(plain);
    byte[] expected = sunJceSeal(raw, nonce, null, plain);
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(backend);
    byte[] buf = new byte[length + 16 + 9];
    System.arraycopy(plain, 0, buf, 5, length);
    byte[] otherNonce = nonce.clone();
    otherNonce[11] ^= 1;
    aead.seal(key, otherNonce, 0, plain, 0, 0, new byte[16], 0); // a message in between must not disturb anything
    aead.seal(key, nonce, 0, buf, 5, length, buf, 5);
    assertArrayEquals(expected, Arrays.copyOfRange(buf, 5, 5 + length + 16), "sealed in place");
    assertEquals(length, aead.open(key, nonce, 0, buf, 5, length + 16, buf, 5));
    assertArrayEquals(plain, Arrays.copyOfRange(buf, 5, 5 + length), "opened in place");
  }

  @Property(tries = 40)
  void overlappingBuffersEitherWay(
      @ForAll @IntRange(min = 0, max = 70_000) int length, @ForAll @IntRange(min = -40, max = 40) int shift, @ForAll boolean lanes)
      throws Exception {
    Backend backend = lanes ? Backend.JAVA : Backend.JCA_CHACHA20_JAVA_POLY1305;
    Random random = new Random(length * 31L + shift);
    byte[] raw = new byte[32];
    byte[] nonce = new byte[12];
    random.nextBytes(raw);
    random.nextBytes(nonce);
    SymmetricKey key = new SymmetricKey(raw);
    int len = Math.min(length, 65536);
    byte[] plain = new byte[len];
    random.nextBytes(plain);
    byte[] expected = sunJceSeal(raw, nonce, null, plain);
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(backend);
    int base = 50;
    byte[] buf = new byte[len + 16 + 2 * base];
    System.arraycopy(plain, 0, buf, base, len);
    aead.seal(key, nonce, 0, buf, base, len, buf, base + shift);
    assertArrayEquals(expected, Arrays.copyOfRange(buf, base + shift, base + shift + len + 16), "seal, shift " + shift);
    System.arraycopy(expected, 0, buf, base, len + 16);
    aead.open(key, nonce, 0, buf, base, len + 16, buf, base + shift);
    assertArrayEquals(plain, Arrays.copyOfRange(buf, base + shift, base + shift + len), "open, shift " + shift);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void boundsAreChecked(Backend backend) {
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(backend);
    SymmetricKey key = new SymmetricKey(new byte[32]);
    byte[] in = new byte[100];
    assertThrows(RuntimeException.class, () -> aead.seal(key, new byte[12], 0, in, 0, 100, new byte[115], 0));
    assertThrows(RuntimeException.class, () -> aead.seal(key, new byte[12], 0, in, 1, 100, new byte[116], 0));
    assertThrows(RuntimeException.class, () -> aead.seal(key, new byte[11], 0, in, 0, 10, new byte[116], 0));
  }

  // ----- the selection rules

  private static Backend first(VmFlags flags) {
    List<Backend> order = new ArrayList<>();
    String rule = Selection.rule(flags, order);
    assertFalse(rule.isEmpty());
    return order.get(0);
  }

  private static VmFlags flags(int feature, String arch, Boolean poly, Boolean chacha, Boolean superWord, Integer avx, Integer maxVector) {
    return new VmFlags(true, feature, arch, poly, chacha, superWord, avx, maxVector, 4, true);
  }

  @Test
  void theRulesFollowTheFlags() {
    // this machine class: AVX2, no AVX-512; the intrinsic flags are locked (diagnostic) unless unlocked
    assertEquals(Backend.JAVA, first(flags(17, "amd64", null, null, true, 2, 32)));
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(flags(25, "amd64", null, null, true, 2, 32)));
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(flags(25, "amd64", false, true, true, 2, 32)));
    // AVX-512: SunJCE's Poly1305 intrinsic (default on with IFMA) wins
    assertEquals(Backend.JCA, first(flags(25, "amd64", null, null, true, 3, 64)));
    assertEquals(Backend.JCA, first(flags(21, "amd64", true, true, true, 3, 64)));
    assertEquals(Backend.JCA, first(flags(21, "aarch64", null, null, true, null, 16)));
    // the flags read as set win over the inference
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(flags(25, "amd64", false, true, true, 3, 64)));
    assertEquals(Backend.JAVA, first(flags(25, "amd64", false, false, true, 2, 32)));
    // no vectorizer: steer away from the lanes
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(flags(17, "amd64", null, null, false, 2, 32)));
    assertEquals(Backend.JAVA, first(flags(17, "amd64", null, null, true, 2, 8)));
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(flags(17, "amd64", null, null, true, 2, 4)));
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(flags(17, "amd64", null, null, true, 0, 16)));
    assertEquals(Backend.JAVA, first(flags(17, "aarch64", null, null, true, null, 16)));
    assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, first(new VmFlags(true, 17, "amd64", null, null, true, 2, 32, 1, true)));
    // nothing readable
    assertEquals(Backend.JAVA, first(VmFlags.unreadable(17, "amd64")));
    assertEquals(Backend.JCA, first(VmFlags.unreadable(25, "amd64")));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyBackendPassesTheSelfTest(Backend backend) {
    assertTrue(ChaCha20Poly1305.selfTest(backend));
  }

  @Test
  void theChoiceIsMadeAndExplained() {
    assertNotNull(ChaCha20Poly1305.preferredBackend());
    assertFalse(ChaCha20Poly1305.selectionReason().isEmpty());
    assertEquals(ChaCha20Poly1305.preferredBackend(), ChaCha20Poly1305.forCurrentThread().backend());
    VmFlags here = VmFlags.read();
    assertTrue(here.readable, "the test JVM has jdk.management");
    assertEquals(Runtime.version().feature(), here.feature);
  }

  @Test
  void theSystemPropertyOverridesAndBadValuesAreIgnored() {
    String old = System.getProperty(ChaCha20Poly1305.BACKEND_PROPERTY);
    try {
      for (Backend b : Backend.values()) {
        System.setProperty(ChaCha20Poly1305.BACKEND_PROPERTY, b.name().toLowerCase(java.util.Locale.ROOT));
        assertEquals(b, Selection.choose().backend);
      }
      System.setProperty(ChaCha20Poly1305.BACKEND_PROPERTY, "jca-chacha20-java-poly1305");
      assertEquals(Backend.JCA_CHACHA20_JAVA_POLY1305, Selection.choose().backend);
      System.setProperty(ChaCha20Poly1305.BACKEND_PROPERTY, "ROT13");
      Selection s = Selection.choose();
      assertTrue(s.reason.contains("ignored"), s.reason);
      System.clearProperty(ChaCha20Poly1305.BACKEND_PROPERTY);
      assertEquals(ChaCha20Poly1305.preferredBackend(), Selection.choose().backend);
    } finally {
      if (old == null) {
        System.clearProperty(ChaCha20Poly1305.BACKEND_PROPERTY);
      } else {
        System.setProperty(ChaCha20Poly1305.BACKEND_PROPERTY, old);
      }
    }
  }

  @Test
  void theJavaBackendsAllocateNothingPerMessage() throws Exception {
    // reflectively: the module under test does not read java.management
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Class<?> sunThreads = Class.forName("com.sun.management.ThreadMXBean");
    if (!sunThreads.isInstance(threads)) {
      return;
    }
    java.lang.reflect.Method allocated = sunThreads.getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(Backend.JAVA);
    SymmetricKey key = new SymmetricKey(new byte[32]);
    byte[] nonce = new byte[12];
    byte[] plain = new byte[65536];
    byte[] sealed = new byte[65536 + 16];
    for (int i = 0; i < 200; i++) { // warm up: let escape analysis and the JIT settle
      nonce[0] = (byte) i;
      aead.seal(key, nonce, 0, plain, 0, plain.length, sealed, 0);
      aead.open(key, nonce, 0, sealed, 0, sealed.length, plain, 0);
    }
    long before = (Long) allocated.invoke(threads, id);
    for (int i = 0; i < 100; i++) {
      nonce[1] = (byte) i;
      aead.seal(key, nonce, 0, plain, 0, plain.length, sealed, 0);
      aead.open(key, nonce, 0, sealed, 0, sealed.length, plain, 0);
    }
    long perMessage = ((Long) allocated.invoke(threads, id) - before) / 200;
    assertTrue(perMessage < 64, "bytes allocated per message: " + perMessage);
  }
}
