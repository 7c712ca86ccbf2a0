package io.llmtwin.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepsTest {

  @Test
  void generatedTextCannotSendEscapeSequencesToTheTerminal() {
    assertThat(Steps.printable("small \u001b[2Jboats\u0016\nkeep\tthe tide low"))
        .isEqualTo("small \uFFFD[2Jboats\uFFFD\nkeep\tthe tide low");
  }
}
