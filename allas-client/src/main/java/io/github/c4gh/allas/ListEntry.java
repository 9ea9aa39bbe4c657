package io.github.c4gh.allas;

/**
 * One entry of a bucket listing: an object or, when listing with a delimiter, a common prefix that
 * stands for every key below it.
 */
public sealed interface ListEntry permits ObjectSummary, CommonPrefix {
  /**
   * The object key, or the prefix (ending with the delimiter).
   *
   * @return the key or prefix
   */
  String key();
}
