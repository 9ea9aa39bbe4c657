package io.github.c4gh.benchmarks;

import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.EncryptingUpload;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Encrypt-and-upload through the bridge against a plain multipart upload of the same number of
 * bytes, through the same {@code S3Client}, to the same server (see {@link S3Target}: in-process
 * S3Proxy on loopback, or Ceph RGW when {@code C4GH_IT_ENDPOINT} is set).
 *
 * <ul>
 *   <li>{@code plainMultipartUpload}: CreateMultipartUpload, then parts of {@code partMiB} MiB
 *       filled from a 1 MiB buffer on the calling thread and sent by UploadPart on a pool of
 *       {@code partsInFlight} threads ({@code partsInFlight + 1} part buffers, so the next part
 *       fills while the others are in flight), then CompleteMultipartUpload. With {@code
 *       contentMd5} each part carries a Content-MD5, computed on the calling thread.
 *   <li>{@code bridgeEncryptAndUpload}: the same {@code sizeMiB} MiB of plaintext written into
 *       {@link AllasCrypt4gh#newUpload} (the same part size, parts in flight and Content-MD5
 *       setting, expected length given, overwrite on, encryption with {@code sealThreads}
 *       threads). The object is 28 bytes per 64 KiB plus a header larger; the bridge also sends a
 *       HEAD after completing.
 *   <li>{@code paired}: both in alternation within each operation (plain then bridge, the next
 *       operation bridge then plain), each timed; {@code vsBaseline} = plain time / bridge time = bridge MiB/s / plain MiB/s ({@link
 *       PairedRatio}; {@code rawMib} is the plain upload's MiB/s, {@code pipelineMib} the
 *       bridge's). The ratio that survives a busy machine. {@link PairedCpu} adds each side's MiB per
 *       CPU-second of the whole JVM (in-process S3Proxy included) and their ratio, {@code cpuRatio}.
 * </ul>
 *
 * <p>One operation is one whole upload (two for {@code paired}); {@code mib} is MiB/s of
 * plaintext. The objects are deleted after each operation, outside the measured time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class TransferBenchmark {
  static final int CHUNK = 1 << 20;

  /** Plaintext MiB per upload. */
  @Param({"64"})
  public int sizeMiB;

  /** Part size in MiB (the bridge's default is 8). */
  @Param({"8"})
  public int partMiB;

  /** Parts in flight (the bridge's default is 4). */
  @Param({"4"})
  public int partsInFlight;

  /** Content-MD5 on every part (the bridge's default is on). */
  @Param({"true"})
  public boolean contentMd5;

  /** Encryption threads of the bridge's encryptor (1 = on the writing thread, the default). */
  @Param({"1"})
  public int sealThreads;

  private S3Target target;
  private AllasCrypt4gh bridge;
  private Crypt4ghEncryptor encryptor;
  private final byte[] chunk = new byte[CHUNK];
  private ExecutorService partPool;
  private BlockingQueue<byte[]> partBuffers;
  private final List<String> written = new ArrayList<>();
  private long counter;
  private long pairs;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    random.nextBytes(chunk);
    target = S3Target.start(Math.max(8, 2 * partsInFlight + 2));
    bridge = AllasCrypt4gh.create(target.s3);
    Crypt4ghPrivateKey reader = Crypt4ghPrivateKey.generate(random);
    encryptor = Crypt4ghEncryptor.builder().recipient(reader.publicKey()).parallelism(sealThreads).random(random).build();
    partPool = Executors.newFixedThreadPool(partsInFlight, r -> {
      Thread t = new Thread(r, "plain-upload");
      t.setDaemon(true);
      return t;
    });
    int partSize = partMiB * CHUNK;
    partBuffers = new ArrayBlockingQueue<>(partsInFlight + 1);
    for (int i = 0; i <= partsInFlight; i++) {
      partBuffers.add(new byte[partSize]);
    }
  }

  @TearDown(Level.Invocation)
  public void deleteObjects() {
    for (String key : written) {
      target.delete(key);
    }
    written.clear();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    partPool.shutdownNow();
    target.close();
  }

  @Benchmark
  public void plainMultipartUpload(Throughput t) throws Exception {
    plain();
    t.add((long) sizeMiB * CHUNK);
  }

  @Benchmark
  public void bridgeEncryptAndUpload(Throughput t) throws IOException {
    bridge();
    t.add((long) sizeMiB * CHUNK);
  }

  @Benchmark
  public void paired(PairedRatio ratio, PairedCpu cpu) throws Exception {
    // alternate which goes first, so neither always inherits the other's garbage on the server
    boolean plainFirst = (pairs++ & 1) == 0;
    long[] ns = new long[2];
    long[] cpuNs = new long[2];
    for (int side = 0; side < 2; side++) {
      boolean isPlain = (side == 0) == plainFirst;
      long c0 = PairedCpu.now();
      long t0 = System.nanoTime();
      if (isPlain) {
        plain();
      } else {
        bridge();
      }
      ns[isPlain ? 0 : 1] = System.nanoTime() - t0;
      cpuNs[isPlain ? 0 : 1] = PairedCpu.now() - c0;
    }
    ratio.add((long) sizeMiB * CHUNK, ns[0], ns[1]);
    cpu.add((long) sizeMiB * CHUNK, cpuNs[0], cpuNs[1]);
  }

  private String nextKey(String kind) {
    String key = kind + "-" + (++counter);
    written.add(key);
    return key;
  }

  private void bridge() throws IOException {
    String key = nextKey("bridge");
    long total = (long) sizeMiB * CHUNK;
    UploadOptions options = UploadOptions.builder()
        .expectedLength(total)
        .overwrite(true)
        .partSize((long) partMiB * CHUNK)
        .partsInFlight(partsInFlight)
        .contentMd5(contentMd5)
        .build();
    ByteBuffer src = ByteBuffer.wrap(chunk);
    try (EncryptingUpload upload = bridge.newUpload(target.bucket, key, encryptor, options)) {
      for (int i = 0; i < sizeMiB; i++) {
        src.clear();
        while (src.hasRemaining()) {
          upload.write(src);
        }
      }
    }
  }

  /** The minimal multipart loop the bridge is measured against. */
  private void plain() throws Exception {
    String key = nextKey("plain");
    String bucket = target.bucket;
    String uploadId = target.s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/octet-stream")).uploadId();
    List<Future<CompletedPart>> parts = new ArrayList<>();
    boolean done = false;
    try {
      long total = (long) sizeMiB * CHUNK;
      long partSize = (long) partMiB * CHUNK;
      int partNumber = 0;
      for (long off = 0; off < total; off += partSize) {
        int len = (int) Math.min(partSize, total - off);
        byte[] buf = partBuffers.take();
        for (int p = 0; p < len; p += CHUNK) {
          System.arraycopy(chunk, 0, buf, p, Math.min(CHUNK, len - p));
        }
        String md5 = contentMd5 ? md5(buf, len) : null;
        int n = ++partNumber;
        parts.add(partPool.submit(() -> {
          try {
            UploadPartRequest.Builder req = UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId).partNumber(n).contentLength((long) len);
            if (md5 != null) {
              req.contentMD5(md5);
            }
            RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buf, 0, len), len, "application/octet-stream");
            String eTag = target.s3.uploadPart(req.build(), body).eTag();
            return CompletedPart.builder().partNumber(n).eTag(eTag).build();
          } finally {
            partBuffers.add(buf);
          }
        }));
      }
      List<CompletedPart> completed = new ArrayList<>();
      for (Future<CompletedPart> f : parts) {
        completed.add(f.get());
      }
      target.s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed)));
      done = true;
    } catch (ExecutionException e) {
      throw new IOException("UploadPart failed", e.getCause());
    } finally {
      if (!done) {
        for (Future<CompletedPart> f : parts) {
          f.cancel(true);
        }
        target.s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      }
    }
  }

  private static String md5(byte[] buf, int len) throws NoSuchAlgorithmException {
    MessageDigest d = MessageDigest.getInstance("MD5");
    d.update(buf, 0, len);
    return Base64.getEncoder().encodeToString(d.digest());
  }
}
