package io.echojobs.echo.providers.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorExcerptTest {

  @Test
  void theOpenAiErrorShapeGivesMessageTypeAndCode() {
    String body =
        """
        {"error":{"message":"Rate limit reached for gpt-4o","type":"requests","param":null,
        "code":"rate_limit_exceeded"}}\
        """;

    assertThat(ErrorExcerpt.of(body))
        .isEqualTo("Rate limit reached for gpt-4o type=requests code=rate_limit_exceeded");
  }

  @Test
  void geminisArrayWrappedErrorAndFastApisDetailAreRead() {
    assertThat(ErrorExcerpt.of("[{\"error\":{\"code\":400,\"message\":\"Bad key\"}}]"))
        .isEqualTo("Bad key code=400");
    assertThat(ErrorExcerpt.of("{\"detail\":\"Not Found\"}")).isEqualTo("Not Found");
  }

  @Test
  void validationErrorsGiveTheirMessagesButNeverTheEchoedInput() {
    String body =
        """
        {"detail":[{"type":"missing","loc":["body","model"],"msg":"Field required",
        "input":{"messages":[{"role":"user","content":"my phone is 0612345678"}]}}]}\
        """;

    assertThat(ErrorExcerpt.of(body)).isEqualTo("Field required");
  }

  @Test
  void jsonOfAnUnknownShapeIsDescribedNotQuoted() {
    String body = "{\"echo\":\"my phone is 0612345678\"}";

    assertThat(ErrorExcerpt.of(body))
        .isEqualTo("(JSON error body without a message, " + body.length() + " chars)")
        .doesNotContain("0612345678");
  }

  @Test
  void otherTextIsFlattenedAndCut() {
    String html = "<html>\n<body>" + "x".repeat(500) + "</body></html>";

    String excerpt = ErrorExcerpt.of(html);

    assertThat(excerpt).hasSize(ErrorExcerpt.MAX_CHARS + 1).startsWith("<html> <body>xx");
    assertThat(ErrorExcerpt.of("")).isEqualTo("(empty body)");
  }
}
