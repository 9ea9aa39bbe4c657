package io.github.c4gh.bridge.internal;

import io.github.c4gh.bridge.RekeyOptions;
import io.github.c4gh.bridge.RekeyResult;
import io.github.c4gh.bridge.SourceChangedException;
import io.github.c4gh.bridge.StorageException;
import io.github.c4gh.bridge.TargetExistsException;
import io.github.c4gh.bridge.internal.Requests.Target;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Gives an object new recipients without moving its data: a multipart upload whose part 1 is the
 * new header plus the leading segments that make it reach 5 MiB (fetched and sent as they are, not
 * decrypted), and whose other parts are {@code UploadPartCopy} ranges of the old object. The old
 * object is HEADed before starting and just before completing; if its ETag changed, the upload is
 * aborted ({@code x-amz-copy-source-if-match} is sent too, but Ceph RGW ignores it). Objects too
 * small for that are rewritten whole in one PUT.
 */
public final class Rekeyer {
  private static final Logger LOG = LoggerFactory.getLogger(Rekeyer.class);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final int HEADER_ALLOWANCE = 16 * 1024;
  private static final int MAX_HEADER = 64 * 1024 * 1024;

  private final S3Client s3;
  private final Requests requests;

  public Rekeyer(S3Client s3, Requests requests) {
    this.s3 = s3;
    this.requests = requests;
  }

  public RekeyResult rekey(
      String bucket, String key, Crypt4ghPrivateKey privateKey, Collection<Crypt4ghPublicKey> recipients, RekeyOptions options)
      throws IOException {
    String target = options.targetKey().orElse(key);
    boolean inPlace = target.equals(key);
    boolean guardTarget = !inPlace && !options.overwrite();
    HeadObjectResponse head = head(bucket, key);
    long size = head.contentLength();
    String eTag = Digests.unquote(head.eTag());
    if (guardTarget) {
      checkAbsent(bucket, target, "before starting");
    }
    ObjectReader reader = new ObjectReader(s3, requests, bucket, key, eTag);
    long leadSegments = ceilDiv(PartSizer.MIN_PART, CSEG);
    byte[] prefix = fetch(reader, new byte[0], (int) Math.min(size, HEADER_ALLOWANCE + leadSegments * CSEG));
    Header header;
    while (true) {
      try {
        header = Header.read(new ByteArrayInputStream(prefix));
        break;
      } catch (Crypt4ghFormatException e) {
        if (prefix.length >= size || prefix.length >= MAX_HEADER || !(e.getCause() instanceof java.io.EOFException)) {
          throw e;
        }
        prefix = fetch(reader, prefix, (int) Math.min(size, 2L * prefix.length)); // a header larger than the allowance
      }
    }
    long oldHeaderLength = header.encodedLength();
    byte[] newHeader = header.reencrypt(privateKey, recipients, options.reencrypt()).encoded();
    long body = size - oldHeaderLength;
    long lead = ceilDiv(Math.max(0, PartSizer.MIN_PART - newHeader.length), CSEG) * CSEG;
    boolean whole = body <= lead;
    long needed = oldHeaderLength + Math.min(body, lead);
    if (prefix.length < needed) {
      prefix = fetch(reader, prefix, (int) needed);
    }
    byte[] first = new byte[(int) (newHeader.length + Math.min(body, lead))];
    System.arraycopy(newHeader, 0, first, 0, newHeader.length);
    System.arraycopy(prefix, (int) oldHeaderLength, first, newHeader.length, first.length - newHeader.length);
    Arrays.fill(prefix, (byte) 0);
    boolean acl = options.sendsBucketOwnerFullControl(bucket);
    RekeyResult result;
    if (whole) {
      result = rewriteWhole(bucket, key, target, eTag, head, first, acl, guardTarget, oldHeaderLength, reader.bytesRead());
    } else {
      result = multipart(bucket, key, target, eTag, head, first, oldHeaderLength + lead, size, options, acl, guardTarget,
          oldHeaderLength, reader.bytesRead());
    }
    LOG.debug("re-keyed {}/{} into {}: {}", bucket, key, target, result);
    return result;
  }

  private byte[] fetch(ObjectReader reader, byte[] have, int length) throws IOException {
    byte[] out = Arrays.copyOf(have, length);
    int n = reader.readFully(have.length, out, have.length, length - have.length);
    if (n < length - have.length) {
      throw new SourceChangedException("GetObject " + reader.bucket() + "/" + reader.key() + ": the object is shorter than HEAD reported",
          "GetObject", reader.bucket(), reader.key());
    }
    return out;
  }

