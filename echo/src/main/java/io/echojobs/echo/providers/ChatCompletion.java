package io.echojobs.echo.providers;

/**
 * A chat model's answer.
 *
 * @param content the text of the first choice
 * @param model the model that answered (as the service reports it, else the one asked for)
 * @param finishReason why generation stopped, such as {@code stop} or {@code length}; empty when
 *     not reported
 * @param usage token counts; zeros when not reported
 */
public record ChatCompletion(String content, String model, String finishReason, Usage usage) {

  /**
   * Token counts as the service reports them.
   *
   * @param promptTokens tokens read
   * @param completionTokens tokens written
   * @param totalTokens both together
   */
  public record Usage(int promptTokens, int completionTokens, int totalTokens) {

    public static final Usage NONE = new Usage(0, 0, 0);
  }

  @Override
  public String toString() {
    return "ChatCompletion[model="
        + model
        + ", finishReason="
        + finishReason
        + ", chars="
        + content.length()
        + ", usage="
        + usage
        + "]";
  }
}
