package io.github.c4gh.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void blocksAtTheLimitAndReusesBuffersWithTheirBlocks() throws Exception {
    BufferPool pool = new BufferPool(2);
    PartBuffer a = pool.acquire(() -> {});
    PartBuffer b = pool.acquire(() -> {});
    a.append(ByteBuffer.allocate(PartBuffer.BLOCK + 1), Long.MAX_VALUE);
    CompletableFuture<PartBuffer> third = CompletableFuture.supplyAsync(() -> {
      try {
        return pool.acquire(() -> {});
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(100);
    assertFalse(third.isDone(), "the third buffer waits");
    pool.release(a);
    PartBuffer c = third.get(5, TimeUnit.SECONDS);
    assertSame(a, c);
    assertEquals(0, c.length());
    assertEquals(2L * PartBuffer.BLOCK, c.capacity());
    assertEquals(2, pool.peakOutstanding());
    assertEquals(2, pool.created());
    assertEquals(2L * PartBuffer.BLOCK, pool.peakHeldBytes());
    pool.release(b);
    pool.release(c);
    pool.clear();
  }

  @Test
  void partBuffersHoldWhatWasAppendedUpToTheLimit() throws IOException {
    BufferPool pool = new BufferPool(1);
    PartBuffer p = pool.acquire(() -> {});
    byte[] data = new byte[3 * PartBuffer.BLOCK + 12_345];
    new Random(1).nextBytes(data);
    ByteBuffer src = ByteBuffer.wrap(data);
    assertEquals(1000, p.append(src.slice().limit(1000), Long.MAX_VALUE));
    src.position(1000);
    int n = p.append(src, data.length - 10);
    assertEquals(data.length - 10 - 1000, n);
    assertEquals(10, src.remaining());
    byte[] expected = java.util.Arrays.copyOf(data, data.length - 10);
    assertArrayEquals(expected, p.toByteArray());
    try (InputStream in = p.newInputStream()) {
      assertArrayEquals(expected, in.readAllBytes());
    }
    try (InputStream in = p.newInputStream()) {
      assertEquals(expected[0] & 0xff, in.read());
      assertEquals(PartBuffer.BLOCK, in.skip(PartBuffer.BLOCK));
      assertEquals(expected[PartBuffer.BLOCK + 1] & 0xff, in.read());
    }
    assertArrayEquals(Digests.md5(expected, 0, expected.length), p.md5());
  }

  @Test
  void aFailureWakesAWaitingAcquire() throws Exception {
    BufferPool pool = new BufferPool(1);
    pool.acquire(() -> {});
    IOException failure = new IOException("part 3 failed");
    boolean[] failed = {false};
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      IOException e = assertThrows(IOException.class, () -> pool.acquire(() -> {
        if (failed[0]) {
          throw failure;
        }
      }));
      assertSame(failure, e);
    });
    Thread.sleep(100);
    failed[0] = true;
    pool.wakeAll();
    waiting.get(5, TimeUnit.SECONDS);
  }
}
