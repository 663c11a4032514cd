package io.understudy.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.daemon.admin.BearerTokenCheck.Verdict;
import io.understudy.daemon.config.Secret;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BearerTokenCheckTest {

  private static final String TOKEN = "0123456789abcdef-token";

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of(TOKEN, "Bearer " + TOKEN, Verdict.ALLOWED, 200),
        Arguments.of(TOKEN, "bearer " + TOKEN, Verdict.ALLOWED, 200),
        Arguments.of(TOKEN, "Bearer  " + TOKEN + " ", Verdict.ALLOWED, 200),
        Arguments.of(TOKEN, null, Verdict.MISSING, 401),
        Arguments.of(TOKEN, "", Verdict.MISSING, 401),
        Arguments.of(TOKEN, "Basic " + TOKEN, Verdict.MISSING, 401),
        Arguments.of(TOKEN, TOKEN, Verdict.MISSING, 401),
        Arguments.of(TOKEN, "Bearer ", Verdict.WRONG, 403),
        Arguments.of(TOKEN, "Bearer " + TOKEN.substring(1), Verdict.WRONG, 403),
        Arguments.of(TOKEN, "Bearer " + TOKEN + "x", Verdict.WRONG, 403),
        Arguments.of(TOKEN, "Bearer " + TOKEN.toUpperCase(), Verdict.WRONG, 403),
        Arguments.of(null, "Bearer " + TOKEN, Verdict.NOT_CONFIGURED, 403),
        Arguments.of(null, null, Verdict.NOT_CONFIGURED, 403));
  }

  @ParameterizedTest(name = "token {0}, header {1} -> {2}")
  @MethodSource("requests")
  void decides(String configured, String header, Verdict verdict, int status) {
    BearerTokenCheck check = new BearerTokenCheck(Optional.ofNullable(configured).map(Secret::new));

    Verdict actual = check.check(header);

    assertThat(actual).isEqualTo(verdict);
    assertThat(actual.status()).isEqualTo(status);
    assertThat(BearerTokenCheck.explain(actual)).doesNotContain(TOKEN);
  }
}
