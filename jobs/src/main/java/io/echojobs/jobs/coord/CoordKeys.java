package io.echojobs.jobs.coord;

/**
 * The coordination keyspace, in one place. Every key of a scope shares the hash tag
 * {@code {<scope>}} so a multi-key step on one scope runs on one Redis Cluster slot.
 *
 * <table>
 *   <tr><th>pattern</th><th>type</th><th>TTL</th></tr>
 *   <tr><td>coord:{scope}:counter:NAME</td><td>integer string</td><td>set by add</td></tr>
 *   <tr><td>coord:{scope}:counted:NAME:MEMBER</td><td>"1"</td><td>set by decrementOnce</td></tr>
 *   <tr><td>coord:{scope}:lock:NAME</td><td>owner token</td><td>set by tryLock/extend</td></tr>
 *   <tr><td>coord:{scope}:flag:NAME</td><td>"1"</td><td>set by once</td></tr>
 *   <tr><td>coord:{scope}:keys</td><td>set of the above (Redis only)</td><td>the longest
 *       TTL of its members</td></tr>
 * </table>
 */
public final class CoordKeys {

  public static final String PREFIX = "coord:";

  private CoordKeys() {}

  public static String scopePrefix(String scope) {
    if (scope == null || scope.isEmpty() || scope.contains("{") || scope.contains("}")) {
      throw new IllegalArgumentException("scope must be non-empty without braces, was " + scope);
    }
    return PREFIX + "{" + scope + "}:";
  }

  public static String counter(String scope, String name) {
    return scopePrefix(scope) + "counter:" + name;
  }

  public static String member(String scope, String counter, String member) {
    return scopePrefix(scope) + "counted:" + counter + ":" + member;
  }

  public static String lock(String scope, String name) {
    return scopePrefix(scope) + "lock:" + name;
  }

  public static String flag(String scope, String name) {
    return scopePrefix(scope) + "flag:" + name;
  }
}
