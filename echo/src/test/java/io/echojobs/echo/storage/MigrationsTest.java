package io.echojobs.echo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void migrationsCreateTheSchemaOnAnEmptyDatabaseAndAreNotAppliedTwice() throws Exception {
    try (TestDatabase empty = TestDatabase.create()) {
      DataSource dataSource = empty.unpooledDataSource();

      int appliedFirst = Migrations.apply(dataSource);
      int appliedAgain = Migrations.apply(dataSource);

      assertThat(appliedFirst).isPositive();
      assertThat(appliedAgain).isZero();
      assertThat(tables(dataSource))
          .contains("project", "conversation", "conversation_chunk", "processing_status");
    }
  }

  @Test
  void theTranscribedFlagIsNotNullWithDefaultFalse() throws Exception {
    try (TestDatabase empty = TestDatabase.create()) {
      Database database = empty.open();

      String[] column = column(database, "conversation", "is_all_chunks_transcribed");

      assertThat(column).containsExactly("NO", "false");
    }
  }

  @Test
  void anEmptySummaryIsRefusedByTheSchema() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      db.open();
      db.execute(
          "INSERT INTO project (id, name, created_at)"
              + " VALUES ('00000000-0000-0000-0000-000000000001', 'p', now())");

      assertThatThrownBy(
              () ->
                  db.execute(
                      "INSERT INTO conversation (project_id, created_at, updated_at, source,"
                          + " summary) VALUES ('00000000-0000-0000-0000-000000000001', now(),"
                          + " now(), 'TEST', '')"))
          .rootCause()
          .hasMessageContaining("conversation_summary_not_empty");
    }
  }

  private static List<String> tables(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection();
        ResultSet rows =
            connection.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public'")) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  private static String[] column(Database database, String table, String column)
      throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        ResultSet rows =
            connection.createStatement()
                .executeQuery(
                    "SELECT is_nullable, column_default FROM information_schema.columns"
                        + " WHERE table_name = '" + table + "' AND column_name = '" + column
                        + "'")) {
      rows.next();
      return new String[] {rows.getString(1), rows.getString(2)};
    }
  }
}
