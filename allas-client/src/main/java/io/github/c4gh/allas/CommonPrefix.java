package io.github.c4gh.allas;

import java.util.Objects;

/**
 * A group of keys in a listing with a delimiter, like a directory: every key that starts with
 * {@code prefix}.
 *
 * @param prefix the common prefix, ending with the delimiter
 */
public record CommonPrefix(String prefix) implements ListEntry {
  /** Checks that the prefix is present. */
  public CommonPrefix {
    Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * The prefix.
   *
   * @return {@link #prefix()}
   */
  @Override
  public String key() {
    return prefix;
  }
}
