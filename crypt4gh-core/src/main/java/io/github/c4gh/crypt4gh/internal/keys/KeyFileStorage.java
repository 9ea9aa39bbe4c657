package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/** Reading and writing small key files: bounded reads, owner-only creation, no partial files. */
public final class KeyFileStorage {
  /** Key files are a few hundred bytes; anything larger than this is not one. */
  public static final int MAX_KEY_FILE_SIZE = 64 * 1024;

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private KeyFileStorage() {}

  /**
   * The text of a key file, decoded as strict UTF-8. The caller owns the array and should wipe it.
   *
   * @throws MalformedKeyFileException if the file is larger than {@link #MAX_KEY_FILE_SIZE} or not
   *     UTF-8 text
   */
  public static char[] readText(Path path) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_KEY_FILE_SIZE + 1);
    }
    char[] chars = new char[bytes.length];
    try {
      if (bytes.length > MAX_KEY_FILE_SIZE) {
        throw new MalformedKeyFileException("not a key file: larger than " + MAX_KEY_FILE_SIZE + " bytes: " + path);
      }
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      CharBuffer out = CharBuffer.wrap(chars);
      CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, true);
      if (result.isUnderflow()) {
        result = decoder.flush(out);
      }
      if (!result.isUnderflow()) {
        throw new MalformedKeyFileException("not a key file: not UTF-8 text: " + path);
      }
      return Arrays.copyOf(chars, out.position());
    } finally {
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Writes {@code content} to {@code target}. Without {@code overwrite} the file is created
   * exclusively (an existing file, or a link, fails with {@link FileAlreadyExistsException}); with
   * it the content goes to a new file in the same directory that then replaces the target (atomically
   * where the file system can). On any failure no new or partial file is left behind. With {@code
   * ownerOnly}, on file systems with POSIX permissions the file is created with mode 0600 from the
   * start.
   */
  public static void write(Path target, byte[] content, boolean overwrite, boolean ownerOnly) throws IOException {
    boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = ownerOnly && posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
        : new FileAttribute<?>[0];
    if (!overwrite) {
      writeNew(target, content, attributes);
      return;
    }
    Path directory = target.toAbsolutePath().getParent();
    String name = target.getFileName().toString();
    SecureRandom random = new SecureRandom();
    Path temporary = null;
    for (int attempt = 0; temporary == null; attempt++) {
      byte[] suffix = new byte[8];
      random.nextBytes(suffix);
      Path candidate = directory.resolve("." + name + "." + HexFormat.of().formatHex(suffix) + ".tmp");
      try {
        writeNew(candidate, content, attributes);
        temporary = candidate;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 8) {
          throw e;
        }
      }
    }
    try {
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(temporary, e);
      throw e;
    }
  }

  private static void writeNew(Path path, byte[] content, FileAttribute<?>[] attributes) throws IOException {
    SeekableByteChannel channel = Files.newByteChannel(path, CREATE_NEW, attributes);
    try {
      try (channel) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (channel instanceof FileChannel) {
          ((FileChannel) channel).force(true);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(path, e);
      throw e;
    }
  }

  private static void deleteQuietly(Path path, Throwable failure) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
