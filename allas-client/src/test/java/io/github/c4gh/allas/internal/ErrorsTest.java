package io.github.c4gh.allas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AccessDeniedException;
import io.github.c4gh.allas.AllasException;
import io.github.c4gh.allas.BucketAlreadyExistsException;
import io.github.c4gh.allas.BucketNotEmptyException;
import io.github.c4gh.allas.NoSuchBucketException;
import io.github.c4gh.allas.NoSuchObjectException;
import io.github.c4gh.allas.NotSupportedByServerException;
import io.github.c4gh.allas.ObjectExistsException;
import io.github.c4gh.allas.internal.Errors.Context;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ErrorsTest {
  static S3Exception s3(int status, String code) {
    return (S3Exception) S3Exception.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code == null ? null : "msg " + code).build())
        .build();
  }

  @Test
  void unquotesETags() {
    assertEquals("abc", Errors.unquote("\"abc\""));
    assertEquals("abc-2", Errors.unquote("abc-2"));
    assertEquals("abc", Errors.unquote("W/\"abc\""));
    assertEquals("", Errors.unquote(""));
    assertNull(Errors.unquote(null));
  }

  @Test
  void mapsStatusAndCodeToTypes() {
    assertInstanceOf(NoSuchBucketException.class, Errors.translate(s3(404, "NoSuchBucket"), "x", Context.OBJECT));
    assertInstanceOf(NoSuchBucketException.class, Errors.translate(s3(404, null), "x", Context.BUCKET));
    assertInstanceOf(NoSuchObjectException.class, Errors.translate(s3(404, "NoSuchKey"), "x", Context.BUCKET));
    assertInstanceOf(NoSuchObjectException.class, Errors.translate(s3(404, null), "x", Context.OBJECT));
    AllasException upload = Errors.translate(s3(404, "NoSuchUpload"), "x", Context.OBJECT);
    assertEquals(AllasException.class, upload.getClass());
    assertEquals("NoSuchUpload", upload.errorCode());
    assertInstanceOf(ObjectExistsException.class, Errors.translate(s3(412, "PreconditionFailed"), "x", Context.CONDITIONAL_WRITE));
    assertEquals(AllasException.class, Errors.translate(s3(412, "PreconditionFailed"), "x", Context.OBJECT).getClass());
    assertInstanceOf(AccessDeniedException.class, Errors.translate(s3(403, "AccessDenied"), "x", Context.OTHER));
    assertInstanceOf(BucketNotEmptyException.class, Errors.translate(s3(409, "BucketNotEmpty"), "x", Context.BUCKET));
    assertInstanceOf(BucketAlreadyExistsException.class, Errors.translate(s3(409, "BucketAlreadyExists"), "x", Context.BUCKET));
    assertInstanceOf(NotSupportedByServerException.class, Errors.translate(s3(501, "NotImplemented"), "x", Context.BUCKET));
  }

  @Test
  void keepsDetailsAndCause() {
    S3Exception e = s3(403, "AccessDenied");
    AllasException t = Errors.translate(e, "GET b/k", Context.OBJECT);
    assertEquals(403, t.statusCode());
    assertEquals("AccessDenied", t.errorCode());
    assertSame(e, t.getCause());
    assertEquals("GET b/k: HTTP 403 AccessDenied: msg AccessDenied (request id req-1)", t.getMessage());
    SdkClientException net = SdkClientException.create("connection refused");
    AllasException n = Errors.translate(net, "GET b/k", Context.OBJECT);
    assertEquals(0, n.statusCode());
    assertTrue(n.getMessage().contains("connection refused"), n.getMessage());
  }
}
