package io.github.c4gh.examples;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decrypts only the bytes {@code [START, END)} of an encrypted file (END exclusive), reading just
 * the 64 KiB segments they live in. Needs no server.
 *
 * <pre>{@code
 * java ... io.github.c4gh.examples.DecryptRange                              # a generated 8 MiB file
 * C4GH_PASSPHRASE=... java ... io.github.c4gh.examples.DecryptRange FILE.c4gh project.sec 1000-2000
 * }</pre>
 */
public final class DecryptRange {
  private DecryptRange() {}

  /**
   * Runs the example.
   *
   * @param args none, or {@code ENCRYPTED_FILE SECRET_KEY_FILE START-END} (passphrase in {@code C4GH_PASSPHRASE})
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path dir = null;
    Path file;
    Crypt4ghPrivateKey key;
    long start;
    long end;
    if (args.length >= 3) {
      file = Path.of(args[0]);
      key = KeyFiles.readPrivateKey(Path.of(args[1]), () -> System.getenv("C4GH_PASSPHRASE").toCharArray());
      String[] range = args[2].split("-", 2);
      start = Long.parseLong(range[0]);
      end = Long.parseLong(range[1]);
    } else {
      dir = Files.createTempDirectory("c4gh-decrypt-range");
      file = dir.resolve("sample.bin.c4gh");
      key = Crypt4ghPrivateKey.generate();
      try (OutputStream out = Crypt4ghEncryptor.builder().recipient(key.publicKey()).build().newEncryptingStream(Files.newOutputStream(file))) {
        new GeneratedData(7, 8 << 20).transferTo(out);
      }
      start = 5_000_000;
      end = 5_100_000;
    }
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end - start));
    try (SeekableByteChannel plain = decryptor.newSeekableDecryptingChannel(Files.newByteChannel(file))) {
      plain.position(start);
      while (buf.hasRemaining() && plain.read(buf) >= 0) {
        // read on
      }
    }
    buf.flip();
    System.out.printf("decrypted bytes [%d, %d) of %s: %d bytes%n", start, end, file, buf.remaining());
    if (dir != null) {
      if (!Arrays.equals(Arrays.copyOf(buf.array(), buf.remaining()), GeneratedData.bytesAt(7, start, (int) (end - start)))) {
        throw new AssertionError("the range differs from the plaintext");
      }
      System.out.println("equal to the plaintext at that offset");
      Examples.deleteTree(dir);
    } else {
      System.out.write(buf.array(), 0, buf.limit());
      System.out.flush();
    }
  }
}
