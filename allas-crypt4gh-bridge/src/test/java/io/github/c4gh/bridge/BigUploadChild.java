package io.github.c4gh.bridge;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.AllasConfig;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child JVM of {@link RgwBigUploadIT}: uploads {@code size} bytes generated on the fly (no
 * file) through an {@link EncryptingUpload} under the {@code -Xmx} its parent chose, and prints one
 * {@code RESULT} line with the ETag, the SHA-256 of the plaintext and the heap it used.
 *
 * <p>Arguments: endpoint, access key, secret key, bucket, key, size, seed, part size, parts in
 * flight, recipient public key (base64), sealing threads.
 */
public final class BigUploadChild {
  private BigUploadChild() {}

  public static void main(String[] args) throws Exception {
    AtomicLong maxLiveAfterGc = new AtomicLong();
    java.util.Set<String> heapPools = new java.util.HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(e -> heapPools.contains(e.getKey()))
              .mapToLong(e -> e.getValue().getUsed())
              .sum();
          maxLiveAfterGc.accumulateAndGet(used, Math::max);
        }
      }, null, null);
    }
    // heap in use (live and garbage), sampled
    AtomicLong maxHeapUsed = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (true) {
        maxHeapUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    // the live set: heap in use right after a full collection, every 5 s
    AtomicLong maxLiveAfterFullGc = new AtomicLong();
    Thread fullGc = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          return;
        }
        System.gc();
        maxLiveAfterFullGc.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
      }
    }, "full-gc-sampler");
    fullGc.setDaemon(true);
    fullGc.start();
    URI endpoint = URI.create(args[0]);
    String bucket = args[3];
    String key = args[4];
    long size = Long.parseLong(args[5]);
    long seed = Long.parseLong(args[6]);
    long partSize = Long.parseLong(args[7]);
    int inFlight = Integer.parseInt(args[8]);
    Crypt4ghPublicKey recipient = Crypt4ghPublicKey.fromBase64(args[9]);
    int threads = Integer.parseInt(args[10]);

    AllasConfig config = AllasConfig.builder()
        .endpoint(endpoint)
        .credentials(args[1], args[2])
        .environment(Map.of())
        .homeDirectory(Path.of("/nonexistent-home-for-its"))
        .awsDefaultCredentialsChain(false)
        .build();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long start = System.nanoTime();
    EncryptingUpload up;
    try (AllasClient allas = AllasClient.create(config)) {
      AllasCrypt4gh bridge = AllasCrypt4gh.create(allas);
      Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder().recipient(recipient).parallelism(threads).build();
      UploadOptions options = UploadOptions.builder().expectedLength(size).partSize(partSize).partsInFlight(inFlight).build();
      up = bridge.newUpload(bucket, key, encryptor, options);
      try (up) {
        byte[] buf = new byte[1 << 20];
        try {
          for (long pos = 0; pos < size; ) {
            int n = (int) Math.min(buf.length, size - pos);
            TestData.fill(seed, pos, buf, 0, n);
            sha.update(buf, 0, n);
            up.write(buf, 0, n);
            pos += n;
          }
        } catch (Exception e) {
          up.abort();
          throw e;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    UploadResult r = up.result();
    System.out.printf("RESULT eTag=%s parts=%d objectBytes=%d sha256=%s seconds=%.1f xmx=%d poolPeakBytes=%d maxLiveAfterGc=%d maxHeapUsed=%d maxLiveAfterFullGc=%d gcs=%d gcMillis=%d%n",
        r.eTag(), r.parts(), r.objectBytes(), HexFormat.of().formatHex(sha.digest()), seconds, Runtime.getRuntime().maxMemory(),
        up.sink().pool().peakHeldBytes(), maxLiveAfterGc.get(), maxHeapUsed.get(), maxLiveAfterFullGc.get(), gcs, gcMillis);
  }
}
