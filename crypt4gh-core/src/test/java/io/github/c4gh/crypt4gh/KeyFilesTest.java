package io.github.c4gh.crypt4gh;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing and reading key files, and every way a key file can be rejected. */
class KeyFilesTest {
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final String ALICE_PASSPHRASE = "H8koGN3lzkke";

  /** Fixed-seed randomness: reproducible keys, salts and nonces. */
  private static SecureRandom random(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Crypt4ghPrivateKey KEY = Crypt4ghPrivateKey.generate(random(1));

  // ---------------------------------------------------------------- round trips

  /** Every KDF with a comment; without a comment only for the cheap ones (the comment is not KDF-specific). */
  static Stream<Arguments> kdfsAndComments() {
    return Stream.concat(
        Stream.of(Kdf.values()).map(k -> Arguments.of(k, "alice@example.org ✓")),
        Stream.of(Arguments.of(Kdf.SCRYPT, null), Arguments.of(Kdf.NONE, null)));
  }

  @ParameterizedTest(name = "{0}, comment {1}")
  @MethodSource("kdfsAndComments")
  void roundTrip(Kdf kdf, String comment) throws IOException {
    String text = KeyFiles.formatPrivateKey(KEY, kdf, PASSPHRASE.toCharArray(), comment, random(2));
    assertTrue(text.startsWith("-----BEGIN CRYPT4GH PRIVATE KEY-----\n"), text);
    assertTrue(text.endsWith("\n-----END CRYPT4GH PRIVATE KEY-----\n"), text);
    assertEquals(3, text.split("\n").length, "base64 on one line, as Python writes it");

    // the layout Python writes
    Body body = new Body(bodyOf(text));
    assertEquals("c4gh-v1", new String(body.take(7), US_ASCII));
    assertEquals(kdf.specName(), body.string());
    if (kdf == Kdf.NONE) {
      assertEquals("none", body.string());
      assertArrayEquals(KEY.exportSecretBytes(), body.bytes(), "clear key");
    } else {
      Body options = new Body(body.bytes());
      long rounds = options.u32();
      assertEquals(kdf == Kdf.SCRYPT ? 0 : kdf == Kdf.BCRYPT ? 100 : 100_000, rounds);
      assertEquals(16, options.remaining(), "salt length");
      assertEquals("chacha20_poly1305", body.string());
      assertEquals(12 + 32 + 16, body.bytes().length);
    }
    if (comment == null) {
      assertEquals(0, body.remaining());
    } else {
      assertEquals(comment, new String(body.bytes(), UTF_8));
      assertEquals(0, body.remaining());
    }

    AtomicInteger calls = new AtomicInteger();
    Crypt4ghPrivateKey read = KeyFiles.parsePrivateKey(text, () -> {
      calls.incrementAndGet();
      return PASSPHRASE.toCharArray();
    });
    assertArrayEquals(KEY.exportSecretBytes(), read.exportSecretBytes());
    assertEquals(KEY.publicKey(), read.publicKey());
    assertEquals(kdf == Kdf.NONE ? 0 : 1, calls.get(), "the passphrase is asked only for encrypted keys");
  }

  @Test
  void noneIgnoresThePassphraseAndEncryptingKdfsNeedOne() throws IOException {
    String text = KeyFiles.formatPrivateKey(KEY, Kdf.NONE, null, null, null);
    assertArrayEquals(KEY.exportSecretBytes(), KeyFiles.parsePrivateKey(text, null).exportSecretBytes());
    for (Kdf kdf : List.of(Kdf.SCRYPT, Kdf.BCRYPT, Kdf.PBKDF2_HMAC_SHA256)) {
      assertThrows(IllegalArgumentException.class, () -> KeyFiles.formatPrivateKey(KEY, kdf, new char[0], null, random(3)));
      assertThrows(IllegalArgumentException.class, () -> KeyFiles.formatPrivateKey(KEY, kdf, null, null, random(3)));
    }
  }

  @Test
  void saltAndNonceAreFreshEachTime() {
    SecureRandom random = new SecureRandom();
    String a = KeyFiles.formatPrivateKey(KEY, Kdf.SCRYPT, PASSPHRASE.toCharArray(), null, random);
    String b = KeyFiles.formatPrivateKey(KEY, Kdf.SCRYPT, PASSPHRASE.toCharArray(), null, random);
    assertNotEquals(a, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ENCRYPTED PRIVATE KEY", "CRYPT4GH ENCRYPTED PRIVATE KEY", "ANYTHING AT ALL"})
  void anyArmorLabelIsAcceptedForC4ghKeys(String label) throws IOException {
    String alice = resource("/vectors/crypt4gh-python/keys/alice.sec").replace("CRYPT4GH PRIVATE KEY", label);
    Crypt4ghPrivateKey key = KeyFiles.parsePrivateKey(alice, ALICE_PASSPHRASE::toCharArray);
    assertEquals(
        "7f44109d5400159197df9c43d48a66634a9e20eb60d2978e9937fb8d917b9625",
        HexFormat.of().formatHex(key.publicKey().toBytes()));
    String clear = KeyFiles.formatPrivateKey(KEY, Kdf.NONE, null, "c", null).replace("CRYPT4GH PRIVATE KEY", label);
    assertArrayEquals(KEY.exportSecretBytes(), KeyFiles.parsePrivateKey(clear, null).exportSecretBytes());
  }

  @Test
  void nonAsciiPassphraseIsUtf8() throws Exception {
    // Latin-1, a BMP symbol, a supplementary character (a surrogate pair in Java) and CJK
    String passphrase = "Pässwörd ☃ \uD834\uDD1E 密码";
    String text = KeyFiles.formatPrivateKey(KEY, Kdf.SCRYPT, passphrase.toCharArray(), null, random(4));
    assertArrayEquals(KEY.exportSecretBytes(),
        KeyFiles.parsePrivateKey(text, passphrase::toCharArray).exportSecretBytes());

    // independently: scrypt over the UTF-8 bytes opens the blob
    Body body = new Body(bodyOf(text));
    body.take(7);
    body.string();
    Body options = new Body(body.bytes());
    options.u32();
    byte[] salt = options.take(options.remaining());
    body.string();
    byte[] blob = body.bytes();
    byte[] key = SCrypt.generate(passphrase.getBytes(UTF_8), salt, 1 << 14, 8, 1, 32);
    assertArrayEquals(KEY.exportSecretBytes(), chacha20Poly1305Open(key, blob));

    // other bytes for the same text (NFD) do not open it
    String nfd = Normalizer.normalize(passphrase, Normalizer.Form.NFD);
    assertNotEquals(passphrase, nfd);
    assertThrows(WrongPassphraseException.class, () -> KeyFiles.parsePrivateKey(text, nfd::toCharArray));
  }

  @Test
  void nonAsciiPassphraseWithPbkdf2() throws Exception {
    // JCA's PBKDF2WithHmacSHA256 would encode the chars itself; the bytes must be UTF-8
    String passphrase = "Ὀδυσσεύς-Τηλέμαχος";
    String text = KeyFiles.formatPrivateKey(KEY, Kdf.PBKDF2_HMAC_SHA256, passphrase.toCharArray(), null, random(5));
    assertArrayEquals(KEY.exportSecretBytes(), KeyFiles.parsePrivateKey(text, passphrase::toCharArray).exportSecretBytes());
    Body body = new Body(bodyOf(text));
    body.take(7);
    body.string();
    Body options = new Body(body.bytes());
    int rounds = (int) options.u32();
    byte[] salt = options.take(options.remaining());
    body.string();
    byte[] blob = body.bytes();
    byte[] key = io.github.c4gh.crypt4gh.internal.keys.KeyDerivation.pbkdf2HmacSha256(passphrase.getBytes(UTF_8), salt, rounds, 32);
    assertArrayEquals(KEY.exportSecretBytes(), chacha20Poly1305Open(key, blob));
  }

  @Test
  void unpairedSurrogateInPassphraseIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> KeyFiles.formatPrivateKey(KEY, Kdf.SCRYPT, new char[] {'a', '\uD800', 'b'}, null, random(6)));
  }

  @Test
  void passphraseArrayIsWipedAndSourceErrorsPropagate() throws IOException {
    String text = KeyFiles.formatPrivateKey(KEY, Kdf.PBKDF2_HMAC_SHA256, PASSPHRASE.toCharArray(), null, random(7));
    char[] handedOut = PASSPHRASE.toCharArray();
    KeyFiles.parsePrivateKey(text, () -> handedOut);
    assertArrayEquals(new char[PASSPHRASE.length()], handedOut);

    IOException cancelled = new IOException("prompt cancelled");
    IOException thrown = assertThrows(IOException.class, () -> KeyFiles.parsePrivateKey(text, () -> {
      throw cancelled;
    }));
    assertEquals(cancelled, thrown);

    char[] mine = PASSPHRASE.toCharArray();
    PassphraseSource source = PassphraseSource.of(mine);
    Arrays.fill(mine, 'x');
    assertArrayEquals(KEY.exportSecretBytes(), KeyFiles.parsePrivateKey(text, source).exportSecretBytes());
    assertArrayEquals(KEY.exportSecretBytes(), KeyFiles.parsePrivateKey(text, source).exportSecretBytes(), "reusable");
  }

  // ---------------------------------------------------------------- public keys

  @Test
  void publicKeyFormatAndRoundTrip() throws IOException {
    String text = KeyFiles.formatPublicKey(KEY.publicKey());
    assertEquals(
        "-----BEGIN CRYPT4GH PUBLIC KEY-----\n" + KEY.publicKey().toBase64() + "\n-----END CRYPT4GH PUBLIC KEY-----\n", text);
    assertEquals(KEY.publicKey(), KeyFiles.parsePublicKey(text));
  }

  @Test
  void publicKeyToleratesCrlfBlankLinesAndWhitespace() throws IOException {
    String b64 = KEY.publicKey().toBase64();
    List<String> variants = List.of(
        "-----BEGIN CRYPT4GH PUBLIC KEY-----\r\n" + b64 + "\r\n-----END CRYPT4GH PUBLIC KEY-----\r\n",
        "\n\n  -----BEGIN CRYPT4GH PUBLIC KEY-----  \n\n" + b64 + "\n\n-----END CRYPT4GH PUBLIC KEY-----\n\n\n",
        "-----BEGIN CRYPT4GH PUBLIC KEY-----\n" + b64.substring(0, 20) + "\n" + b64.substring(20) + "\n-----END CRYPT4GH PUBLIC KEY-----",
        "\uFEFF-----BEGIN CRYPT4GH PUBLIC KEY-----\n\t" + b64 + " \n-----END CRYPT4GH PUBLIC KEY-----\n");
    for (String v : variants) {
      assertEquals(KEY.publicKey(), KeyFiles.parsePublicKey(v), v);
    }
  }

  @Test
  void openSshPublicKeyVariants() throws IOException {
    String line = resource("/vectors/crypt4gh-python/keys/frank_ssh.pub").strip();
    Crypt4ghPublicKey expected = KeyFiles.parsePublicKey(line);
    String noComment = line.substring(0, line.lastIndexOf(' '));
    for (String v : List.of(line + "\r\n", "\n  " + line + "  \n\n", noComment, noComment + "\n")) {
      assertEquals(expected, KeyFiles.parsePublicKey(v), v);
    }
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey(line + "\n" + line));
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey("ssh-ed25519"));
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey("ssh-ed25519 AAAA*AAA"));
  }

  @Test
  void openSshPublicKeysOfOtherTypesAreUnsupported() {
    String rsaBlob = Base64.getEncoder().encodeToString(ssh("ssh-rsa", new byte[] {1, 0, 1}, new byte[129]));
    assertThrows(UnsupportedKeyFormatException.class, () -> KeyFiles.parsePublicKey("ssh-rsa " + rsaBlob + " bob@example.org"));
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePublicKey("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= x"));
    // the type word says ed25519 but the blob says rsa: damage
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey("ssh-ed25519 " + rsaBlob));
  }

  @Test
  void openSshPublicKeyMustBeAValidPoint() {
    byte[] identity = new byte[32];
    identity[0] = 1; // y = 1: the neutral element, of small order
    String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(ssh("ssh-ed25519", identity));
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey(line));
    String shortKey = "ssh-ed25519 " + Base64.getEncoder().encodeToString(ssh("ssh-ed25519", new byte[31]));
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey(shortKey));
  }

  @Test
  void publicKeyErrors() {
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey(""));
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePublicKey("hello"));
    assertThrows(MalformedKeyFileException.class,
        () -> KeyFiles.parsePublicKey("-----BEGIN CRYPT4GH PUBLIC KEY-----\nAAAA\n-----END CRYPT4GH PUBLIC KEY-----\n"));
    assertThrows(MalformedKeyFileException.class,
        () -> KeyFiles.parsePublicKey("-----BEGIN CRYPT4GH PUBLIC KEY-----\n" + KEY.publicKey().toBase64() + "\n"));
    assertThrows(MalformedKeyFileException.class,
        () -> KeyFiles.parsePublicKey("-----BEGIN CRYPT4GH PUBLIC KEY-----\n" + KEY.publicKey().toBase64()
            + "\n-----END CRYPT4GH PUBLIC KEY-----\ntrailing text\n"));
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePublicKey(resource("/vectors/crypt4gh-python/keys/alice.sec")));
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(resource("/vectors/crypt4gh-python/keys/alice.pub"), null));
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(resource("/vectors/crypt4gh-python/keys/frank_ssh.pub"), null));
  }

  // ---------------------------------------------------------------- malformed and unsupported secret keys

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   \n\n",
      "hello world",
      "c4gh-v1",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC12MQ==\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC12MQ==\n-----END OTHER LABEL-----\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\n-----END CRYPT4GH PRIVATE KEY-----\n",
      "garbage\n-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC12MQ==\n-----END CRYPT4GH PRIVATE KEY-----\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC12MQ==\n-----END CRYPT4GH PRIVATE KEY-----\ngarbage\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRn*aC12MQ==\n-----END CRYPT4GH PRIVATE KEY-----\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC1=2MQ\n-----END CRYPT4GH PRIVATE KEY-----\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nYzRnaC12MQ\u00e9\n-----END CRYPT4GH PRIVATE KEY-----\n",
      "-----BEGIN CRYPT4GH PRIVATE KEY-----\nbm90IGEga2V5\n-----END CRYPT4GH PRIVATE KEY-----\n",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n",
  })
  void malformedText(String text) {
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePrivateKey(text, KeyFilesTest::neverAsked));
  }

  @Test
  void otherArmoredFormatsAreUnsupported() {
    assertThrows(UnsupportedKeyFormatException.class, () -> KeyFiles.parsePrivateKey(
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIA==\n-----END PRIVATE KEY-----\n", KeyFilesTest::neverAsked));
  }

  @Test
  void everyTruncationIsMalformedExceptAtTheOptionalComment() throws IOException {
    byte[] alice = bodyOf(resource("/vectors/crypt4gh-python/keys/alice.sec"));
    // "c4gh-v1" | kdf "scrypt" | options 4 + 16 | cipher "chacha20_poly1305" | blob 60 | comment
    int withoutComment = 7 + 2 + 6 + 2 + 20 + 2 + 17 + 2 + 60;
    for (int length = 0; length < alice.length; length++) {
      String text = armor("CRYPT4GH PRIVATE KEY", Arrays.copyOf(alice, length));
      if (length == withoutComment) {
        Crypt4ghPrivateKey key = KeyFiles.parsePrivateKey(text, ALICE_PASSPHRASE::toCharArray);
        assertEquals("7f44109d5400159197df9c43d48a66634a9e20eb60d2978e9937fb8d917b9625",
            HexFormat.of().formatHex(key.publicKey().toBytes()));
      } else {
        int l = length;
        assertThrows(MalformedKeyFileException.class,
            () -> KeyFiles.parsePrivateKey(text, KeyFilesTest::neverAsked), () -> "truncated to " + l);
      }
    }
  }

  @Test
  void unknownKdfIsUnsupported() {
    byte[] body = c4gh("argon2id", options(3, new byte[16]), "chacha20_poly1305", new byte[60]);
    UnsupportedKeyFormatException e = assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("CRYPT4GH PRIVATE KEY", body), KeyFilesTest::neverAsked));
    assertTrue(e.getMessage().contains("argon2id"), e.getMessage());
  }

  @Test
  void unknownCipherIsUnsupported() {
    byte[] encrypted = c4gh("scrypt", options(0, new byte[16]), "aes256_gcm", new byte[60]);
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("CRYPT4GH PRIVATE KEY", encrypted), KeyFilesTest::neverAsked));
    byte[] clear = c4gh("none", "xchacha20", new byte[32]);
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("CRYPT4GH PRIVATE KEY", clear), KeyFilesTest::neverAsked));
  }

  @Test
  void hugeLengthFieldsAreMalformed() {
    byte[] u16 = concat("c4gh-v1".getBytes(US_ASCII), new byte[] {(byte) 0xff, (byte) 0xff}, "scrypt".getBytes(US_ASCII));
    assertThrows(MalformedKeyFileException.class,
        () -> KeyFiles.parsePrivateKey(armor("CRYPT4GH PRIVATE KEY", u16), KeyFilesTest::neverAsked));
    for (int top : new int[] {0xff, 0x7f, 0x00}) {
      byte[] u32 = concat("openssh-key-v1\0".getBytes(US_ASCII), new byte[] {(byte) top, (byte) 0xff, (byte) 0xff, (byte) 0xf0},
          "none".getBytes(US_ASCII));
      assertThrows(MalformedKeyFileException.class,
          () -> KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", u32), KeyFilesTest::neverAsked));
    }
  }

  @Test
  void inconsistentC4ghContentIsMalformed() {
    List<byte[]> bodies = List.of(
        c4gh("none", "none", new byte[32], "comment", "trailing"), // trailing garbage after the comment
        concat(c4gh("none", "none", new byte[32]), new byte[] {0}), // a lone byte after the key
        c4gh("none", "none", new byte[31]), // clear key of the wrong length
        c4gh("none", "chacha20_poly1305", new byte[60]), // encrypted without a KDF
        c4gh("scrypt", options(0, new byte[16]), "chacha20_poly1305", new byte[59]), // short blob
        c4gh("scrypt", new byte[3], "chacha20_poly1305", new byte[60]), // options shorter than rounds
        c4gh("bcrypt", options(0, new byte[16]), "chacha20_poly1305", new byte[60]), // bcrypt with 0 rounds
        c4gh("bcrypt", options(16, new byte[0]), "chacha20_poly1305", new byte[60]), // bcrypt with no salt
        c4gh("pbkdf2_hmac_sha256", options(0, new byte[16]), "chacha20_poly1305", new byte[60]));
    for (byte[] body : bodies) {
      assertThrows(MalformedKeyFileException.class,
          () -> KeyFiles.parsePrivateKey(armor("CRYPT4GH PRIVATE KEY", body), KeyFilesTest::neverAsked));
    }
  }

  @Test
  void tamperedEncryptedKeyFailsAsWrongPassphrase() throws IOException {
    byte[] body = bodyOf(KeyFiles.formatPrivateKey(KEY, Kdf.SCRYPT, PASSPHRASE.toCharArray(), null, random(8)));
    body[body.length - 1] ^= 1; // last byte of the tag
    assertThrows(WrongPassphraseException.class,
        () -> KeyFiles.parsePrivateKey(armor("CRYPT4GH PRIVATE KEY", body), PASSPHRASE::toCharArray));
  }

  @Test
  void openSshKeyOfAnotherTypeIsUnsupported() {
    byte[] rsaPublic = ssh("ssh-rsa", new byte[] {1, 0, 1}, new byte[129]);
    byte[] section = opensshSection(0x01020304, 0x01020304, "ssh-rsa", new byte[3], new byte[129], new byte[64]);
    byte[] body = openssh("none", "none", new byte[0], 1, rsaPublic, section);
    UnsupportedKeyFormatException e = assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", body), KeyFilesTest::neverAsked));
    assertTrue(e.getMessage().contains("ssh-rsa"), e.getMessage());
  }

  @Test
  void openSshUnsupportedVariants() throws IOException {
    OpenSshParts henry = henry();
    // two keys in one file
    byte[] twoKeys = openssh("none", "none", new byte[0], 2, henry.publicBlob, henry.section);
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", twoKeys), KeyFilesTest::neverAsked));
    // an AEAD cipher
    byte[] aead = openssh("chacha20-poly1305@openssh.com", "bcrypt", ssh(new byte[16], u32(16)), 1, henry.publicBlob,
        henry.section);
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", aead), KeyFilesTest::neverAsked));
    // another KDF
    byte[] otherKdf = openssh("aes256-ctr", "scrypt", new byte[0], 1, henry.publicBlob, henry.section);
    assertThrows(UnsupportedKeyFormatException.class,
        () -> KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", otherKdf), KeyFilesTest::neverAsked));
  }

  @Test
  void openSshDamageIsMalformed() throws IOException {
    OpenSshParts henry = henry();
    // unchanged, it reads
    byte[] good = openssh("none", "none", new byte[0], 1, henry.publicBlob, henry.section);
    KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", good), KeyFilesTest::neverAsked);

    byte[] badCheck = henry.section.clone();
    badCheck[0] ^= 1;
    byte[] badSeed = henry.section.clone();
    badSeed[4 + 4 + 4 + 11 + 4 + 32 + 4] ^= 1; // first byte of the seed
    byte[] badPadding = henry.section.clone();
    badPadding[badPadding.length - 1] ^= 1;
    byte[] otherPublic = ssh("ssh-ed25519", KeyFilesTest.edPublicOf(henry.publicBlob, true));
    List<byte[]> bodies = List.of(
        openssh("none", "none", new byte[0], 1, henry.publicBlob, badCheck),
        openssh("none", "none", new byte[0], 1, henry.publicBlob, badSeed),
        openssh("none", "none", new byte[0], 1, henry.publicBlob, badPadding),
        openssh("none", "none", new byte[0], 1, otherPublic, henry.section),
        openssh("none", "none", new byte[0], 1, henry.publicBlob, Arrays.copyOf(henry.section, henry.section.length - 1)),
        concat(good, new byte[] {0}),
        openssh("aes256-ctr", "none", new byte[0], 1, henry.publicBlob, henry.section),
        openssh("none", "bcrypt", ssh(new byte[16], u32(16)), 1, henry.publicBlob, henry.section),
        openssh("aes256-ctr", "bcrypt", ssh(new byte[16], u32(0)), 1, henry.publicBlob, henry.section));
    for (byte[] body : bodies) {
      assertThrows(MalformedKeyFileException.class,
          () -> KeyFiles.parsePrivateKey(armor("OPENSSH PRIVATE KEY", body), KeyFilesTest::neverAsked));
    }
  }

  // ---------------------------------------------------------------- files

  @Test
  void writeAndReadFiles(@TempDir Path dir) throws IOException {
    Path sec = dir.resolve("key.sec");
    Path pub = dir.resolve("key.pub");
    KeyFiles.writePrivateKey(sec, KEY, Kdf.SCRYPT, PASSPHRASE.toCharArray(), "me", random(9), false);
    KeyFiles.writePublicKey(pub, KEY.publicKey(), false);
    assertArrayEquals(KEY.exportSecretBytes(), KeyFiles.readPrivateKey(sec, PASSPHRASE::toCharArray).exportSecretBytes());
    assertEquals(KEY.publicKey(), KeyFiles.readPublicKey(pub));
    assertEquals(KeyFiles.formatPublicKey(KEY.publicKey()), Files.readString(pub));
  }

  @Test
  void writeRefusesToOverwriteUnlessAsked(@TempDir Path dir) throws IOException {
    Path sec = dir.resolve("key.sec");
    Path pub = dir.resolve("key.pub");
    KeyFiles.writePrivateKey(sec, KEY, Kdf.NONE, null, "first", null, false);
    KeyFiles.writePublicKey(pub, KEY.publicKey(), false);
    String before = Files.readString(sec);

    Crypt4ghPrivateKey other = Crypt4ghPrivateKey.generate(random(10));
    assertThrows(FileAlreadyExistsException.class,
        () -> KeyFiles.writePrivateKey(sec, other, Kdf.NONE, null, "second", null, false));
    assertThrows(FileAlreadyExistsException.class, () -> KeyFiles.writePublicKey(pub, other.publicKey(), false));
    assertEquals(before, Files.readString(sec));
    assertEquals(KEY.publicKey(), KeyFiles.readPublicKey(pub));

    KeyFiles.writePrivateKey(sec, other, Kdf.NONE, null, "second", null, true);
    KeyFiles.writePublicKey(pub, other.publicKey(), true);
    assertArrayEquals(other.exportSecretBytes(), KeyFiles.readPrivateKey(sec, null).exportSecretBytes());
    assertEquals(other.publicKey(), KeyFiles.readPublicKey(pub));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("key.pub", "key.sec"), files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
          "no temporary files left behind");
    }
  }

  @Test
  void privateKeyFileIsOwnerOnly(@TempDir Path dir) throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path fresh = dir.resolve("fresh.sec");
    KeyFiles.writePrivateKey(fresh, KEY, Kdf.NONE, null, null, null, false);
    assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(fresh));

    Path replaced = dir.resolve("replaced.sec");
    Files.writeString(replaced, "old");
    Files.setPosixFilePermissions(replaced, EnumSet.allOf(PosixFilePermission.class));
    KeyFiles.writePrivateKey(replaced, KEY, Kdf.NONE, null, null, null, true);
    assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(replaced));
  }

  @Test
  void failedWritesLeaveNoFile(@TempDir Path dir) throws IOException {
    Path sec = dir.resolve("key.sec");
    assertThrows(IllegalArgumentException.class,
        () -> KeyFiles.writePrivateKey(sec, KEY, Kdf.SCRYPT, new char[0], null, random(11), false));
    assertFalse(Files.exists(sec));
    Path missingDir = dir.resolve("missing").resolve("key.sec");
    assertThrows(NoSuchFileException.class,
        () -> KeyFiles.writePrivateKey(missingDir, KEY, Kdf.NONE, null, null, null, false));
    assertThrows(NoSuchFileException.class,
        () -> KeyFiles.writePrivateKey(missingDir, KEY, Kdf.NONE, null, null, null, true));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void readRejectsHugeAndBinaryFiles(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge");
    Files.write(huge, new byte[1 << 20]);
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.readPrivateKey(huge, KeyFilesTest::neverAsked));
    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThrows(MalformedKeyFileException.class, () -> KeyFiles.readPublicKey(binary));
  }

  // ---------------------------------------------------------------- secrets stay secret

  @Test
  void secretsDoNotAppearInToStringOrMessages() {
    byte[] secret = KEY.exportSecretBytes();
    String shown = KEY.toString();
    assertFalse(shown.contains(HexFormat.of().formatHex(secret)), shown);
    assertFalse(shown.contains(Base64.getEncoder().encodeToString(secret)), shown);
    assertFalse(shown.contains(Base64.getEncoder().encodeToString(secret).substring(0, 16)), shown);

    String text = KeyFiles.formatPrivateKey(KEY, Kdf.PBKDF2_HMAC_SHA256, PASSPHRASE.toCharArray(), null, random(12));
    String wrong = "wrong-" + PASSPHRASE;
    WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
        () -> KeyFiles.parsePrivateKey(text, wrong::toCharArray));
    assertFalse(e.getMessage().contains(wrong), e.getMessage());
    assertFalse(e.getMessage().contains(PASSPHRASE), e.getMessage());

    // a malformed clear key: its base64 must not be echoed
    String clear = KeyFiles.formatPrivateKey(KEY, Kdf.NONE, null, null, null);
    String b64 = clear.split("\n")[1];
    String damaged = clear.replace(b64, b64.substring(0, 10) + "*" + b64.substring(10));
    MalformedKeyFileException m = assertThrows(MalformedKeyFileException.class, () -> KeyFiles.parsePrivateKey(damaged, null));
    assertFalse(m.getMessage().contains(b64.substring(0, 10)), m.getMessage());
    assertEquals(null, m.getCause());
  }

  // ---------------------------------------------------------------- helpers

  private static byte[] chacha20Poly1305Open(byte[] key, byte[] blob) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(blob, 0, 12));
    return cipher.doFinal(blob, 12, blob.length - 12);
  }

  private static char[] neverAsked() {
    fail("the passphrase source must not be called");
    return null;
  }

  private static String resource(String name) {
    try (InputStream in = KeyFilesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The decoded body of armored text. */
  private static byte[] bodyOf(String armored) {
    String b64 = Stream.of(armored.split("\r?\n")).filter(l -> !l.startsWith("-----")).collect(Collectors.joining());
    return Base64.getDecoder().decode(b64.strip());
  }

  private static String armor(String label, byte[] body) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(body)
        + "\n-----END " + label + "-----\n";
  }

  /** "c4gh-v1" then each field as a u16-length string (String fields as UTF-8). */
  private static byte[] c4gh(Object... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("c4gh-v1".getBytes(US_ASCII));
    for (Object f : fields) {
      byte[] b = f instanceof String ? ((String) f).getBytes(UTF_8) : (byte[]) f;
      out.write(b.length >>> 8);
      out.write(b.length & 0xff);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static byte[] options(int rounds, byte[] salt) {
    return concat(u32(rounds), salt);
  }

  /** SSH wire strings (u32 length || bytes), String fields as UTF-8. */
  private static byte[] ssh(Object... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object f : fields) {
      byte[] b = f instanceof String ? ((String) f).getBytes(UTF_8) : (byte[]) f;
      out.writeBytes(u32(b.length));
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static byte[] openssh(String cipher, String kdf, byte[] kdfOptions, int keys, byte[] publicBlob, byte[] section) {
    return concat("openssh-key-v1\0".getBytes(US_ASCII), ssh(cipher, kdf, kdfOptions), u32(keys), ssh(publicBlob, section));
  }

  /** A private section: check ints, then the fields as strings, a comment and padding to 8 bytes. */
  private static byte[] opensshSection(int check1, int check2, String type, byte[]... fields) {
    Object[] strings = new Object[fields.length + 2];
    strings[0] = type;
    System.arraycopy(fields, 0, strings, 1, fields.length);
    strings[strings.length - 1] = "comment";
    byte[] unpadded = concat(u32(check1), u32(check2), ssh(strings));
    byte[] padded = Arrays.copyOf(unpadded, (unpadded.length + 7) / 8 * 8);
    for (int i = unpadded.length; i < padded.length; i++) {
      padded[i] = (byte) (i - unpadded.length + 1);
    }
    return padded;
  }

  private static final class OpenSshParts {
    byte[] publicBlob;
    byte[] section;
  }

  /** The public blob and clear private section of ssh-keygen's henry_none.sec. */
  private static OpenSshParts henry() {
    Body body = new Body(bodyOf(resource("/vectors/openssh-keygen/henry_none.sec")));
    body.take(15);
    body.sshString();
    body.sshString();
    body.sshString();
    body.u32();
    OpenSshParts parts = new OpenSshParts();
    parts.publicBlob = body.sshString();
    parts.section = body.sshString();
    return parts;
  }

  /** The Ed25519 key in a public blob, optionally replaced by another valid point (the base point). */
  private static byte[] edPublicOf(byte[] blob, boolean replace) {
    if (replace) {
      byte[] base = new byte[32];
      base[0] = 0x58;
      Arrays.fill(base, 1, 32, (byte) 0x66);
      return base;
    }
    return Arrays.copyOfRange(blob, blob.length - 32, blob.length);
  }

  private static byte[] u32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A cursor over a decoded body, for checking layouts. */
  private static final class Body {
    private final byte[] b;
    private int pos;

    Body(byte[] b) {
      this.b = b;
    }

    byte[] take(int n) {
      byte[] out = Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    byte[] bytes() {
      int n = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
      pos += 2;
      return take(n);
    }

    String string() {
      return new String(bytes(), UTF_8);
    }

    long u32() {
      byte[] x = take(4);
      return ((long) (x[0] & 0xff) << 24) | ((x[1] & 0xff) << 16) | ((x[2] & 0xff) << 8) | (x[3] & 0xff);
    }

    byte[] sshString() {
      return take((int) u32());
    }

    int remaining() {
      return b.length - pos;
    }
  }
}
