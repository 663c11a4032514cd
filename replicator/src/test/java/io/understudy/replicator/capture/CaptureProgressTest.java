package io.understudy.replicator.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.understudy.replicator.model.SourcePosition;
import io.understudy.replicator.model.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureProgressTest {

  @Test
  void lastTransactionAt_isWhenTheNewestTransactionArrived() throws Exception {
    Instant at = Instant.parse("2026-05-01T10:00:00Z");
    CaptureProgress progress = new CaptureProgress(Clock.fixed(at, ZoneOffset.UTC));
    TransactionSink sink = progress.counting(transaction -> {});

    assertThat(progress.lastTransactionAt()).isEmpty();
    sink.accept(transaction());

    assertThat(progress.lastTransactionAt()).contains(at);
    assertThat(progress.transactions()).isEqualTo(1);
  }

  private static Transaction transaction() {
    return new Transaction(new SourcePosition("0-1-1", "bin.1", 4), null, List.of());
  }
}
