package io.github.c4gh.cli.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error for the transfer commands, redrawn at most every 200 ms
 * and erased when the transfer ends (so the line printed after it, or a failure's one line, starts
 * clean). Drawn only when {@link CliContext#stderrIsTerminal()}; otherwise every call does nothing.
 * Thread-safe.
 */
final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintStream err;
  private final String label;
  private final long started = System.nanoTime();
  private long total;
  private long lastDraw;
  private int lastWidth;

  private Progress(PrintStream err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  /** A progress bar for {@code total} bytes (-1 when unknown), or one that draws nothing when stderr is no terminal. */
  static Progress start(CliContext context, String label, long total) {
    return new Progress(context.stderrIsTerminal() ? context.stderr() : null, label, total);
  }

  /** Sets the total once it is known. */
  synchronized void total(long newTotal) {
    this.total = newTotal;
  }

  /** Shows {@code done} bytes transferred (redrawn at most every 200 ms). */
  synchronized void update(long done) {
    if (err == null) {
      return;
    }
    long now = System.nanoTime();
    if (lastDraw != 0 && now - lastDraw < REDRAW_NANOS && (total < 0 || done < total)) {
      return;
    }
    lastDraw = now;
    StringBuilder b = new StringBuilder(label).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
      b.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
      b.append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, done * 100 / total)));
      b.append(size(done)).append(" / ").append(size(total));
    } else {
      b.append(size(done));
    }
    double seconds = (now - started) / 1e9;
    if (seconds > 0.5) {
      b.append("  ").append(size((long) (done / seconds))).append("/s");
    }
    String line = b.toString();
    int pad = Math.max(0, lastWidth - line.length());
    err.print("\r" + line + " ".repeat(pad));
    err.flush();
    lastWidth = line.length();
  }

  /** Erases the bar. */
  @Override
  public synchronized void close() {
    if (err != null && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
      lastWidth = 0;
    }
  }

  /** A byte count for people: {@code 512 B}, {@code 12.3 MiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
