package io.github.c4gh.allas;

/**
 * What part of a bucket to list, and how.
 *
 * <pre>{@code
 * client.list("my-bucket", ListOptions.prefix("runs/2024/").withDelimiter("/"))
 *     .forEach(entry -> System.out.println(entry.key()));
 * }</pre>
 *
 * @param prefix only keys starting with this, or {@code null} for all
 * @param delimiter group keys that contain this after the prefix into {@link CommonPrefix}
 *     entries (usually {@code "/"}), or {@code null} to list every key
 * @param pageSize keys per request, 1-1000
 */
public record ListOptions(String prefix, String delimiter, int pageSize) {
  /** The largest page S3 returns. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** Checks the page size and turns empty strings into {@code null}. */
  public ListOptions {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1-1000, not " + pageSize);
    }
    prefix = prefix == null || prefix.isEmpty() ? null : prefix;
    delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
  }

  /**
   * Every key, no delimiter, pages of 1000.
   *
   * @return the options
   */
  public static ListOptions all() {
    return new ListOptions(null, null, MAX_PAGE_SIZE);
  }

  /**
   * Keys starting with a prefix, no delimiter, pages of 1000.
   *
   * @param prefix the prefix
   * @return the options
   */
  public static ListOptions prefix(String prefix) {
    return new ListOptions(prefix, null, MAX_PAGE_SIZE);
  }

  /**
   * These options with another delimiter.
   *
   * @param delimiter for example {@code "/"}
   * @return the new options
   */
  public ListOptions withDelimiter(String delimiter) {
    return new ListOptions(prefix, delimiter, pageSize);
  }

  /**
   * These options with another page size.
   *
   * @param pageSize 1-1000
   * @return the new options
   */
  public ListOptions withPageSize(int pageSize) {
    return new ListOptions(prefix, delimiter, pageSize);
  }
}
