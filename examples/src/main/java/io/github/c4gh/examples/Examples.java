package io.github.c4gh.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Small helpers shared by the examples.
 *
 * <pre>{@code
 * Path dir = Files.createTempDirectory("demo");
 * ...
 * Examples.deleteTree(dir);
 * }</pre>
 */
public final class Examples {
  private Examples() {}

  /**
   * Deletes a directory and everything in it.
   *
   * @param dir the directory
   */
  public static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
