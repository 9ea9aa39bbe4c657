package io.github.c4gh.crypt4gh;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.c4gh.crypt4gh.internal.keys.BcryptPbkdf;
import io.github.c4gh.crypt4gh.internal.keys.KeyDerivation;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known-answer tests of the three passphrase KDFs of Crypt4GH secret key files. */
class KdfKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  // ---- scrypt: RFC 7914 section 12 (the N = 1048576 vector is left out: too slow for unit tests)

  static Stream<Arguments> scryptVectors() {
    return Stream.of(
        Arguments.of("", "", 16, 1, 1,
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
        Arguments.of("password", "NaCl", 1024, 8, 16,
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
        Arguments.of("pleaseletmein", "SodiumChloride", 16384, 8, 1,
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"));
  }

  @ParameterizedTest(name = "scrypt(\"{0}\", \"{1}\", N={2}, r={3}, p={4})")
  @MethodSource("scryptVectors")
  void scryptRfc7914(String password, String salt, int n, int r, int p, String expected) {
    byte[] out = KeyDerivation.scrypt(password.getBytes(US_ASCII), salt.getBytes(US_ASCII), n, r, p, 64);
    assertEquals(expected, HEX.formatHex(out));
  }

  // ---- PBKDF2-HMAC-SHA256

  static Stream<Arguments> pbkdf2Vectors() {
    return Stream.of(
        // the widely published "password"/"salt" vectors (the RFC 6070 inputs with SHA-256), as in
        // draft-josefsson-scrypt-kdf and used across PBKDF2 libraries
        Arguments.of("password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        Arguments.of("password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
        Arguments.of("password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
        // RFC 7914 section 11
        Arguments.of("passwd", "salt", 1, 64,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        Arguments.of("Password", "NaCl", 80000, 64,
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"));
  }

  @ParameterizedTest(name = "PBKDF2-HMAC-SHA256(\"{0}\", \"{1}\", c={2}, dkLen={3})")
  @MethodSource("pbkdf2Vectors")
  void pbkdf2HmacSha256(String password, String salt, int iterations, int length, String expected) {
    byte[] out = KeyDerivation.pbkdf2HmacSha256(password.getBytes(US_ASCII), salt.getBytes(US_ASCII), iterations, length);
    assertEquals(expected, HEX.formatHex(out));
  }

  // ---- OpenSSH bcrypt_pbkdf
  //
  // Source: the known answers of OpenBSD's bcrypt_pbkdf regression test as carried by pyca/bcrypt,
  // tests/test_bcrypt.py::test_kdf (https://github.com/pyca/bcrypt), which are also those of
  // RustCrypto password-hashes, bcrypt-pbkdf/tests/test_vectors.rs ("test_openbsd_vectors").
  // The last two ("very large key", UTF-8 Greek) are pyca/bcrypt's own additions.

  static Stream<Arguments> bcryptPbkdfVectors() {
    return Stream.of(
        Arguments.of("password", "salt", 4,
            "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"),
        Arguments.of("password", "\0", 4, "c12b566235eee04c212598970a579a67"),
        Arguments.of("\0", "salt", 4, "6051be18c2f4f82cbf0efee5471b4bb9"),
        Arguments.of("password\0", "salt\0", 4,
            "7410e44cf4fa07bfaac8a928b1727fac001375e7bf7384370f48efd121743050"),
        Arguments.of("pass\0wor", "sa\0l", 4, "c2bffd9db38f6569efef4372f4de83c0"),
        Arguments.of("pass\0word", "sa\0lt", 4, "4ba4ac3925c0e8d7f0cdb6bb1684a56f"),
        Arguments.of("password", "salt", 8,
            "e1367ec5151a33faac4cc1c144cd23fa15d5548493ecc99b9b5d9c0d3b27bec7"
                + "6227ea66088b849b20ab7aa478010246e74bba51723fefa9f9474d6508845e8d"),
        Arguments.of("password", "salt", 42, "833cf0dcf56db65608e8f0dc0ce882bd"),
        Arguments.of(
            "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore"
                + " et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi"
                + " ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit"
                + " esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident,"
                + " sunt in culpa qui officia deserunt mollit anim id est laborum.",
            "salis\0", 8, "10978b07253df57f71a162eb0e8ad30a"),
        // "unicode" (raw bytes)
        Arguments.of(
            hex("0db3ac94b3ee53284f4a22893b3c24ae"), hex("3a62f0f0dbcef823cfcc854856ea1028"), 8,
            "204438175eee7ce136c91b49a67923ff"),
        // "very large key": 256 bytes, 8 blocks spread across the output
        Arguments.of(
            hex("0db3ac94b3ee53284f4a22893b3c24ae"), hex("3a62f0f0dbcef823cfcc854856ea1028"), 8,
            "2054b9fff34e3721440334746828e9ed38de4b72e0a69adc170a13b5e8d64638"
                + "5ea4034ae6d26600ee2332c5ed40ad557c86e3403fbb30e4e1dc1ae06b99a071"
                + "368f518d2c426651c9e7e437fd6c915b1bbfc3a4cea71491490ea7afb7dd0290"
                + "a678a4f441128db1792eab2776b21eb4238e0715add4127dff44e4b3e4cc4c4f"
                + "9970083f3f74bd698873fdf648844f75c9bf7f9e0c4d9e5d89a7783997492966"
                + "616707611cb901de31a19726b6e08c3a8001661f2d5c9dcc33b4aa072f90dd0b"
                + "3f548d5eeba4211397e2fb062e526e1d68f46a4ce256185b4badc2685fbe78e1"
                + "c7657b59f83ab9ab80cf9318d6add1f5933f12d6f36182c8e8115f68030a1244"),
        // UTF-8 Greek "odysseus" / "telemachos"
        Arguments.of("Ὀδυσσεύς", "Τηλέμαχος", 8, "43666c9b09ef33ed8c27e8e8f3e2d8e6"));
  }

  @ParameterizedTest(name = "bcrypt_pbkdf(rounds={2}, {3} hex digits)")
  @MethodSource("bcryptPbkdfVectors")
  void bcryptPbkdf(Object password, Object salt, int rounds, String expected) {
    byte[] out = BcryptPbkdf.derive(bytes(password), bytes(salt), rounds, expected.length() / 2);
    assertEquals(expected, HEX.formatHex(out));
  }

  @Test
  void bcryptPbkdfRejectsOutOfRangeParameters() {
    byte[] pw = "password".getBytes(US_ASCII);
    byte[] salt = "salt".getBytes(US_ASCII);
    assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(pw, salt, 0, 32));
    assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(pw, new byte[0], 4, 32));
    assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(pw, salt, 4, 0));
    assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(pw, salt, 4, BcryptPbkdf.MAX_KEY_LENGTH + 1));
  }

  // ---- the Crypt4GH parameterisation

  @Test
  void crypt4ghDeriveKeyUsesTheSpecParameters() {
    byte[] pw = "H8koGN3lzkke".getBytes(UTF_8);
    byte[] salt = hex("a6b8b22d7523dadfb8b69a78e71614cd");
    assertArrayEquals(
        KeyDerivation.scrypt(pw, salt, 1 << 14, 8, 1, 32), KeyDerivation.deriveKey(Kdf.SCRYPT, pw, salt, 0));
    assertArrayEquals(
        KeyDerivation.scrypt(pw, salt, 1 << 14, 8, 1, 32), KeyDerivation.deriveKey(Kdf.SCRYPT, pw, salt, 12345),
        "scrypt ignores the rounds field");
    assertArrayEquals(
        BcryptPbkdf.derive(pw, salt, 5, 32), KeyDerivation.deriveKey(Kdf.BCRYPT, pw, salt, 5));
    assertArrayEquals(
        KeyDerivation.pbkdf2HmacSha256(pw, salt, 7, 32), KeyDerivation.deriveKey(Kdf.PBKDF2_HMAC_SHA256, pw, salt, 7));
    assertThrows(IllegalArgumentException.class, () -> KeyDerivation.deriveKey(Kdf.NONE, pw, salt, 0));
  }

  @Test
  void kdfSpecNames() {
    assertEquals("scrypt", Kdf.SCRYPT.specName());
    assertEquals("bcrypt", Kdf.BCRYPT.specName());
    assertEquals("pbkdf2_hmac_sha256", Kdf.PBKDF2_HMAC_SHA256.specName());
    assertEquals("none", Kdf.NONE.specName());
    for (Kdf kdf : Kdf.values()) {
      assertEquals(kdf, Kdf.fromSpecName(kdf.specName()));
    }
    assertThrows(IllegalArgumentException.class, () -> Kdf.fromSpecName("SCRYPT"));
    assertThrows(IllegalArgumentException.class, () -> Kdf.fromSpecName("argon2id"));
    assertThrows(IllegalArgumentException.class, () -> Kdf.fromSpecName(null));
  }

  private static byte[] bytes(Object o) {
    return o instanceof byte[] ? (byte[]) o : ((String) o).getBytes(UTF_8);
  }

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }
}
