package io.github.c4gh.cli.internal;

import java.io.Console;
import java.io.IOException;

/** Where {@code c4gh} asks for passphrases without echo: the process's console, or a test double. */
@FunctionalInterface
public interface Terminal {
  /**
   * Shows {@code prompt} and reads a line without echoing it.
   *
   * @return the characters typed (the caller wipes them), or null at end of input
   * @throws IOException if the terminal cannot be read
   */
  char[] readPassword(String prompt) throws IOException;

  /**
   * The console of this process, or null when there is none: standard input or output is
   * redirected. (From JDK 22 on {@link System#console()} returns a console even then; {@code
   * isTerminal()} tells, and a prompt must never read the data piped into standard input.)
   */
  static Terminal system() {
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      return null;
    }
    return prompt -> {
      try {
        return console.readPassword("%s", prompt);
      } catch (java.io.IOError e) {
        throw new IOException("cannot read the passphrase from the terminal", e);
      }
    };
  }

  /**
   * Whether this process's standard error is a terminal (for progress bars). Java cannot ask {@code
   * isatty(2)}; on Linux {@code /proc/self/fd/2} names the device, elsewhere the answer is no. Off
   * with {@code TERM=dumb}.
   */
  static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isTerminal(Console console) {
    try {
      // Console.isTerminal() exists from JDK 22 on; before, a console exists only for a terminal
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
