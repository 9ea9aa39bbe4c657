package io.github.c4gh.allas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.InvalidBucketNameException;
import io.github.c4gh.allas.InvalidProjectIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "my-bucket", "my.bucket.2024", "0ab", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "c4c4000000000000000000000200011a:inbox",
      "tenant_1:abc"})
  void acceptsValidNewBucketNames(String name) {
    assertEquals(name, Names.newBucketName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "Upper", "under_score", "-start", "end-", ".start", "end.", "a..b", "192.168.1.1", "with space",
      "slash/x", "t-enant:abc", ":abc", "tenant:", "tenant:AB", "tenant:x"})
  void refusesInvalidNewBucketNames(String name) {
    InvalidBucketNameException e = assertThrows(InvalidBucketNameException.class, () -> Names.newBucketName(name));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @Test
  void refusesTooLongBucketNames() {
    assertThrows(InvalidBucketNameException.class, () -> Names.newBucketName("a".repeat(64)));
  }

  @Test
  void existingBucketsMayHaveLegacyNames() {
    assertEquals("Old_Bucket", Names.existingBucketName("Old_Bucket"));
    assertThrows(InvalidBucketNameException.class, () -> Names.existingBucketName(""));
    assertThrows(InvalidBucketNameException.class, () -> Names.existingBucketName("a/b"));
    assertEquals("inbox", Names.bucketPart("abc:inbox"));
    assertEquals("inbox", Names.bucketPart("inbox"));
  }

  @Test
  void projectIdsAre32HexInLowerCase() {
    assertEquals("c4c4000000000000000000000200011a", Names.projectId("c4c4000000000000000000000200011a"));
    assertEquals("c4c4000000000000000000000200011a", Names.projectId(" C4C4000000000000000000000200011A "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"project_2000111", "PROJECT_2000111"})
  void projectNamesAreRefusedWithAnExplanation(String name) {
    InvalidProjectIdException e = assertThrows(InvalidProjectIdException.class, () -> Names.projectId(name));
    assertTrue(e.getMessage().contains("project name"), e.getMessage());
    assertTrue(e.getMessage().contains("32 hexadecimal"), e.getMessage());
    assertTrue(e.getMessage().contains("Share ID"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "c4c4", "c4c4000000000000000000000200011g", "c4c4000000000000000000000200011a0", "arn:aws:iam::x:root"})
  void otherTextIsNotAProjectId(String s) {
    InvalidProjectIdException e = assertThrows(InvalidProjectIdException.class, () -> Names.projectId(s));
    assertTrue(e.getMessage().contains("32"), e.getMessage());
  }

  @Test
  void keysAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> Names.key(""));
    assertThrows(IllegalArgumentException.class, () -> Names.key("é".repeat(513)));
    assertEquals("é".repeat(512), Names.key("é".repeat(512)));
  }

  @Test
  void keysArePercentEncodedForUrls() {
    assertEquals("dir/a%20b%2Bc%3F%23%25%C3%A9~_.-", Names.encodeKey("dir/a b+c?#%é~_.-"));
    assertEquals("t%3Ab%2Fc", Names.encodeSegment("t:b/c"));
  }
}
