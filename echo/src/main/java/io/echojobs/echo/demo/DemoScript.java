package io.echojobs.echo.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's made-up conversations: a neighbourhood consultation where participants typed what
 * they think. Some lines carry an e-mail address or a phone number, to show redaction at work,
 * and the project's key terms appear in spelling variants, to show their normalisation.
 */
final class DemoScript {

  static final String KEY_TERMS = "Repair Café, Green Corridor, Westpark";

  private static final String[] LINES = {
    "I think the green corridor along the canal should connect the school with westpark.",
    "Traffic around the school is the biggest worry for most parents in our street.",
    "The repair cafe could meet once a month in the community centre on Saturdays.",
    "Young people need a safe place to meet that is not a shop or a street corner.",
    "Please send the minutes to anna.devries@example.org so our group can read them.",
    "The library should stay open longer during the exam weeks in June.",
    "If the council plants more trees, the Green-Corridor will also cool the square in summer.",
    "You can call me on +31 6 1234 5678 if volunteers are needed for the repaircafe.",
    "Bicycle parking near the station is always full before eight in the morning.",
    "Elderly neighbours would like benches along the walking route in Westpark.",
    "A monthly market on the square would bring people from both sides of the canal together.",
    "Street lighting on the path behind the sports hall is broken since last winter.",
  };

  private DemoScript() {}

  /** The chunks of conversation {@code number}: a different mix of lines for each. */
  static List<String> chunksOf(int number, int chunks) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      texts.add(LINES[(number * 5 + i * 7) % LINES.length]);
    }
    return texts;
  }
}
