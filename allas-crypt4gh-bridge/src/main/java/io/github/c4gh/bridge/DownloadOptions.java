package io.github.c4gh.bridge;

import java.util.function.Consumer;

/**
 * How encrypted objects are read. Immutable; build with {@link #builder()}.
 *
 * <p>A whole-object stream fetches the object in ranges of {@link #rangeSize()} bytes, {@link
 * #parallelRanges()} at a time, and holds at most {@code parallelRanges + 1} ranges in memory. A
 * seekable channel fetches the header once, then for a random read the (at most two) segments it
 * touches in one ranged GET; reads that continue where the last fetch ended double the fetched
 * window up to {@link #readAhead()} bytes. It caches at most about twice that.
 *
 * <pre>{@code
 * DownloadOptions options = DownloadOptions.builder().parallelRanges(4).build();
 * }</pre>
 */
public final class DownloadOptions {
  /** The default range size of whole-object streams, 8 MiB. */
  public static final int DEFAULT_RANGE_SIZE = 8 * 1024 * 1024;
  /** The default number of ranges a whole-object stream fetches at the same time. */
  public static final int DEFAULT_PARALLEL_RANGES = 2;
  /** The default largest read-ahead window of seekable channels, 4 MiB. */
  public static final int DEFAULT_READ_AHEAD = 4 * 1024 * 1024;

  private static final DownloadOptions DEFAULTS = builder().build();

  private final int rangeSize;
  private final int parallelRanges;
  private final int readAhead;

  private DownloadOptions(Builder b) {
    this.rangeSize = b.rangeSize;
    this.parallelRanges = b.parallelRanges;
    this.readAhead = b.readAhead;
  }

  /**
   * The default options.
   *
   * @return options with every default
   */
  public static DownloadOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.rangeSize = rangeSize;
    b.parallelRanges = parallelRanges;
    b.readAhead = readAhead;
    return b;
  }

  /**
   * A copy with some options changed.
   *
   * @param changes applied to a builder holding these options
   * @return the new options
   */
  public DownloadOptions copy(Consumer<Builder> changes) {
    Builder b = toBuilder();
    changes.accept(b);
    return b.build();
  }

  /**
   * Bytes per ranged GET of a whole-object stream.
   *
   * @return the range size
   */
  public int rangeSize() {
    return rangeSize;
  }

  /**
   * Ranged GETs a whole-object stream runs at the same time.
   *
   * @return 1 (sequential) or more
   */
  public int parallelRanges() {
    return parallelRanges;
  }

  /**
   * The largest window a seekable channel fetches for sequential reads.
   *
   * @return bytes
   */
  public int readAhead() {
    return readAhead;
  }

  @Override
  public String toString() {
    return "DownloadOptions{rangeSize=" + rangeSize + ", parallelRanges=" + parallelRanges + ", readAhead=" + readAhead + "}";
  }

  /** Builds {@link DownloadOptions}. Not thread-safe. */
  public static final class Builder {
    private int rangeSize = DEFAULT_RANGE_SIZE;
    private int parallelRanges = DEFAULT_PARALLEL_RANGES;
    private int readAhead = DEFAULT_READ_AHEAD;

    private Builder() {}

    /**
     * Bytes per ranged GET of a whole-object stream.
     *
     * @param bytes 64 KiB to 1 GiB
     * @return this builder
     */
    public Builder rangeSize(int bytes) {
      if (bytes < 64 * 1024 || bytes > 1 << 30) {
        throw new IllegalArgumentException("range size must be from 64 KiB to 1 GiB, not " + bytes);
      }
      this.rangeSize = bytes;
      return this;
    }

    /**
     * Ranged GETs a whole-object stream runs at the same time.
     *
     * @param ranges 1 or more
     * @return this builder
     */
    public Builder parallelRanges(int ranges) {
      if (ranges < 1) {
        throw new IllegalArgumentException("parallel ranges must be at least 1, not " + ranges);
      }
      this.parallelRanges = ranges;
      return this;
    }

    /**
     * The largest window a seekable channel fetches for sequential reads.
     *
     * @param bytes at least two segments (131 128 bytes); at most 256 MiB
     * @return this builder
     */
    public Builder readAhead(int bytes) {
      if (bytes < 2 * 65_564 || bytes > 256 * 1024 * 1024) {
        throw new IllegalArgumentException("read-ahead must be from 131128 bytes to 256 MiB, not " + bytes);
      }
      this.readAhead = bytes;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public DownloadOptions build() {
      return new DownloadOptions(this);
    }
  }
}
