package io.github.c4gh.bridge;

import io.github.c4gh.crypt4gh.ReencryptOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How an object is re-keyed on the server. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: the header is re-encrypted with {@link ReencryptOptions#defaults()} (packets the key
 * cannot open are kept, so their recipients keep access; the opened packets are encrypted for the
 * new recipients only, so the old key loses access unless it is among them), the object is replaced
 * in place, {@code bucket-owner-full-control} as for uploads, copy parts of {@value
 * #DEFAULT_COPY_PART_SIZE} bytes, {@value UploadOptions#DEFAULT_PARTS_IN_FLIGHT} requests in
 * flight.
 *
 * <pre>{@code
 * RekeyOptions options = RekeyOptions.builder()
 *     .reencrypt(ReencryptOptions.defaults().withTrim(true))
 *     .build();
 * }</pre>
 */
public final class RekeyOptions {
  /** The default size of the server-side copy parts, 256 MiB. */
  public static final long DEFAULT_COPY_PART_SIZE = 256L * 1024 * 1024;

  private static final RekeyOptions DEFAULTS = builder().build();

  private final ReencryptOptions reencrypt;
  private final String targetKey;
  private final boolean overwrite;
  private final Boolean bucketOwnerFullControl;
  private final long copyPartSize;
  private final int partsInFlight;

  private RekeyOptions(Builder b) {
    this.reencrypt = b.reencrypt;
    this.targetKey = b.targetKey;
    this.overwrite = b.overwrite;
    this.bucketOwnerFullControl = b.bucketOwnerFullControl;
    this.copyPartSize = b.copyPartSize;
    this.partsInFlight = b.partsInFlight;
  }

  /**
   * The default options.
   *
   * @return options with every default
   */
  public static RekeyOptions defaults() {
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
    b.reencrypt = reencrypt;
    b.targetKey = targetKey;
    b.overwrite = overwrite;
    b.bucketOwnerFullControl = bucketOwnerFullControl;
    b.copyPartSize = copyPartSize;
    b.partsInFlight = partsInFlight;
    return b;
  }

  /**
   * A copy with some options changed.
   *
   * @param changes applied to a builder holding these options
   * @return the new options
   */
  public RekeyOptions copy(Consumer<Builder> changes) {
    Builder b = toBuilder();
    changes.accept(b);
    return b.build();
  }

  /**
   * How the header is re-encrypted (trim, sender, expected sender).
   *
   * @return the core's options
   */
  public ReencryptOptions reencrypt() {
    return reencrypt;
  }

  /**
   * Where the re-keyed object goes.
   *
   * @return another key in the same bucket, or empty to replace the object in place
   */
  public Optional<String> targetKey() {
    return Optional.ofNullable(targetKey);
  }

  /**
   * Whether an existing object at {@link #targetKey()} may be replaced (replacing the source in
   * place is what re-keying is for and needs no permission).
   *
   * @return {@code false} unless asked for
   */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * Whether the re-keyed object gets {@code bucket-owner-full-control}.
   *
   * @param bucket the bucket as addressed
   * @return the explicit choice, else whether {@code bucket} has the {@code <tenant>:<bucket>} form
   */
  public boolean sendsBucketOwnerFullControl(String bucket) {
    return bucketOwnerFullControl != null ? bucketOwnerFullControl : bucket.indexOf(':') > 0;
  }

  /**
   * The size of each server-side copy part.
   *
   * @return bytes (raised when 10 000 parts would not hold the object)
   */
  public long copyPartSize() {
    return copyPartSize;
  }

  /**
   * How many copy parts run at the same time.
   *
   * @return 1 or more
   */
  public int partsInFlight() {
    return partsInFlight;
  }

  @Override
  public String toString() {
    return "RekeyOptions{trim=" + reencrypt.trim() + ", targetKey=" + targetKey + ", overwrite=" + overwrite + ", bucketOwnerFullControl="
        + (bucketOwnerFullControl == null ? "auto" : bucketOwnerFullControl) + ", copyPartSize=" + copyPartSize + ", partsInFlight="
        + partsInFlight + "}";
  }

  /** Builds {@link RekeyOptions}. Not thread-safe. */
  public static final class Builder {
    private ReencryptOptions reencrypt = ReencryptOptions.defaults();
    private String targetKey;
    private boolean overwrite;
    private Boolean bucketOwnerFullControl;
    private long copyPartSize = DEFAULT_COPY_PART_SIZE;
    private int partsInFlight = UploadOptions.DEFAULT_PARTS_IN_FLIGHT;

    private Builder() {}

    /**
     * How the header is re-encrypted.
     *
     * @param options the core's options (trim, sender, expected sender)
     * @return this builder
     */
    public Builder reencrypt(ReencryptOptions options) {
      this.reencrypt = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Writes the re-keyed object to another key of the same bucket and keeps the source.
     *
     * @param key the new key, or {@code null} to replace the source in place
     * @return this builder
     */
    public Builder targetKey(String key) {
      this.targetKey = key;
      return this;
    }

    /**
     * Allows replacing an existing object at {@link #targetKey(String)}.
     *
     * @param overwrite {@code true} to replace
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sends (or not) {@code bucket-owner-full-control}.
     *
     * @param send {@code true} or {@code false}; {@code null} for the default (on for {@code
     *     <tenant>:<bucket>})
     * @return this builder
     */
    public Builder bucketOwnerFullControl(Boolean send) {
      this.bucketOwnerFullControl = send;
      return this;
    }

    /**
     * The size of each server-side copy part.
     *
     * @param bytes from 5 MiB to 5 GiB
     * @return this builder
     */
    public Builder copyPartSize(long bytes) {
      if (bytes < UploadOptions.MIN_PART_SIZE || bytes > UploadOptions.MAX_PART_SIZE) {
        throw new IllegalArgumentException("copy part size must be from 5 MiB to 5 GiB, not " + bytes);
      }
      this.copyPartSize = bytes;
      return this;
    }

    /**
     * How many copy parts run at the same time.
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
     * Builds the options.
     *
     * @return the immutable options
     */
    public RekeyOptions build() {
      return new RekeyOptions(this);
    }
  }
}
