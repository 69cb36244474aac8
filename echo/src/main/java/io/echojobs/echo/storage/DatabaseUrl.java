package io.echojobs.echo.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Where the PostgreSQL database is, as the JDBC driver wants it: a {@code jdbc:postgresql://}
 * URL and, separately, the user and password (null when the URL or the server's trust settings
 * supply them).
 *
 * <p>{@link #parse} accepts {@code DATABASE_URL} in the two forms people paste:
 *
 * <ul>
 *   <li>{@code postgres://user:password@host:port/database?sslmode=require} (also {@code
 *       postgresql://}); user and password may be percent-encoded, the query is passed through;
 *   <li>{@code jdbc:postgresql://host:port/database?user=...}, passed to the driver unchanged.
 * </ul>
 *
 * A value that is neither fails with {@link InvalidDatabaseUrlException} naming the variable and
 * what is wrong. {@link #toString()} and every message mask the password.
 *
 * @param jdbcUrl the URL given to the driver, without credentials for the first form
 * @param user the user name, or null
 * @param password the password, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

  /** The environment variable that points the application at its database. */
  public static final String VARIABLE = "DATABASE_URL";

  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final String ACCEPTED_FORMS =
      "expected postgres://user:password@host:port/database"
          + " or jdbc:postgresql://host:port/database";
  private static final Pattern JDBC_DATABASE =
      Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  public DatabaseUrl {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /**
   * Reads a {@code DATABASE_URL} value.
   *
   * @throws InvalidDatabaseUrlException when the value is blank, of another scheme, or lacks a
   *     host or a database name
   */
  public static DatabaseUrl parse(String value) {
    if (value == null || value.isBlank()) {
      throw invalid("it is empty", "");
    }
    String trimmed = value.strip();
    if (trimmed.startsWith(JDBC_PREFIX)) {
      return parseJdbc(trimmed);
    }
    if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
      return parseUri(trimmed);
    }
    throw invalid("the scheme is not postgres://, postgresql:// or jdbc:postgresql:", trimmed);
  }

  /** The same server and credentials with another database name. */
  public DatabaseUrl withDatabase(String database) {
    if (database == null || !DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("database: not a plain identifier: " + database);
    }
    Matcher matcher = JDBC_DATABASE.matcher(jdbcUrl);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "jdbcUrl: no //host/database part to replace in " + masked(jdbcUrl));
    }
    return new DatabaseUrl(
        matcher.group(1) + database + matcher.group(3), user, password);
  }

  /** The URL for logs and messages: credentials masked. */
  @Override
  public String toString() {
    return masked(jdbcUrl) + (user == null ? "" : " user=" + user);
  }

  private static DatabaseUrl parseJdbc(String value) {
    Properties properties = Driver.parseURL(value, null);
    if (properties == null) {
      throw invalid("the PostgreSQL driver does not accept it", value);
    }
    if (properties.getProperty("PGDBNAME", "").isEmpty()) {
      throw invalid("it names no database", value);
    }
    return new DatabaseUrl(value, null, null);
  }

  private static DatabaseUrl parseUri(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid("it is not a valid URI (" + e.getReason() + ")", value);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid("it names no host", value);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (database.isEmpty() || database.contains("/")) {
      throw invalid("it names no database (the path must be /database)", value);
    }
    StringBuilder jdbc = new StringBuilder(JDBC_PREFIX).append("//").append(uri.getHost());
    if (uri.getPort() != -1) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append('/').append(database);
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    return new DatabaseUrl(jdbc.toString(), user, password);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static InvalidDatabaseUrlException invalid(String reason, String value) {
    String shown = value.isEmpty() ? "" : " (" + masked(value) + ")";
    return new InvalidDatabaseUrlException(
        VARIABLE + " is not usable: " + reason + shown + "; " + ACCEPTED_FORMS);
  }

  /** Hides a password in {@code scheme://user:password@host} and in a {@code password=} query. */
  private static String masked(String url) {
    return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
