package io.github.c4gh.cli.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The output of a command: standard output, or the file of {@code --out}. A file is written to a
 * temporary file in the same directory and moved into place by {@link #commit()} only when the
 * command succeeded; {@link #close()} without a commit deletes it, so a failed command leaves no
 * partial file. Without {@code --force} an existing file is never replaced.
 */
final class Output implements Closeable {
  private final Path target;
  private final boolean force;
  private final Path temporary;
  private final FileChannel file;
  private final WritableByteChannel channel;
  private boolean committed;

  private Output(Path target, boolean force, Path temporary, FileChannel file, WritableByteChannel channel) {
    this.target = target;
    this.force = force;
    this.temporary = temporary;
    this.file = file;
    this.channel = channel;
  }

  /**
   * Checks, before any work, that {@code --out} can be written: it must not exist unless {@code
   * force}, must not be a directory, and its directory must exist. Does nothing for standard output.
   */
  static void check(Path targetOrNull, boolean force) throws CliException {
    if (targetOrNull == null) {
      return;
    }
    if (Files.isDirectory(targetOrNull)) {
      throw new CliException("cannot write " + targetOrNull + ": it is a directory");
    }
    if (!force && Files.exists(targetOrNull, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliException(targetOrNull + " already exists (use -f/--force to replace it)");
    }
    Path dir = targetOrNull.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new CliException("cannot write " + targetOrNull + ": the directory " + dir + " does not exist");
    }
  }

  /** Opens the output: a new temporary file beside {@code targetOrNull}, or standard output. */
  static Output open(Path targetOrNull, boolean force, PrintStream stdout) throws CliException {
    if (targetOrNull == null) {
      return new Output(null, false, null, null, new StdoutChannel(stdout));
    }
    check(targetOrNull, force);
    Path dir = targetOrNull.toAbsolutePath().getParent();
    String name = targetOrNull.getFileName().toString();
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; ; attempt++) {
      byte[] suffix = new byte[6];
      random.nextBytes(suffix);
      Path candidate = dir.resolve("." + name + "." + HexFormat.of().formatHex(suffix) + ".part");
      try {
        FileChannel ch = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        candidate.toFile().deleteOnExit(); // also when the JVM is stopped by SIGINT or SIGTERM
        return new Output(targetOrNull, force, candidate, ch, ch);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 8) {
          throw new CliException("cannot create a temporary file beside " + targetOrNull, e);
        }
      } catch (IOException e) {
        throw new CliException("cannot write " + targetOrNull + ": " + Failures.describe(e), e);
      }
    }
  }

  /** The output as a channel; closing it does not commit. */
  WritableByteChannel channel() {
    return new WritableByteChannel() {
      private boolean open = true;

      @Override
      public int write(ByteBuffer src) throws IOException {
        if (!open) {
          throw new ClosedChannelException();
        }
        return channel.write(src);
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() {
        open = false;
      }
    };
  }

  /** Whether the output is standard output. */
  boolean isStdout() {
    return target == null;
  }

  /**
   * Finishes the output: flushes standard output, or syncs the temporary file and moves it to the
   * target (atomically; without {@code --force} failing if the target appeared meanwhile).
   */
  void commit() throws IOException {
    if (target == null) {
      ((StdoutChannel) channel).flush();
      committed = true;
      return;
    }
    file.force(true);
    file.close();
    if (force) {
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } else {
      moveWithoutReplacing();
    }
    committed = true;
  }

  private void moveWithoutReplacing() throws IOException {
    boolean linked;
    try {
      // a hard link is created atomically and never replaces an existing file
      Files.createLink(target, temporary);
      linked = true;
    } catch (FileAlreadyExistsException e) {
      throw new CliException(target + " already exists (use -f/--force to replace it)", e);
    } catch (IOException | UnsupportedOperationException e) {
      linked = false;
    }
    if (linked) {
      Files.deleteIfExists(temporary);
    } else {
      try {
        Files.move(temporary, target);
      } catch (FileAlreadyExistsException e) {
        throw new CliException(target + " already exists (use -f/--force to replace it)", e);
      }
    }
  }

  /** Without a {@link #commit()}, deletes the temporary file. Standard output stays open. */
  @Override
  public void close() throws IOException {
    if (target == null) {
      if (!committed) {
        ((StdoutChannel) channel).flushQuietly();
      }
      return;
    }
    if (!committed) {
      try {
        file.close();
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Standard output as a channel that reports write errors (PrintStream hides them) and never closes it. */
  private static final class StdoutChannel implements WritableByteChannel {
    private final PrintStream out;

    StdoutChannel(PrintStream out) {
      this.out = out;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = src.remaining();
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), n);
        src.position(src.limit());
      } else {
        byte[] tmp = new byte[n];
        src.get(tmp);
        out.write(tmp, 0, n);
      }
      if (out.checkError()) {
        throw new IOException("cannot write to standard output (closed pipe or full disk)");
      }
      return n;
    }

    void flush() throws IOException {
      if (out.checkError()) {
        throw new IOException("cannot write to standard output (closed pipe or full disk)");
      }
    }

    void flushQuietly() {
      out.flush();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
