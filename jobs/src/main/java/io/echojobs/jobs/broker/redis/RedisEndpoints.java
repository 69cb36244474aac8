package io.echojobs.jobs.broker.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed connection URL: one server, or the seed nodes of a cluster. See {@link RedisSettings}
 * for the accepted forms; parsing of credentials, TLS and database is Lettuce's.
 *
 * @param cluster true for a Redis Cluster
 * @param nodes the server, or the cluster's seed nodes
 */
public record RedisEndpoints(boolean cluster, List<RedisURI> nodes) {

  private static final String CLUSTER_SCHEME = "redis-cluster";
  private static final String TLS_CLUSTER_SCHEME = "rediss-cluster";

  public RedisEndpoints {
    nodes = List.copyOf(nodes);
  }

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException naming the URL (without its password) and what is wrong
   */
  public static RedisEndpoints parse(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw invalid(
          url,
          "no scheme; expected redis://, rediss://, redis-cluster://" + " or rediss-cluster://");
    }
    String scheme = url.substring(0, schemeEnd);
    try {
      return switch (scheme) {
        case "redis", "rediss" -> new RedisEndpoints(false, List.of(RedisURI.create(url)));
        case CLUSTER_SCHEME -> clusterOf(url.substring(schemeEnd + 3), "redis", url);
        case TLS_CLUSTER_SCHEME -> clusterOf(url.substring(schemeEnd + 3), "rediss", url);
        default -> throw invalid(url, "unknown scheme '" + scheme + "'");
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("invalid Redis URL")) {
        throw e;
      }
      throw invalid(url, e.getMessage());
    }
  }

  /** The URL with any password replaced by {@code ***}, safe to log. */
  public static String redact(String url) {
    int schemeEnd = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (schemeEnd < 0 || at < schemeEnd) {
      return url;
    }
    String userInfo = url.substring(schemeEnd + 3, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? "" : userInfo.substring(0, colon);
    return url.substring(0, schemeEnd + 3) + user + ":***" + url.substring(at);
  }

  private static RedisEndpoints clusterOf(String rest, String nodeScheme, String url) {
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
    String afterUser = rest.substring(at + 1);
    int hostsEnd = indexOfAny(afterUser, '/', '?');
    String hosts = afterUser.substring(0, hostsEnd);
    String tail = afterUser.substring(hostsEnd);
    if (tail.startsWith("/") && !tail.startsWith("/?") && !tail.equals("/")) {
      String database = tail.substring(1, indexOfAny(tail.substring(1), '?') + 1);
      if (!database.equals("0")) {
        throw invalid(url, "a cluster has no database number, found /" + database);
      }
    }
    String query = tail.contains("?") ? tail.substring(tail.indexOf('?')) : "";
    List<RedisURI> nodes = new ArrayList<>();
    for (String host : hosts.split(",")) {
      if (host.isBlank()) {
        throw invalid(url, "empty host in the node list");
      }
      nodes.add(RedisURI.create(nodeScheme + "://" + userInfo + host.strip() + query));
    }
    return new RedisEndpoints(true, nodes);
  }

  private static int indexOfAny(String text, char... chars) {
    for (int i = 0; i < text.length(); i++) {
      for (char c : chars) {
        if (text.charAt(i) == c) {
          return i;
        }
      }
    }
    return text.length();
  }

  private static IllegalArgumentException invalid(String url, String why) {
    return new IllegalArgumentException("invalid Redis URL '" + redact(url) + "': " + why);
  }
}
