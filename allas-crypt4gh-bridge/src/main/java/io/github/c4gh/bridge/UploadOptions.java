package io.github.c4gh.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * How an encrypted upload is written. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: the plaintext length is unknown, no overwrite, {@code bucket-owner-full-control}
 * when the bucket is addressed as {@code <tenant>:<bucket>} (another project's bucket on a tenanted
 * RGW), parts of about {@value #DEFAULT_PART_SIZE} bytes, {@value #DEFAULT_PARTS_IN_FLIGHT} parts in
 * flight, {@code Content-MD5} on every part, no progress listener, content type {@code
 * application/octet-stream}, no user metadata.
 *
 * <p>Memory: an upload holds at most {@code partsInFlight + 1} part buffers (one being filled, the
 * others being sent), plus the encryptor's segment buffers, whatever the object size. With a known
 * length the part size is fixed up front; with an unknown length it starts at {@link
 * #partSize()} and doubles every 1 000 parts, so that 10 000 parts reach S3's 5 TiB object limit
 * (a stream of up to about 8 GB keeps the initial size).
 *
 * <pre>{@code
 * UploadOptions options = UploadOptions.builder()
 *     .expectedLength(Files.size(file))
 *     .partsInFlight(4)
 *     .build();
 * }</pre>
 */
public final class UploadOptions {
  /** The default target part size, 8 MiB (rounded up to whole segments). */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
  /** The default number of parts uploaded at the same time. */
  public static final int DEFAULT_PARTS_IN_FLIGHT = 4;
  /** The smallest part S3 accepts (except for the last part), 5 MiB. */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  /** The largest part S3 accepts, 5 GiB. */
  public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

  private static final UploadOptions DEFAULTS = builder().build();

  private final long expectedLength;
  private final boolean overwrite;
  private final Boolean bucketOwnerFullControl;
  private final long partSize;
  private final int partsInFlight;
  private final boolean contentMd5;
  private final ProgressListener progressListener;
  private final String contentType;
  private final Map<String, String> metadata;

  private UploadOptions(Builder b) {
    this.expectedLength = b.expectedLength;
    this.overwrite = b.overwrite;
    this.bucketOwnerFullControl = b.bucketOwnerFullControl;
    this.partSize = b.partSize;
    this.partsInFlight = b.partsInFlight;
    this.contentMd5 = b.contentMd5;
    this.progressListener = b.progressListener;
    this.contentType = b.contentType;
    this.metadata = Map.copyOf(b.metadata);
  }

  /**
   * The default options.
   *
   * @return options with every default
   */
  public static UploadOptions defaults() {
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
    b.expectedLength = expectedLength;
    b.overwrite = overwrite;
    b.bucketOwnerFullControl = bucketOwnerFullControl;
    b.partSize = partSize;
    b.partsInFlight = partsInFlight;
    b.contentMd5 = contentMd5;
    b.progressListener = progressListener;
    b.contentType = contentType;
    b.metadata.putAll(metadata);
    return b;
  }

  /**
   * A copy with some options changed.
   *
   * @param changes applied to a builder holding these options
   * @return the new options
   */
  public UploadOptions copy(Consumer<Builder> changes) {
    Builder b = toBuilder();
    changes.accept(b);
    return b.build();
  }

  /**
   * The plaintext length the caller will write.
   *
   * @return the length, or empty when unknown
   */
  public OptionalLong expectedLength() {
    return expectedLength < 0 ? OptionalLong.empty() : OptionalLong.of(expectedLength);
  }

  /**
   * Whether an existing object may be replaced.
   *
   * @return {@code false} unless asked for
   */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * Whether the canned ACL {@code bucket-owner-full-control} was set explicitly.
   *
   * @return the explicit choice, or empty for the default (on for {@code <tenant>:<bucket>})
   */
  public Optional<Boolean> bucketOwnerFullControl() {
    return Optional.ofNullable(bucketOwnerFullControl);
  }

  /**
   * Whether an upload into {@code bucket} sends {@code bucket-owner-full-control}.
   *
   * @param bucket the bucket as addressed
   * @return the explicit choice, else whether {@code bucket} has the {@code <tenant>:<bucket>} form
   */
  public boolean sendsBucketOwnerFullControl(String bucket) {
    return bucketOwnerFullControl != null ? bucketOwnerFullControl : bucket.indexOf(':') > 0;
  }

  /**
   * The target part size (rounded up to whole segments; with a known length, raised when 10 000
   * parts would not hold the object).
   *
   * @return bytes, at least {@link #MIN_PART_SIZE}
   */
  public long partSize() {
    return partSize;
  }

  /**
   * How many parts are uploaded at the same time.
   *
   * @return 1 or more
   */
  public int partsInFlight() {
    return partsInFlight;
  }

  /**
   * Whether every part and single PUT carries {@code Content-MD5}, so the server verifies it
   * received what was sealed, and the multipart ETag is checked against the parts' digests.
   *
   * @return {@code true} unless turned off
   */
  public boolean contentMd5() {
    return contentMd5;
  }

  /**
   * The progress listener.
   *
   * @return the listener, or empty
   */
  public Optional<ProgressListener> progressListener() {
    return Optional.ofNullable(progressListener);
  }

  /**
   * The content type stored with the object.
   *
   * @return the type
   */
  public String contentType() {
    return contentType;
  }

  /**
   * User metadata stored with the object, in clear text.
   *
   * @return an immutable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "UploadOptions{expectedLength=" + (expectedLength < 0 ? "unknown" : expectedLength) + ", overwrite=" + overwrite
        + ", bucketOwnerFullControl=" + (bucketOwnerFullControl == null ? "auto" : bucketOwnerFullControl) + ", partSize=" + partSize
        + ", partsInFlight=" + partsInFlight + ", contentMd5=" + contentMd5 + ", contentType=" + contentType + ", metadata="
        + metadata.keySet() + "}";
  }

  /** Builds {@link UploadOptions}. Not thread-safe. */
  public static final class Builder {
    private long expectedLength = -1;
    private boolean overwrite;
    private Boolean bucketOwnerFullControl;
    private long partSize = DEFAULT_PART_SIZE;
    private int partsInFlight = DEFAULT_PARTS_IN_FLIGHT;
    private boolean contentMd5 = true;
    private ProgressListener progressListener;
    private String contentType = "application/octet-stream";
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The exact plaintext length that will be written. The part size is then chosen up front
     * (and the progress knows the total). It is a promise: writing more fails at once, and
     * closing after fewer bytes aborts the upload instead of storing a truncated object.
     *
     * @param length bytes, 0 or more; -1 for unknown
     * @return this builder
     */
    public Builder expectedLength(long length) {
      if (length < -1) {
        throw new IllegalArgumentException("expected length must be -1 (unknown) or at least 0, not " + length);
      }
      this.expectedLength = length;
      return this;
    }

    /**
     * Allows replacing an existing object. Allas keeps no old versions: the old content is gone.
     *
     * @param overwrite {@code true} to replace
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sends (or not) the canned ACL {@code bucket-owner-full-control}, which a producer uploading
     * into another project's bucket should send.
     *
     * @param send {@code true} or {@code false}; {@code null} for the default: send it when the
     *     bucket is addressed as {@code <tenant>:<bucket>}
     * @return this builder
     */
    public Builder bucketOwnerFullControl(Boolean send) {
      this.bucketOwnerFullControl = send;
      return this;
    }

    /**
     * The target part size.
     *
     * @param bytes from {@link #MIN_PART_SIZE} to {@link #MAX_PART_SIZE}
     * @return this builder
     */
    public Builder partSize(long bytes) {
      if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
        throw new IllegalArgumentException("part size must be from 5 MiB to 5 GiB, not " + bytes);
      }
      this.partSize = bytes;
      return this;
    }

    /**
     * How many parts are uploaded at the same time (each holds one part buffer).
     *
     * @param parts 1 or more
     * @return this builder
     */
    public Builder partsInFlight(int parts) {
      if (parts < 1) {
        throw new IllegalArgumentException("parts in flight must be at least 1, not " + parts);
      }
      this.partsInFlight = parts;
      return this;
    }

    /**
     * Sends (or not) {@code Content-MD5} with every part.
     *
     * @param contentMd5 {@code false} to skip it
     * @return this builder
     */
    public Builder contentMd5(boolean contentMd5) {
      this.contentMd5 = contentMd5;
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param listener the listener, or {@code null} for none
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = listener;
      return this;
    }

    /**
     * Sets the content type stored with the object.
     *
     * @param contentType for example {@code application/octet-stream}
     * @return this builder
     */
    public Builder contentType(String contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /**
     * Adds one user metadata entry. Metadata is stored in clear text: never put file names or
     * other sensitive facts here.
     *
     * @param name the name, without {@code x-amz-meta-}
     * @param value the value (US-ASCII is safest)
     * @return this builder
     */
    public Builder metadata(String name, String value) {
      metadata.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public UploadOptions build() {
      return new UploadOptions(this);
    }
  }
}
