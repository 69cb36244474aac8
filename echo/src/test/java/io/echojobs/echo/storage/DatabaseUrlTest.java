package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void aPostgresUrlBecomesAJdbcUrlWithSeparateCredentials() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgres://echo:s%40cret@db.example:6543/echo?sslmode=require");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/echo?sslmode=require");
    assertThat(url.user()).isEqualTo("echo");
    assertThat(url.password()).isEqualTo("s@cret");
  }

  @Test
  void thePostgresqlSchemeAndAMissingPortAndPasswordAreAccepted() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@localhost/test");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/test");
    assertThat(url.user()).isEqualTo("postgres");
    assertThat(url.password()).isNull();
  }

  @Test
  void aJdbcUrlIsPassedThroughUnchanged() {
    String jdbc = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    DatabaseUrl url = DatabaseUrl.parse(jdbc);

    assertThat(url.jdbcUrl()).isEqualTo(jdbc);
    assertThat(url.user()).isNull();
  }

  @Test
  void anotherSchemeFailsNamingTheVariableAndTheAcceptedForms() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root@localhost/test"))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("scheme")
        .hasMessageContaining("postgres://user:password@host:port/database");
  }

  @Test
  void aUrlWithoutDatabaseFailsWithoutShowingThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://echo:topsecret@localhost:5432"))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("no database")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void aUrlWithoutHostFails() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///echo"))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("no host");
  }

  @Test
  void anEmptyValueFails() {
    assertThatThrownBy(() -> DatabaseUrl.parse("  "))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("DATABASE_URL is not usable: it is empty");
  }

  @Test
  void aJdbcUrlTheDriverRejectsFails() {
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://host:notaport/db"))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .hasMessageContaining("driver does not accept it");
  }

  @Test
  void toStringMasksThePassword() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h/db?user=u&password=hunter2");

    assertThat(url.toString()).doesNotContain("hunter2").contains("password=***");
  }

  @Test
  void withDatabaseReplacesOnlyTheDatabaseName() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h:1/one?sslmode=disable");

    DatabaseUrl other = url.withDatabase("two");

    assertThat(other.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/two?sslmode=disable");
    assertThat(other.password()).isEqualTo("p");
  }
}
