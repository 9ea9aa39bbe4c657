package io.github.c4gh.allas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesEveryKindOfValue() {
    Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\"], \"b\": {}, \"c\": []} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("a", "b", "c"), List.copyOf(m.keySet()));
    List<?> a = (List<?>) m.get("a");
    assertEquals(new BigDecimal("1"), a.get(0));
    assertEquals(new BigDecimal("-2.5e3"), a.get(1));
    assertEquals(Boolean.TRUE, a.get(2));
    assertEquals(Boolean.FALSE, a.get(3));
    assertSame(Json.NULL, a.get(4));
    assertEquals("x", a.get(5));
    assertEquals(Map.of(), m.get("b"));
    assertEquals(List.of(), m.get("c"));
  }

  @Test
  void decodesEscapes() {
    assertEquals("q\"b\\s/n\nr\rt\tb\bf\fé\u0001😀", Json.parse("\"q\\\"b\\\\s\\/n\\nr\\rt\\tb\\bf\\f\\u00e9\\u0001\\ud83d\\ude00\""));
  }

  @Test
  void writesWhatItReads() {
    String text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"n\":1.50,\"t\":true,\"z\":null,"
        + "\"s\":\"a\\\"b\\\\c\\n\\u0001é\"}]}";
    assertEquals(text, Json.write(Json.parse(text)));
  }

  @Test
  void keepsMemberOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "1");
    m.put("a", List.of("x", 2));
    assertEquals("{\"z\":\"1\",\"a\":[\"x\",2]}", Json.write(m));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "\"abc", "\"\\x\"", "\"\\u12\"",
      "tru", "nul", "{\"a\":1} x", "{\"a\":1,\"a\":2}", "\"tab\tin string\"", "[1 2]"})
  void refusesInvalidJson(String text) {
    assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
  }

  @Test
  void refusesDeepNesting() {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
  }
}
