package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The input of a command: the file of {@code --in}, or standard input (never closed here). */
final class Input implements Closeable {
  private final Path path;
  private final FileChannel file;
  private final ReadableByteChannel channel;

  private Input(Path path, FileChannel file, ReadableByteChannel channel) {
    this.path = path;
    this.file = file;
    this.channel = channel;
  }

  /** Opens {@code --in FILE}, or standard input when {@code pathOrNull} is null. */
  static Input open(Path pathOrNull, InputStream stdin) throws CliException {
    if (pathOrNull == null) {
      return new Input(null, null, new StdinChannel(stdin));
    }
    if (Files.isDirectory(pathOrNull)) {
      throw new CliException("cannot read " + pathOrNull + ": it is a directory");
    }
    try {
      FileChannel ch = FileChannel.open(pathOrNull, StandardOpenOption.READ);
      return new Input(pathOrNull, ch, ch);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + pathOrNull + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read " + pathOrNull + ": permission denied", e);
    } catch (IOException e) {
      throw new CliException("cannot read " + pathOrNull + ": " + Failures.describe(e), e);
    }
  }

  /** Whether the input is a file (seekable, with a known size). */
  boolean isFile() {
    return file != null;
  }

  /** The file channel; only when {@link #isFile()}. */
  FileChannel file() {
    if (file == null) {
      throw new IllegalStateException("standard input is not a file");
    }
    return file;
  }

  /** The input as a channel, at its current position. */
  ReadableByteChannel channel() {
    return channel;
  }

  /** {@code the input file NAME} or {@code standard input}, for messages. */
  String describe() {
    return path == null ? "standard input" : path.toString();
  }

  /** Moves past {@code n} bytes (by seeking for a file); stops early at the end of the input. */
  void skip(long n) throws IOException {
    if (file != null) {
      file.position(Math.min(file.size(), file.position() + n));
    } else {
      Transfer.skip(channel, n);
    }
  }

  /** A format error of the Crypt4GH input, as a message that names the input. */
  CliException formatError(Crypt4ghFormatException e) {
    return new CliException(describe() + ": " + e.getMessage(), e);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  /** Standard input as a channel whose close leaves standard input open. */
  private static final class StdinChannel implements ReadableByteChannel {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private boolean open = true;

    StdinChannel(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!dst.hasRemaining()) {
        return 0;
      }
      int n;
      if (dst.hasArray()) {
        n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
      } else {
        n = in.read(buf, 0, Math.min(buf.length, dst.remaining()));
        if (n > 0) {
          dst.put(buf, 0, n);
        }
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
