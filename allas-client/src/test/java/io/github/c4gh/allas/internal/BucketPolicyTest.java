package io.github.c4gh.allas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.Share;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketPolicyTest {
  static final String OWNER = "c4c4000000000000000000000200011a";
  static final String P1 = "c4c4000000000000000000000200022b";
  static final String P2 = "c4c4000000000000000000000200033c";
  static final String RES = "\"Resource\":[\"arn:aws:s3:::inbox\",\"arn:aws:s3:::inbox/*\"]";
  static final String READ = "\"s3:GetObject\",\"s3:ListBucket\",\"s3:GetObjectTagging\",\"s3:GetObjectVersion\"";
  static final String WRITE =
      "\"s3:PutObject\",\"s3:DeleteObject\",\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\",\"s3:ListBucketMultipartUploads\"";

  static String stmt(String effect, String project, String actions) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + project + ":root\"]},\"Action\":["
        + actions + "]," + RES + "}";
  }

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  @Test
  void shareOnEmptyPolicyWritesOwnerStatementFirstThenTheGrant() {
    BucketPolicy p = BucketPolicy.empty().withShare("inbox", OWNER, P1, Access.READ_WRITE);
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P1, READ + "," + WRITE)), p.toJson());
    assertEquals(List.of(new Share(P1, Access.READ_WRITE)), p.shares(OWNER));
  }

  @Test
  void eachAccessHasItsActions() {
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P1, READ)),
        BucketPolicy.empty().withShare("inbox", OWNER, P1, Access.READ).toJson());
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P1, WRITE)),
        BucketPolicy.empty().withShare("inbox", OWNER, P1, Access.WRITE).toJson());
  }

  @Test
  void tenantFormUsesTheBareBucketInResources() {
    String json = BucketPolicy.empty().withShare(OWNER + ":inbox", OWNER, P1, Access.READ).toJson();
    assertTrue(json.contains(RES), json);
  }

  @Test
  void sharingAgainReplacesTheAccessAndKeepsOneOwnerStatement() {
    BucketPolicy p = BucketPolicy.empty()
        .withShare("inbox", OWNER, P1, Access.READ_WRITE)
        .withShare("inbox", OWNER, P2, Access.READ)
        .withShare("inbox", OWNER, P1, Access.READ);
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P2, READ), stmt("Allow", P1, READ)), p.toJson());
    assertEquals(List.of(new Share(P2, Access.READ), new Share(P1, Access.READ)), p.shares(OWNER));
  }

  @Test
  void lockOutRevokeRemovesTheGrantAndAddsADeny() {
    BucketPolicy p = BucketPolicy.empty().withShare("inbox", OWNER, P1, Access.READ_WRITE).withoutProject("inbox", OWNER, P1, true);
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Deny", P1, "\"s3:*\"")), p.toJson());
    assertEquals(List.of(), p.shares(OWNER));
    assertEquals(List.of(P1), p.lockedOut());
    assertFalse(p.hasOnlyOwnerStatements(OWNER));
    // twice: still one Deny
    assertEquals(p.toJson(), p.withoutProject("inbox", OWNER, P1, true).toJson());
  }

  @Test
  void sharingAgainAfterALockOutRemovesTheDeny() {
    BucketPolicy p = BucketPolicy.empty()
        .withShare("inbox", OWNER, P1, Access.READ_WRITE)
        .withoutProject("inbox", OWNER, P1, true)
        .withShare("inbox", OWNER, P1, Access.READ);
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P1, READ)), p.toJson());
    assertEquals(List.of(), p.lockedOut());
  }

  @Test
  void revokeWithoutDenyOfTheLastShareLeavesOnlyTheOwnerStatement() {
    BucketPolicy p = BucketPolicy.empty()
        .withShare("inbox", OWNER, P1, Access.READ_WRITE)
        .withoutProject("inbox", OWNER, P1, false);
    assertTrue(p.hasOnlyOwnerStatements(OWNER));
    assertEquals(1, p.size());
    assertTrue(BucketPolicy.empty().hasOnlyOwnerStatements(OWNER));
  }

  @Test
  void revokeWithoutDenyKeepsOtherShares() {
    BucketPolicy p = BucketPolicy.empty()
        .withShare("inbox", OWNER, P1, Access.READ_WRITE)
        .withShare("inbox", OWNER, P2, Access.READ)
        .withoutProject("inbox", OWNER, P1, false);
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P2, READ)), p.toJson());
    assertFalse(p.hasOnlyOwnerStatements(OWNER));
  }

  @Test
  void revokeWithoutDenyKeepsAnEarlierDeny() {
    BucketPolicy p = BucketPolicy.empty()
        .withShare("inbox", OWNER, P1, Access.READ_WRITE)
        .withoutProject("inbox", OWNER, P1, true)
        .withoutProject("inbox", OWNER, P1, false);
    assertEquals(List.of(P1), p.lockedOut());
  }

  @Test
  void readsPrincipalsActionsAndResourcesAsStringsOrLists() {
    String text = "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OWNER + ":root\"},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::inbox\"},"
        + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + P1 + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":[\"arn:aws:s3:::inbox/*\"]},"
        + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + P2 + "\"]},\"Action\":[\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::inbox/*\"}]}";
    BucketPolicy p = BucketPolicy.parse(text);
    assertEquals(List.of(new Share(P1, Access.READ), new Share(P2, Access.WRITE)), p.shares(OWNER));
    // revoking P1 removes its string-principal statement; the result is still valid for parse()
    BucketPolicy r = p.withoutProject("inbox", OWNER, P1, false);
    assertEquals(List.of(new Share(P2, Access.WRITE)), BucketPolicy.parse(r.toJson()).shares(OWNER));
  }

  @Test
  void readsASingleStatementObjectAndStarActions() {
    String text = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + P1
        + ":root\"]},\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::inbox\",\"arn:aws:s3:::inbox/*\"]}}";
    BucketPolicy p = BucketPolicy.parse(text);
    assertEquals(List.of(new Share(P1, Access.READ_WRITE)), p.shares(OWNER));
    String written = p.withShare("inbox", OWNER, P2, Access.READ).toJson();
    assertEquals("{\"Statement\":[" + stmt("Allow", OWNER, "\"s3:*\"") + "," + stmt("Allow", P1, "\"s3:*\"") + ","
        + stmt("Allow", P2, READ) + "],\"Version\":\"2012-10-17\"}", written);
  }

  @Test
  void mergesStatementsOfOneProjectAndIgnoresTheOwner() {
    BucketPolicy p = BucketPolicy.parse(policy(
        stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P1, READ), stmt("Allow", P1, WRITE)));
    assertEquals(List.of(new Share(P1, Access.READ_WRITE)), p.shares(OWNER));
  }

  @Test
  void keepsForeignStatementsAndOtherPrincipals() {
    String foreign = "{\"Sid\":\"public-listing\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:ListBucket\","
        + "\"Resource\":\"arn:aws:s3:::inbox\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}";
    String shared = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + P1 + ":root\",\"arn:aws:iam::" + P2
        + ":root\"]},\"Action\":[" + READ + "]," + RES + "}";
    BucketPolicy p = BucketPolicy.parse("{\"Id\":\"x\",\"Version\":\"2012-10-17\",\"Statement\":[" + foreign + "," + shared + "]}");
    assertEquals(List.of(new Share(P1, Access.READ), new Share(P2, Access.READ)), p.shares(OWNER));

    BucketPolicy r = p.withoutProject("inbox", OWNER, P1, false);
    String json = r.toJson();
    assertTrue(json.startsWith("{\"Id\":\"x\""), json);
    assertTrue(json.contains(foreign), json);
    assertTrue(json.contains("{\"AWS\":[\"arn:aws:iam::" + P2 + ":root\"]}"), json);
    assertEquals(List.of(new Share(P2, Access.READ)), r.shares(OWNER));
    assertFalse(r.hasOnlyOwnerStatements(OWNER));
  }

  @Test
  void conditionalStatementsAreNotCountedAsShares() {
    String cond = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + P1 + ":root\"]},\"Action\":[\"s3:GetObject\"],"
        + RES + ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}";
    assertEquals(List.of(), BucketPolicy.parse(policy(cond)).shares(OWNER));
  }

  @Test
  void ownerStatementFoundLaterIsMovedFirst() {
    BucketPolicy p = BucketPolicy.parse(policy(stmt("Allow", P2, READ), stmt("Allow", OWNER, "\"s3:*\"")));
    String json = p.withShare("inbox", OWNER, P1, Access.READ).toJson();
    assertEquals(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P2, READ), stmt("Allow", P1, READ)), json);
  }

  @Test
  void editsDoNotChangeTheOriginal() {
    BucketPolicy p = BucketPolicy.parse(policy(stmt("Allow", OWNER, "\"s3:*\""), stmt("Allow", P1, READ)));
    String before = p.toJson();
    p.withShare("inbox", OWNER, P2, Access.READ);
    p.withoutProject("inbox", OWNER, P1, true);
    assertEquals(before, p.toJson());
  }

  @Test
  void refusesDocumentsThatAreNotPolicies() {
    assertThrows(IllegalArgumentException.class, () -> BucketPolicy.parse("[]"));
    assertThrows(IllegalArgumentException.class, () -> BucketPolicy.parse("{\"Statement\":\"x\"}"));
    assertThrows(IllegalArgumentException.class, () -> BucketPolicy.parse("{\"Statement\":[1]}"));
    assertThrows(IllegalArgumentException.class, () -> BucketPolicy.parse("not json"));
  }

  @Test
  void statementHelpers() {
    assertEquals("arn:aws:iam::" + P1 + ":root", BucketPolicy.rootArn(P1));
    assertEquals(List.of("arn:aws:s3:::b", "arn:aws:s3:::b/*"), BucketPolicy.resources("t:b"));
    Map<String, Object> s = BucketPolicy.statement("Deny", P1, List.of("s3:*"), "inbox");
    assertEquals(stmt("Deny", P1, "\"s3:*\""), Json.write(s));
  }
}
