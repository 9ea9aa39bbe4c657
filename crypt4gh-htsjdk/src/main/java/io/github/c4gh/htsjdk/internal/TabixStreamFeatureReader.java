package io.github.c4gh.htsjdk.internal;

import htsjdk.samtools.seekablestream.SeekableStream;
import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.tribble.AsciiFeatureCodec;
import htsjdk.tribble.CloseableTribbleIterator;
import htsjdk.tribble.Feature;
import htsjdk.tribble.FeatureReader;
import htsjdk.tribble.index.Block;
import htsjdk.tribble.index.tabix.TabixIndex;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A tabix-indexed {@link FeatureReader} over two {@link SeekableStream}s (bgzipped data and its
 * {@code .tbi}), for inputs that htsjdk's own readers cannot take: tribble opens data and index by
 * path only, does not apply channel wrappers to local files, and decides "tabix" and "bgzip" by the
 * file extension, which {@code .c4gh} hides.
 *
 * <p>A query asks the index for the chunks (BGZF virtual offset ranges) overlapping the region,
 * seeks to each and decodes lines until the chunk ends, keeping the features that overlap the
 * region, as htsjdk's {@code TabixFeatureReader} does; so only the compressed blocks the index
 * names are read. Only the newest iterator of a reader can be read (they share one stream): an
 * older one throws {@link ConcurrentModificationException}. Single-owner: not thread-safe.
 */
public final class TabixStreamFeatureReader<T extends Feature> implements FeatureReader<T> {
  private final String source;
  private final AsciiFeatureCodec<T> codec;
  private final TabixIndex index;
  private final BlockCompressedInputStream bgzf;
  private final Object header;
  private final char meta;
  private int generation;
  private boolean closed;

  /**
   * Reads the index (and closes its stream) and the header. On failure both streams are closed.
   *
   * @param data the bgzipped text (plaintext view); closed by {@link #close()}
   * @param tabixIndex the {@code .tbi} (plaintext view)
   */
  public TabixStreamFeatureReader(SeekableStream data, SeekableStream tabixIndex, AsciiFeatureCodec<T> codec) throws IOException {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.source = data.getSource();
    try {
      try (BlockCompressedInputStream in = new BlockCompressedInputStream(tabixIndex)) {
        this.index = new TabixIndex(new BufferedInputStream(in, 1 << 16));
      }
      this.meta = index.getFormatSpec().metaCharacter;
      this.bgzf = new BlockCompressedInputStream(data);
      // the codec keeps the header it read: VCFCodec needs it to decode records
      this.header = codec.readActualHeader(codec.makeSourceFromStream(bgzf));
    } catch (IOException | RuntimeException e) {
      closeQuietly(tabixIndex, e);
      closeQuietly(data, e);
      throw e;
    }
  }

  private static void closeQuietly(SeekableStream s, Throwable primary) {
    try {
      s.close();
    } catch (IOException | RuntimeException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  /** Features overlapping {@code chr:start-end} (1-based, inclusive), in file order. */
  @Override
  public CloseableTribbleIterator<T> query(String chr, int start, int end) throws IOException {
    ensureOpen();
    return new Features(index.getBlocks(chr, start, end), chr, start, end);
  }

  /** Every feature in the file, in file order. */
  @Override
  public CloseableTribbleIterator<T> iterator() throws IOException {
    ensureOpen();
    bgzf.seek(0);
    return new Features(null, null, 0, 0);
  }

  @Override
  public List<String> getSequenceNames() {
    return index.getSequenceNames();
  }

  @Override
  public Object getHeader() {
    return header;
  }

  @Override
  public boolean isQueryable() {
    return true;
  }

  /** Closes the data stream. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      generation++;
      bgzf.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the reader of " + source + " is closed");
    }
  }

  @Override
  public String toString() {
    return "TabixStreamFeatureReader[" + source + "]";
  }

  private final class Features implements CloseableTribbleIterator<T> {
    private final int myGeneration = ++generation;
    private final List<Block> blocks; // null: the whole file from its start
    private final String chr;
    private final int start;
    private final int end;
    private int nextBlock;
    private long blockEnd;
    private boolean inBlock;
    private T pending;
    private boolean done;

    Features(List<Block> blocks, String chr, int start, int end) {
      this.blocks = blocks;
      this.chr = chr;
      this.start = start;
      this.end = end;
      this.inBlock = blocks == null;
    }

    private T advance() throws IOException {
      while (true) {
        if (blocks != null) {
          if (!inBlock) {
            if (nextBlock >= blocks.size()) {
              return null;
            }
            Block b = blocks.get(nextBlock++);
            bgzf.seek(b.getStartPosition());
            blockEnd = b.getEndPosition();
            inBlock = true;
          }
          if (Long.compareUnsigned(bgzf.getFilePointer(), blockEnd) >= 0) {
            inBlock = false;
            continue;
          }
        }
        String line = bgzf.readLine();
        if (line == null) {
          return null;
        }
        if (line.isEmpty() || line.charAt(0) == meta) {
          continue;
        }
        T f = codec.decode(line);
        if (f == null) {
          continue;
        }
        if (blocks == null) {
          return f;
        }
        if (!chr.equals(f.getContig())) {
          continue;
        }
        if (f.getStart() > end) {
          return null; // sorted: nothing further can overlap
        }
        if (f.getEnd() < start) {
          continue;
        }
        return f;
      }
    }

    @Override
    public boolean hasNext() {
      if (myGeneration != generation) {
        throw new ConcurrentModificationException(
            "a newer query or iterator (or close) on the reader of " + source + " invalidated this iterator");
      }
      if (pending == null && !done) {
        try {
          pending = advance();
        } catch (IOException e) {
          done = true;
          throw new UncheckedIOException("reading " + source, e);
        }
        done = pending == null;
      }
      return pending != null;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      T f = pending;
      pending = null;
      return f;
    }

    @Override
    public void close() {
      done = true;
      pending = null;
    }

    @Override
    public Iterator<T> iterator() {
      return this;
    }
  }
}
