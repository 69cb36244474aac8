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
  void theDemoSummarizesEveryConversationAndSaysSoOnItsLastLine() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.commandLine().execute("demo", "--conversations", "3", "--chunks", "4");
    } finally {
      System.setOut(original);
    }

    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(output).contains("summarized   [##############################]  3/3");
    assertThat(output.lines().filter(line -> line.matches("[0-9a-f]{8} +4 +yes +yes +yes .*")))
        .hasSize(3);
    assertThat(output.strip().lines().toList().getLast())
        .matches("3 of 3 conversations summarized in \\d+\\.\\d s");
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
    assertThat(out.toString())
        .contains("worker").contains("scheduler").contains("api").contains("dev").contains("demo");
  }
}
