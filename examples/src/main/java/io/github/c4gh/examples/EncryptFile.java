package io.github.c4gh.examples;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Encrypts a file for the project's key and CSC's Sensitive Data key, then decrypts it again and
 * compares. Needs no server.
 *
 * <pre>{@code
 * java ... io.github.c4gh.examples.EncryptFile                       # a generated 3 MiB file, a fresh key
 * java ... io.github.c4gh.examples.EncryptFile IN OUT project.pub    # your file, your key
 * }</pre>
 */
public final class EncryptFile {
  private EncryptFile() {}

  /**
   * Runs the example.
   *
   * @param args none, or {@code IN OUT PUBLIC_KEY_FILE}
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("c4gh-encrypt-file");
    Path in = args.length >= 1 ? Path.of(args[0]) : dir.resolve("sample.bin");
    Path out = args.length >= 2 ? Path.of(args[1]) : dir.resolve("sample.bin.c4gh");
    Crypt4ghPrivateKey ownKey = null;
    Crypt4ghPublicKey project;
    if (args.length >= 3) {
      project = KeyFiles.readPublicKey(Path.of(args[2]));
    } else {
      ownKey = Crypt4ghPrivateKey.generate();
      project = ownKey.publicKey();
    }
    if (args.length == 0) {
      try (InputStream data = new GeneratedData(1, 3 << 20)) {
        Files.copy(data, in);
      }
    }

    Crypt4ghEncryptor encryptor =
        Crypt4ghEncryptor.builder().recipient(project).recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY).build();
    try (InputStream src = Files.newInputStream(in); OutputStream dst = encryptor.newEncryptingStream(Files.newOutputStream(out))) {
      src.transferTo(dst);
    }
    System.out.printf("encrypted %s (%d bytes) -> %s (%d bytes) for %s and CSC's Sensitive Data key%n",
        in, Files.size(in), out, Files.size(out), project.toBase64());

    if (ownKey != null) {
      Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(ownKey).build();
      byte[] back;
      try (InputStream plain = decryptor.newDecryptingStream(Files.newInputStream(out))) {
        back = plain.readAllBytes();
      }
      if (!Arrays.equals(back, Files.readAllBytes(in))) {
        throw new AssertionError("decrypted bytes differ");
      }
      System.out.println("decrypted again: identical");
      Examples.deleteTree(dir);
    }
  }
}
