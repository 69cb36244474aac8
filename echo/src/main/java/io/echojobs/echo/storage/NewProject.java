package io.echojobs.echo.storage;

import java.util.Objects;

/**
 * What is needed to create a project.
 *
 * @param language a language code such as {@code en} or {@code nl}
 * @param keyTerms comma-separated key terms, "" for none
 */
public record NewProject(
    String name, String language, String keyTerms, boolean anonymizeTranscripts) {

  /** The language of a project created without one. */
  public static final String DEFAULT_LANGUAGE = "en";

  public NewProject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(keyTerms, "keyTerms");
    if (language.isBlank()) {
      throw new IllegalArgumentException("language: must not be blank");
    }
  }

  /** A project in the default language, without key terms or anonymisation. */
  public static NewProject named(String name) {
    return new NewProject(name, DEFAULT_LANGUAGE, "", false);
  }
}
