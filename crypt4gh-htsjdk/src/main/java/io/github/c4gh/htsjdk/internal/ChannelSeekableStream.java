package io.github.c4gh.htsjdk.internal;

import htsjdk.samtools.seekablestream.SeekableStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * An htsjdk {@link SeekableStream} over any {@link SeekableByteChannel} (typically a Crypt4GH
 * seekable decrypting channel). {@link #read(byte[], int, int)} goes straight to the channel in one
 * bulk read; the single-byte {@link #read()} exists only because {@link java.io.InputStream} demands
 * it. Positions and length are the channel's (plaintext bytes for a decrypting channel).
 * Single-owner: not thread-safe, like the channel under it.
 */
public final class ChannelSeekableStream extends SeekableStream {
  private final SeekableByteChannel channel;
  private final String source;
  private byte[] one;
  private boolean closed;

  /**
   * @param channel the channel to read; closed by {@link #close()}
   * @param source what {@link #getSource()} returns (htsjdk sniffs the format of a stream from its
   *     name, so give the plaintext name, e.g. {@code x.bam}); may be null
   */
  public ChannelSeekableStream(SeekableByteChannel channel, String source) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.source = source;
  }

  /**
   * The channel's size. {@link SeekableStream#length()} cannot throw a checked exception, so a
   * failure to learn the size is rethrown as {@link UncheckedIOException} rather than hidden as 0.
   */
  @Override
  public long length() {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot get the size of " + source, e);
    }
  }

  @Override
  public long position() throws IOException {
    return channel.position();
  }

  @Override
  public void seek(long position) throws IOException {
    if (position < 0) {
      throw new IOException("cannot seek to negative position " + position + " in " + source);
    }
    channel.position(position);
  }

  /** One bulk read from the channel; a short count is possible, 0 only when {@code length} is 0. */
  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    ByteBuffer dst = ByteBuffer.wrap(buffer, offset, length);
    int n;
    do {
      n = channel.read(dst);
    } while (n == 0); // an InputStream must not answer 0 for a non-empty request
    return n;
  }

  @Override
  public int read() throws IOException {
    if (one == null) {
      one = new byte[1];
    }
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  /** Skips by moving the position (never reads), at most to the end. */
  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long pos = channel.position();
    long target = Math.max(pos, Math.min(channel.size(), pos + n));
    channel.position(target);
    return target - pos;
  }

  @Override
  public boolean eof() throws IOException {
    return channel.position() >= channel.size();
  }

  /** Closes the channel. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }

  @Override
  public String getSource() {
    return source;
  }

  @Override
  public String toString() {
    return "ChannelSeekableStream[" + source + "]";
  }
}
