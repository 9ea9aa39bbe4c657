package io.github.c4gh.allas.internal;

import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.Share;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket policy document and the sharing edits on it, as pure functions (no I/O).
 *
 * <p>The statements written are the ones CSC's web interface writes (see {@code allas-notes.md}):
 * an owner statement first ({@code s3:*} for the owner's own project), then one statement per
 * shared project with principal {@code {"AWS": ["arn:aws:iam::<project-id>:root"]}}, the actions
 * of an {@link Access} and resources {@code arn:aws:s3:::<bucket>} and {@code
 * arn:aws:s3:::<bucket>/*}. A lock-out revoke adds an explicit Deny of {@code s3:*} on both
 * resources for the project.
 *
 * <p>Reading is tolerant: {@code Principal.AWS}, {@code Action} and {@code Resource} may each be a
 * string or a list, {@code Statement} an object or a list; a principal may be the ARN or the bare
 * id. Statements this class does not understand (conditions, {@code NotAction}, other principal
 * kinds) are kept unchanged, except that a revoked project is removed from every Allow.
 *
 * <p>Instances are immutable; every edit returns a new policy.
 */
public final class BucketPolicy {
  static final String VERSION = "2012-10-17";
  private static final Pattern ROOT_ARN = Pattern.compile("arn:aws:iam::([^:]+):root");

  private final Map<String, Object> document;

  private BucketPolicy(Map<String, Object> document) {
    this.document = document;
  }

  /** A policy with no statements. */
  public static BucketPolicy empty() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", VERSION);
    doc.put("Statement", new ArrayList<>());
    return new BucketPolicy(doc);
  }

  /**
   * Parses a policy document as a server returned it.
   *
   * @throws IllegalArgumentException if it is not a JSON object or its {@code Statement} is neither
   *     an object nor a list of objects
   */
  public static BucketPolicy parse(String json) {
    Object parsed = Json.parse(json);
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a bucket policy must be a JSON object");
    }
    Map<String, Object> doc = deepCopy(asStringMap(m));
    Object st = doc.get("Statement");
    List<Object> statements = new ArrayList<>();
    if (st instanceof Map<?, ?>) {
      statements.add(st);
    } else if (st instanceof List<?> l) {
      statements.addAll(l);
    } else if (st != null) {
      throw new IllegalArgumentException("the policy's Statement must be an object or a list");
    }
    for (Object s : statements) {
      if (!(s instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("every policy statement must be a JSON object");
      }
    }
    doc.put("Statement", statements);
    return new BucketPolicy(doc);
  }

  /** The policy as compact JSON. */
  public String toJson() {
    return Json.write(document);
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Whether the policy has no statements at all. */
  public boolean isEmpty() {
    return statements().isEmpty();
  }

  /**
   * Whether nothing is left but the owner's own statement(s): such a policy only existed for
   * sharing and is deleted rather than written.
   */
  public boolean hasOnlyOwnerStatements(String ownerProjectId) {
    for (Map<String, Object> s : statements()) {
      if (!isOwnerStatement(s, ownerProjectId)) {
        return false;
      }
    }
    return true;
  }

  /** The number of statements. */
  public int size() {
    return statements().size();
  }

  /**
   * The projects this policy allows into the bucket, except the owner and except projects an
   * unconditional Deny of {@code s3:*} locks out, in the order the policy first names them.
   */
  public List<Share> shares(String ownerProjectId) {
    Map<String, boolean[]> rw = new LinkedHashMap<>();
    for (Map<String, Object> s : statements()) {
      if (!"Allow".equals(s.get("Effect")) || !isPlain(s)) {
        continue;
      }
      List<String> actions = strings(s.get("Action"));
      boolean read = false;
      boolean write = false;
      for (String a : actions) {
        String x = a.toLowerCase(Locale.ROOT);
        read |= x.equals("s3:*") || x.equals("*") || x.equals("s3:getobject") || x.equals("s3:get*");
        write |= x.equals("s3:*") || x.equals("*") || x.equals("s3:putobject") || x.equals("s3:put*");
      }
      if (!read && !write) {
        continue;
      }
      for (String p : projectPrincipals(s)) {
        if (p.equals(ownerProjectId)) {
          continue;
        }
        boolean[] acc = rw.computeIfAbsent(p, k -> new boolean[2]);
        acc[0] |= read;
        acc[1] |= write;
      }
    }
    Set<String> denied = new LinkedHashSet<>(lockedOut());
    List<Share> out = new ArrayList<>();
    for (Map.Entry<String, boolean[]> e : rw.entrySet()) {
      if (!denied.contains(e.getKey())) {
        out.add(new Share(e.getKey(), Access.of(e.getValue()[0], e.getValue()[1])));
      }
    }
    return List.copyOf(out);
  }

  /** The projects an unconditional Deny of {@code s3:*} (or {@code *}) names, in policy order. */
  public List<String> lockedOut() {
    Set<String> out = new LinkedHashSet<>();
    for (Map<String, Object> s : statements()) {
      if (!"Deny".equals(s.get("Effect")) || !isPlain(s)) {
        continue;
      }
      List<String> actions = strings(s.get("Action"));
      if (actions.contains("s3:*") || actions.contains("*")) {
        out.addAll(projectPrincipals(s));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Grants {@code access} to {@code projectId}: removes the project from every Deny and Allow
   * statement (its access is replaced, not merged), makes sure the owner statement comes first and
   * appends the project's statement.
   */
  public BucketPolicy withShare(String bucket, String ownerProjectId, String projectId, Access access) {
    BucketPolicy p = copy();
    List<Map<String, Object>> st = p.statements();
    p.removePrincipal(st, projectId, null);
    p.ensureOwnerFirst(bucket, ownerProjectId);
    st.add(statement("Allow", projectId, access.actions(), bucket));
    return p;
  }

  /**
   * Removes {@code projectId} from every Allow statement; with {@code deny}, also adds an explicit
   * Deny of {@code s3:*} on the bucket and its objects (replacing any earlier one of this form).
   * The owner statement is kept first when there is one.
   */
  public BucketPolicy withoutProject(String bucket, String ownerProjectId, String projectId, boolean deny) {
    BucketPolicy p = copy();
    List<Map<String, Object>> st = p.statements();
    p.removePrincipal(st, projectId, "Allow");
    if (deny) {
      st.removeIf(s -> isOwnDeny(s, projectId));
      p.ensureOwnerFirst(bucket, ownerProjectId);
      st.add(statement("Deny", projectId, List.of("s3:*"), bucket));
    }
    return p;
  }

  /** A statement in exactly the form CSC writes. */
  static Map<String, Object> statement(String effect, String projectId, List<String> actions, String bucket) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Effect", effect);
    Map<String, Object> principal = new LinkedHashMap<>();
    principal.put("AWS", new ArrayList<Object>(List.of(rootArn(projectId))));
    s.put("Principal", principal);
    s.put("Action", new ArrayList<Object>(actions));
    s.put("Resource", new ArrayList<Object>(resources(bucket)));
    return s;
  }

  /** {@code arn:aws:iam::<id>:root}. */
  public static String rootArn(String projectId) {
    return "arn:aws:iam::" + projectId + ":root";
  }

  /** The two resources of a bucket: the bucket and every object in it. */
  public static List<String> resources(String bucket) {
    String b = Names.bucketPart(bucket);
    return List.of("arn:aws:s3:::" + b, "arn:aws:s3:::" + b + "/*");
  }

  // ---------------------------------------------------------------------------------------------

  private void ensureOwnerFirst(String bucket, String owner) {
    List<Map<String, Object>> st = statements();
    for (int i = 0; i < st.size(); i++) {
      if (isOwnerStatement(st.get(i), owner)) {
        if (i != 0) {
          st.add(0, st.remove(i));
        }
        return;
      }
    }
    st.add(0, statement("Allow", owner, List.of("s3:*"), bucket));
  }

  private static boolean isOwnerStatement(Map<String, Object> s, String owner) {
    return "Allow".equals(s.get("Effect"))
        && isPlain(s)
        && projectPrincipals(s).equals(List.of(owner))
        && otherPrincipalKinds(s).isEmpty()
        && strings(s.get("Action")).contains("s3:*");
  }

  private static boolean isOwnDeny(Map<String, Object> s, String projectId) {
    return "Deny".equals(s.get("Effect"))
        && isPlain(s)
        && projectPrincipals(s).equals(List.of(projectId))
        && otherPrincipalKinds(s).isEmpty();
  }

  /**
   * Removes the project from the principals of every statement with the given effect (any effect
   * when {@code effect} is null); statements left without principals are dropped.
   */
  private void removePrincipal(List<Map<String, Object>> st, String projectId, String effect) {
    for (int i = st.size() - 1; i >= 0; i--) {
      Map<String, Object> s = st.get(i);
      if (effect != null && !effect.equals(s.get("Effect"))) {
        continue;
      }
      if (!(s.get("Principal") instanceof Map<?, ?> principal)) {
        continue;
      }
      Object aws = principal.get("AWS");
      List<String> names = strings(aws);
      List<Object> kept = new ArrayList<>();
      boolean removed = false;
      for (String n : names) {
        if (projectOf(n).equals(projectId)) {
          removed = true;
        } else {
          kept.add(n);
        }
      }
      if (!removed) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> pm = (Map<String, Object>) principal;
      if (kept.isEmpty()) {
        pm.remove("AWS");
      } else {
        pm.put("AWS", kept);
      }
      if (pm.isEmpty()) {
        st.remove(i);
      }
    }
  }

  /** Statements without conditions or negated elements. */
  private static boolean isPlain(Map<String, Object> s) {
    return !s.containsKey("Condition")
        && !s.containsKey("NotAction")
        && !s.containsKey("NotPrincipal")
        && !s.containsKey("NotResource");
  }

  /** The project ids among a statement's AWS principals (ARN {@code ...:root} or bare 32-hex id). */
  private static List<String> projectPrincipals(Map<String, Object> s) {
    List<String> out = new ArrayList<>();
    if (s.get("Principal") instanceof Map<?, ?> principal) {
      for (String n : strings(principal.get("AWS"))) {
        String p = projectOf(n);
        if (!p.isEmpty() && !out.contains(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static Set<Object> otherPrincipalKinds(Map<String, Object> s) {
    Set<Object> out = new LinkedHashSet<>();
    if (s.get("Principal") instanceof Map<?, ?> principal) {
      for (Object k : principal.keySet()) {
        if (!"AWS".equals(k)) {
          out.add(k);
        }
      }
    } else if (s.get("Principal") != null) {
      out.add(s.get("Principal"));
    }
    return out;
  }

  /** The project id an AWS principal names, or "" when it names no project root. */
  private static String projectOf(String principal) {
    Matcher m = ROOT_ARN.matcher(principal);
    if (m.matches()) {
      return m.group(1).toLowerCase(Locale.ROOT);
    }
    if (Names.isProjectId(principal)) {
      return principal.toLowerCase(Locale.ROOT);
    }
    return "";
  }

  /** A string or a list of strings (other values ignored). */
  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> statements() {
    return (List<Map<String, Object>>) (List<?>) document.get("Statement");
  }

  private BucketPolicy copy() {
    Map<String, Object> doc = deepCopy(document);
    doc.putIfAbsent("Version", VERSION);
    return new BucketPolicy(doc);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asStringMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), deepCopy(e.getValue()));
      }
      return (T) out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(deepCopy(o));
      }
      return (T) out;
    }
    return v;
  }
}
