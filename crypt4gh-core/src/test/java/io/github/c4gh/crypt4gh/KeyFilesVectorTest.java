package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key files written by other implementations: the Python reference ({@code
 * vectors/crypt4gh-python}, every KDF and both OpenSSH variants) and ssh-keygen ({@code
 * vectors/openssh-keygen}, every AES cipher mode for OpenSSH keys).
 */
class KeyFilesVectorTest {
  private static final String PYTHON = "/vectors/crypt4gh-python/";
  private static final String SSH_KEYGEN = "/vectors/openssh-keygen/";

  static Stream<Arguments> pythonKeys() {
    return rows(PYTHON + "KEYS.tsv").stream().map(r -> Arguments.of(r.get("key"), r));
  }

  static Stream<Arguments> sshKeygenKeys() {
    return rows(SSH_KEYGEN + "KEYS.tsv").stream().map(r -> Arguments.of(r.get("key"), r));
  }

  static Stream<Arguments> encryptedPythonKeys() {
    return pythonKeys().filter(a -> !"-".equals(((Map<?, ?>) a.get()[1]).get("passphrase")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythonKeys")
  void pythonSecretKeyHasTheExpectedRawKeys(String name, Map<String, String> row) throws IOException {
    Crypt4ghPrivateKey key = readSecret(PYTHON, row.get("secret_key"), row.get("passphrase"));
    assertEquals(row.get("x25519_secret_hex"), HexFormat.of().formatHex(key.exportSecretBytes()));
    assertEquals(row.get("x25519_public_hex"), HexFormat.of().formatHex(key.publicKey().toBytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythonKeys")
  void pythonPublicKeyHasTheExpectedRawKey(String name, Map<String, String> row) throws IOException {
    Crypt4ghPublicKey fromPath = KeyFiles.readPublicKey(path(PYTHON + row.get("public_key")));
    Crypt4ghPublicKey fromText = KeyFiles.parsePublicKey(text(PYTHON + row.get("public_key")));
    assertEquals(row.get("x25519_public_hex"), HexFormat.of().formatHex(fromPath.toBytes()));
    assertEquals(fromPath, fromText);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encryptedPythonKeys")
  void pythonSecretKeyWithWrongPassphraseFails(String name, Map<String, String> row) {
    String text = text(PYTHON + row.get("secret_key"));
    assertThrows(WrongPassphraseException.class,
        () -> KeyFiles.parsePrivateKey(text, () -> (row.get("passphrase") + "x").toCharArray()));
    assertThrows(WrongPassphraseException.class, () -> KeyFiles.parsePrivateKey(text, () -> null));
    assertThrows(WrongPassphraseException.class, () -> KeyFiles.parsePrivateKey(text, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sshKeygenKeys")
  void sshKeygenSecretKeyHasTheExpectedRawKeys(String name, Map<String, String> row) throws IOException {
    Crypt4ghPrivateKey key = readSecret(SSH_KEYGEN, row.get("secret_key"), row.get("passphrase"));
    assertEquals(row.get("x25519_secret_hex"), HexFormat.of().formatHex(key.exportSecretBytes()));
    assertEquals(row.get("x25519_public_hex"), HexFormat.of().formatHex(key.publicKey().toBytes()));
    assertEquals(key.publicKey(), KeyFiles.readPublicKey(path(SSH_KEYGEN + "henry_none.pub")));
    if (!"-".equals(row.get("passphrase"))) {
      // the passphrase is not ASCII: its NFD form is other bytes and must not open the key
      String nfd = java.text.Normalizer.normalize(row.get("passphrase"), java.text.Normalizer.Form.NFD);
      assertFalse(nfd.equals(row.get("passphrase")));
      assertThrows(WrongPassphraseException.class,
          () -> KeyFiles.readPrivateKey(path(SSH_KEYGEN + row.get("secret_key")), nfd::toCharArray));
    }
  }

  /** Reads a secret key; for clear keys the passphrase source must not be called at all. */
  private static Crypt4ghPrivateKey readSecret(String dir, String file, String passphrase) throws IOException {
    AtomicInteger calls = new AtomicInteger();
    boolean clear = "-".equals(passphrase);
    char[][] handedOut = new char[1][];
    Crypt4ghPrivateKey key = KeyFiles.readPrivateKey(path(dir + file), () -> {
      calls.incrementAndGet();
      if (clear) {
        fail("the passphrase source was called for a clear key");
      }
      handedOut[0] = passphrase.toCharArray();
      return handedOut[0];
    });
    assertEquals(clear ? 0 : 1, calls.get(), "passphrase source calls");
    if (!clear) {
      assertArrayEquals(new char[passphrase.length()], handedOut[0], "the returned passphrase array is wiped");
    }
    if (clear) {
      // the text entry point too (for encrypted keys KeyFilesTest covers it; KDFs are slow)
      Crypt4ghPrivateKey fromText = KeyFiles.parsePrivateKey(text(dir + file), null);
      assertArrayEquals(key.exportSecretBytes(), fromText.exportSecretBytes());
    }
    return key;
  }

  private static Path path(String resource) {
    try {
      return Path.of(KeyFilesVectorTest.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String resource) {
    try (InputStream in = KeyFilesVectorTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, String>> rows(String resource) {
    List<Map<String, String>> rows = new ArrayList<>();
    String[] lines = text(resource).split("\r?\n");
    String[] head = lines[0].split("\t", -1);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < head.length; c++) {
        row.put(head[c], c < cells.length ? cells[c] : "");
      }
      rows.add(row);
    }
    return rows;
  }
}
