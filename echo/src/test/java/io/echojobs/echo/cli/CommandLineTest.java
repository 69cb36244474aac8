package io.echojobs.echo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

  @Test
  void theDemoCompletesEveryDocumentAndSaysSoOnItsLastLine() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.commandLine().execute("demo", "--documents", "4", "--chunks", "5");
    } finally {
      System.setOut(original);
    }

    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(output).contains("doc-04        5      0");
    assertThat(output.strip().lines().toList().getLast())
        .matches("4 of 4 documents summarized in \\d+\\.\\d s");
  }

  @Test
  void anInvalidOptionFailsNamingTheOption() {
    CommandLine commandLine = Main.commandLine();
    StringWriter errors = new StringWriter();
    commandLine.setErr(new PrintWriter(errors));

    int exit = commandLine.execute("worker", "--concurrency", "many");

    assertThat(exit).isNotZero();
    assertThat(errors.toString()).contains("--concurrency").contains("many");
  }

  @Test
  void helpListsTheSubcommands() {
    CommandLine commandLine = Main.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));

    int exit = commandLine.execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("worker").contains("demo");
  }
}
