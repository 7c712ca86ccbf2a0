package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorResolverTest {
  private final AuthorResolver resolver =
      new AuthorResolver(
          new InMemoryAuthorDirectory(
              List.of(
                  new KnownAuthor("ana", "Ana Ferreira", List.of("anaferreira")),
                  new KnownAuthor("ben", "Ben Okafor", List.of("bokafor", "benji")),
                  new KnownAuthor("chloe", "Chloé Martin", List.of()),
                  new KnownAuthor("chris", "Chris Martin", List.of()))));

  private String resolve(String query) {
    return resolver.resolve(query).map(m -> m.author().id()).orElse(null);
  }

  @Test
  void findsAFullNameIgnoringCaseAccentsAndPossessives() {
    assertThat(resolve("What did ana ferreira write about CDC?")).isEqualTo("ana");
    assertThat(resolve("Chloe Martin's posts on Kubernetes")).isEqualTo("chloe");
    assertThat(resolve("CHLOÉ MARTIN on probes")).isEqualTo("chloe");
    assertThat(resolver.resolve("Ben Okafor on LoRA").orElseThrow().exact()).isTrue();
  }

  @Test
  void findsAliases() {
    assertThat(resolve("benji's notes on hybrid search")).isEqualTo("ben");
    assertThat(resolve("posts by @bokafor")).isEqualTo("ben");
  }

  @Test
  void toleratesTypos() {
    AuthorMatch match = resolver.resolve("Ana Fereira on exactly-once delivery").orElseThrow();
    assertThat(match.author().id()).isEqualTo("ana");
    assertThat(match.distance()).isEqualTo(1);
    assertThat(resolve("Ben Okafro about quantisation")).isEqualTo("ben");
  }

  @Test
  void neverGuessesBetweenAuthorsOrFromPartsOfANameOrUnknownNames() {
    assertThat(resolve("what does Martin think about testing")).isNull();
    assertThat(resolve("what does Ben think about LoRA")).isNull();
    assertThat(resolve("Maria Schmidt on Kafka")).isNull();
    assertThat(resolve("how to size a Kafka partition")).isNull();
    assertThat(resolve("")).isNull();
  }

  @Test
  void anExactNameBeatsAFuzzyOne() {
    assertThat(resolve("Chris Martin and the deploys")).isEqualTo("chris");
    assertThat(resolve("Chloe Martin and the deploys")).isEqualTo("chloe");
  }

  @Test
  void aLongerNameBeatsAShorterOneFoundInTheSameWords() {
    AuthorResolver withShortAlias =
        new AuthorResolver(
            new InMemoryAuthorDirectory(
                List.of(
                    new KnownAuthor("maxime", "Maxime Labonne", List.of("Maxime")),
                    new KnownAuthor("dupont", "Maxime Dupont", List.of()))));
    AuthorMatch match = withShortAlias.resolve("Maxime Dupont on merging").orElseThrow();
    assertThat(match.author().id()).isEqualTo("dupont");
    assertThat(withShortAlias.resolve("Maxime Labonne on merging").orElseThrow().matchedName())
        .isEqualTo("Maxime Labonne");
  }

  @Test
  void shortWordsAreNotMatchedFuzzily() {
    // "and" is one edit from "ana", but words under four letters must match exactly
    assertThat(resolve("Ann Ferreira")).isNull();
    assertThat(resolve("this and Ferreira's")).isNull();
    assertThat(resolve("Ana Ferreira")).isEqualTo("ana");
  }
}
