package io.echojobs.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one benchmark run, printed as {@code RESULT <name> key=value ...}. */
public record BenchResult(String name, Map<String, Object> figures) {

  public static BenchResult of(String name) {
    return new BenchResult(name, new LinkedHashMap<>());
  }

  public BenchResult with(String key, Object value) {
    figures.put(key, value);
    return this;
  }

  public String line() {
    return "RESULT "
        + name
        + " "
        + figures.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }
}
