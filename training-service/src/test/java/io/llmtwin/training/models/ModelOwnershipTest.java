package io.llmtwin.training.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.registry.model.RegisteredModel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelOwnershipTest {

  private static RegisteredModel model(String name, String owner) {
    return new RegisteredModel(name, "", Instant.EPOCH, 1, owner);
  }

  @Test
  void aRecordedOwnerDecidesWhateverTheName() {
    assertThat(ModelOwnership.belongsTo(model("twin-jane", "joe"), "joe")).isTrue();
    assertThat(ModelOwnership.belongsTo(model("twin-jane", "joe"), "jane")).isFalse();
    assertThat(ModelOwnership.belongsTo(model("custom", "jane"), "jane")).isTrue();
  }

  @Test
  void anUnownedModelBelongsOnlyToTheAuthorWhoseDefaultNameItBears() {
    assertThat(ModelOwnership.belongsTo(model("twin-jane", null), "jane")).isTrue();
    assertThat(ModelOwnership.belongsTo(model("twin-jane", null), "joe")).isFalse();
    assertThat(ModelOwnership.belongsTo(model("twin-jane-doe", null), "jane@doe")).isTrue();
    assertThat(ModelOwnership.belongsTo(model("custom", null), "jane")).isFalse();
  }

  @Test
  void defaultNamesReplaceCharactersRegistryNamesDoNotAllow() {
    assertThat(ModelOwnership.defaultModelName("jane@doe:1")).isEqualTo("twin-jane-doe-1");
    assertThat(ModelOwnership.defaultModelName("jane.doe_2")).isEqualTo("twin-jane.doe_2");
  }

  @Test
  void aDefaultNameNamesItsAuthorAndNoOtherNameDoes() {
    assertThat(ModelOwnership.authorOfDefaultName(ModelOwnership.defaultModelName("jane")))
        .contains("jane");
    assertThat(ModelOwnership.authorOfDefaultName("twin-jane-doe-1")).contains("jane-doe-1");
    assertThat(ModelOwnership.authorOfDefaultName("custom")).isEmpty();
  }
}
