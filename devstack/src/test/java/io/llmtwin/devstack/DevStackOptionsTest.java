package io.llmtwin.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackOptionsTest {

  @Test
  void defaultsAvoidTheLocalRabbitMqPort() {
    DevStackOptions options = DevStackOptions.parse(new String[0], Map.of());
    assertThat(options.mongoPort()).isEqualTo(27017);
    assertThat(options.amqpPort()).isEqualTo(5673);
    assertThat(options.qdrantPort()).isEqualTo(6334);
    assertThat(options.dataDirectory()).isEmpty();
    assertThat(options.qdrant()).isTrue();
    assertThat(options.help()).isFalse();
  }

  @Test
  void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
    Map<String, String> env =
        Map.of(
            "LLMTWIN_DEVSTACK_MONGO_PORT", "27018",
            "LLMTWIN_DEVSTACK_AMQP_PORT", "5674",
            "LLMTWIN_DEVSTACK_QDRANT_PORT", "6335",
            "LLMTWIN_DEVSTACK_DATA_DIR", "/tmp/from-env");
    DevStackOptions fromEnv = DevStackOptions.parse(new String[0], env);
    assertThat(fromEnv.mongoPort()).isEqualTo(27018);
    assertThat(fromEnv.amqpPort()).isEqualTo(5674);
    assertThat(fromEnv.qdrantPort()).isEqualTo(6335);
    assertThat(fromEnv.dataDirectory()).contains(Path.of("/tmp/from-env"));

    DevStackOptions fromFlags =
        DevStackOptions.parse(
            new String[] {
              "--mongo-port",
              "0",
              "--amqp-port=1",
              "--qdrant-port",
              "2",
              "--data-dir=/tmp/flag",
              "--no-qdrant"
            },
            env);
    assertThat(fromFlags.mongoPort()).isZero();
    assertThat(fromFlags.amqpPort()).isEqualTo(1);
    assertThat(fromFlags.qdrantPort()).isEqualTo(2);
    assertThat(fromFlags.dataDirectory()).contains(Path.of("/tmp/flag"));
    assertThat(fromFlags.qdrant()).isFalse();
  }

  @Test
  void rejectsUnknownFlagsMissingValuesAndBadPorts() {
    assertThatThrownBy(() -> DevStackOptions.parse(new String[] {"--mongo"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> DevStackOptions.parse(new String[] {"--amqp-port"}, Map.of()))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> DevStackOptions.parse(new String[] {"--amqp-port", "x"}, Map.of()))
        .hasMessageContaining("not a number");
    assertThatThrownBy(
            () -> DevStackOptions.parse(new String[] {"--qdrant-port", "70000"}, Map.of()))
        .hasMessageContaining("out of range");
  }

  @Test
  void helpFlagIsRecognised() {
    assertThat(DevStackOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }
}