  private RekeyResult rewriteWhole(
      String bucket, String key, String target, String eTag, HeadObjectResponse head, byte[] data, boolean acl, boolean guardTarget,
      long oldHeaderLength, long downloaded) throws IOException {
    checkUnchanged(bucket, key, eTag);
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(bucket)
        .key(target)
        .contentLength((long) data.length)
        .contentMD5(Digests.base64(Digests.md5(data, 0, data.length)))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(requests.attemptTimeout(data.length)));
    if (head.contentType() != null) {
      req.contentType(head.contentType());
    }
    if (!head.metadata().isEmpty()) {
      req.metadata(head.metadata());
    }
    if (acl) {
      req.acl("bucket-owner-full-control");
    }
    if (guardTarget) {
      req.ifNoneMatch("*");
    }
    PutObjectRequest request = req.build();
    String newETag;
    try {
      newETag = Digests.unquote(requests.call(Target.of("PutObject", bucket, target),
          () -> s3.putObject(request, RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data), data.length, "application/octet-stream"))
              .eTag()));
    } catch (StorageException e) {
      if (e.statusCode() == 412 && guardTarget) {
        throw new TargetExistsException("PutObject " + bucket + "/" + target + ": the object exists and overwriting was not asked for",
            e, "PutObject", bucket, target, 412);
      }
      throw e;
    }
    long objectBytes = data.length;
    return new RekeyResult(bucket, target, newETag, objectBytes, oldHeaderLength, objectBytes - (head.contentLength() - oldHeaderLength),
        downloaded, data.length, 0, 0);
  }

  private RekeyResult multipart(
      String bucket, String key, String target, String eTag, HeadObjectResponse head, byte[] first, long copyFrom, long size,
      RekeyOptions options, boolean acl, boolean guardTarget, long oldHeaderLength, long downloaded) throws IOException {
    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket).key(target);
    if (head.contentType() != null) {
      create.contentType(head.contentType());
    }
    if (!head.metadata().isEmpty()) {
      create.metadata(head.metadata());
    }
    if (acl) {
      create.acl("bucket-owner-full-control");
    }
    CreateMultipartUploadRequest createRequest = create.build();
    String uploadId = requests.call(Target.of("CreateMultipartUpload", bucket, target), () -> s3.createMultipartUpload(createRequest).uploadId());
    AtomicBoolean cancelled = new AtomicBoolean();
    ExecutorService executor = null;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      UploadPartRequest part1 = UploadPartRequest.builder()
          .bucket(bucket)
          .key(target)
          .uploadId(uploadId)
          .partNumber(1)
          .contentLength((long) first.length)
          .contentMD5(Digests.base64(Digests.md5(first, 0, first.length)))
          .overrideConfiguration(o -> o.apiCallAttemptTimeout(requests.attemptTimeout(first.length)))
          .build();
      String e1 = requests.call(Target.part("UploadPart", bucket, target, 1),
          () -> s3.uploadPart(part1, RequestBody.fromContentProvider(() -> new ByteArrayInputStream(first), first.length, "application/octet-stream"))
              .eTag());
      parts.add(CompletedPart.builder().partNumber(1).eTag(e1).build());

      long rest = size - copyFrom;
      long partSize = Math.max(options.copyPartSize(), ceilDiv(rest, PartSizer.MAX_PARTS - 1));
      partSize = ceilDiv(partSize, CSEG) * CSEG;
      List<long[]> ranges = new ArrayList<>();
      for (long a = copyFrom; a < size; a += partSize) {
        ranges.add(new long[] {a, Math.min(size, a + partSize) - 1});
      }
      int id = IDS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      executor = Executors.newFixedThreadPool(Math.min(options.partsInFlight(), ranges.size()), r -> {
        Thread t = new Thread(r, "c4gh-rekey-" + id + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      List<Future<CompletedPart>> copies = new ArrayList<>();
      for (int i = 0; i < ranges.size(); i++) {
        int partNumber = i + 2;
        String range = "bytes=" + ranges.get(i)[0] + "-" + ranges.get(i)[1];
        long copyBytes = ranges.get(i)[1] - ranges.get(i)[0] + 1;
        UploadPartCopyRequest req = UploadPartCopyRequest.builder()
            .sourceBucket(bucket)
            .sourceKey(key)
            .copySourceRange(range)
            .copySourceIfMatch("\"" + eTag + "\"")
            .destinationBucket(bucket)
            .destinationKey(target)
            .uploadId(uploadId)
            .partNumber(partNumber)
            .overrideConfiguration(o -> o.apiCallAttemptTimeout(requests.attemptTimeout(copyBytes)))
            .build();
        copies.add(executor.submit(() -> {
          String pe = requests.call(Target.part("UploadPartCopy", bucket, target, partNumber).with(range),
              () -> s3.uploadPartCopy(req).copyPartResult().eTag(), cancelled::get);
          return CompletedPart.builder().partNumber(partNumber).eTag(pe).build();
        }));
      }
      for (Future<CompletedPart> f : copies) {
        parts.add(await(f));
      }
      checkUnchanged(bucket, key, eTag);
      if (guardTarget) {
        checkAbsent(bucket, target, "just before completing");
      }
      CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
          .bucket(bucket)
          .key(target)
          .uploadId(uploadId)
          .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build());
      if (guardTarget) {
        complete.ifNoneMatch("*");
      }
      CompleteMultipartUploadRequest completeRequest = complete.build();
      requests.call(Target.of("CompleteMultipartUpload", bucket, target), () -> s3.completeMultipartUpload(completeRequest));
      uploadId = null;
      HeadObjectResponse after = head(bucket, target);
      long expected = first.length + rest;
      if (after.contentLength() != expected) {
        throw new StorageException("HeadObject " + bucket + "/" + target + " after re-keying reports " + after.contentLength()
            + " bytes, not " + expected + ": another writer replaced it?", null, "HeadObject", bucket, target, 0, 200, null);
      }
      long newHeaderLength = expected - (size - oldHeaderLength);
      return new RekeyResult(bucket, target, Digests.unquote(after.eTag()), expected, oldHeaderLength, newHeaderLength, downloaded,
          first.length, rest, parts.size());
    } catch (IOException | RuntimeException | Error e) {
      cancelled.set(true);
      if (executor != null) {
        executor.shutdownNow();
      }
      if (uploadId != null) {
        abort(bucket, target, uploadId, e);
      }
      if (e instanceof StorageException && !(e instanceof SourceChangedException) && uploadId != null) {
        // a copy that failed (412, 416, 404) because the source was replaced: say so
        String now = currentETag(bucket, key);
        if (now != null && !eTag.equals(now)) {
          throw new SourceChangedException("the object " + bucket + "/" + key + " changed while it was re-keyed (ETag " + eTag + " became "
              + now + "); the re-keying was abandoned and the object left as it is now", e, "UploadPartCopy", bucket, key);
        }
      }
      throw e;
    } finally {
      if (executor != null) {
        executor.shutdownNow();
        try {
          executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while copying parts");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
  }

  private void abort(String bucket, String key, String uploadId, Throwable cause) {
    try {
      requests.call(Target.of("AbortMultipartUpload", bucket, key), () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    } catch (IOException e) {
      LOG.warn("could not abort the re-keying upload {} of {}/{}: {}", uploadId, bucket, key, e.getMessage());
      cause.addSuppressed(e);
    }
  }

  private String currentETag(String bucket, String key) {
    try {
      return Digests.unquote(head(bucket, key).eTag());
    } catch (StorageException e) {
      return e.statusCode() == 404 ? "(deleted)" : eTagUnknown(e);
    } catch (IOException e) {
      return eTagUnknown(e);
    }
  }

  private static String eTagUnknown(IOException e) {
    LOG.debug("cannot HEAD the source after a failed copy: {}", e.toString());
    return null;
  }

  private void checkUnchanged(String bucket, String key, String eTag) throws IOException {
    String now;
    try {
      now = Digests.unquote(head(bucket, key).eTag());
    } catch (StorageException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      now = "(deleted)";
    }
    if (!eTag.equals(now)) {
      throw new SourceChangedException("the object " + bucket + "/" + key + " changed while it was re-keyed (ETag " + eTag + " became "
          + now + "); the re-keying was abandoned and the object left as it is now", "HeadObject", bucket, key);
    }
  }

  private void checkAbsent(String bucket, String key, String when) throws IOException {
    try {
      head(bucket, key);
    } catch (StorageException e) {
      if (e.statusCode() == 404) {
        return;
      }
      throw e;
    }
    throw new TargetExistsException("the object " + bucket + "/" + key + " exists and overwriting was not asked for (checked with HEAD "
        + when + ")", null, "HeadObject", bucket, key, 0);
  }

  private HeadObjectResponse head(String bucket, String key) throws IOException {
    return requests.call(Target.of("HeadObject", bucket, key), () -> s3.headObject(b -> b.bucket(bucket).key(key)));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
