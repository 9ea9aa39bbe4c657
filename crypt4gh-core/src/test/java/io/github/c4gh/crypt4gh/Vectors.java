package io.github.c4gh.crypt4gh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The interop vectors written by the Python reference (see vectors/crypt4gh-python/README.md). */
final class Vectors {
  static final Path ROOT = root();

  private Vectors() {}

  private static Path root() {
    try {
      return Path.of(Vectors.class.getResource("/vectors/crypt4gh-python/MANIFEST.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path file(String relative) {
    return ROOT.resolve(relative);
  }

  /** Rows of a TSV file as header-name to value maps. */
  static List<Map<String, String>> tsv(String name) {
    try {
      List<String> lines = Files.readAllLines(ROOT.resolve(name), StandardCharsets.UTF_8);
      String[] head = lines.get(0).split("\t", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < head.length; i++) {
          row.put(head[i], i < cells.length ? cells[i] : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Crypt4ghPrivateKey secretKey(String relative, String passphrase) throws IOException {
    return KeyFiles.readPrivateKey(file(relative), () -> "-".equals(passphrase) ? null : passphrase.toCharArray());
  }

  static Crypt4ghPublicKey publicKey(String relative) throws IOException {
    return KeyFiles.readPublicKey(file(relative));
  }

  /** Alice's key, the recipient of most vectors. */
  static Crypt4ghPrivateKey alice() throws IOException {
    return secretKey("keys/alice.sec", "H8koGN3lzkke");
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
