package io.llmtwin.registry.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.llmtwin.registry.RegistryCollections;
import io.llmtwin.registry.TestMongo;
import io.llmtwin.registry.alias.AliasChange;
import io.llmtwin.registry.alias.AliasConflictException;
import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasTarget;
import io.llmtwin.registry.alias.RollbackNotPossibleException;
import io.llmtwin.registry.artifact.FileSystemArtifactStore;
import io.llmtwin.registry.model.VersionNotFoundException;
import io.llmtwin.registry.model.VersionSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoAliasRegistryIT {

  private static final String MODEL = "twin-jane";
  private static TestMongo mongo;

  @TempDir Path temp;
  private MongoTemplate template;
  private MongoAliasRegistry aliases;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() {
    mongo.close();
  }

  @BeforeEach
  void createRegistry() {
    template = mongo.freshTemplate();
    MongoModelRegistry models =
        new MongoModelRegistry(template, new FileSystemArtifactStore(temp), Clock.systemUTC());
    aliases = new MongoAliasRegistry(template, models, Clock.systemUTC());
    for (int i = 0; i < 4; i++) {
      models.register(MODEL, VersionSpec.builder("base", "ds").createdBy("trainer").build());
    }
  }

  @Test
  void assignsAndMovesAnAliasRecordingWhoWhenAndWhy() {
    Instant before = Instant.now().minusMillis(1);
    AliasMoved assigned =
        aliases.move(MODEL, "candidate", 1, AliasMove.by("trainer", "job 1 done"));
    AliasMoved moved = aliases.move(MODEL, "candidate", 2, AliasMove.by("trainer", "job 2 done"));

    assertThat(assigned.change()).isEqualTo(AliasChange.ASSIGNED);
    assertThat(assigned.from()).isEmpty();
    assertThat(moved.change()).isEqualTo(AliasChange.MOVED);
    assertThat(moved.from()).contains(1);
    assertThat(moved.to()).contains(2);
    assertThat(moved.actor()).isEqualTo("trainer");
    assertThat(moved.reason()).isEqualTo("job 2 done");
    assertThat(moved.at()).isAfter(before);
    assertThat(moved.forced()).isFalse();
    assertThat(aliases.target(MODEL, "candidate").map(AliasTarget::version)).contains(2);
    assertThat(aliases.history(MODEL, "candidate")).containsExactly(assigned, moved);
  }

  @Test
  void twoSimultaneousPromotionsLeaveOneHolderAndTwoAuditEntries() throws Exception {
    aliases.move(MODEL, AliasNames.ACCEPTED, 1, AliasMove.by("ci", "baseline"));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<AliasMoved>> promotions = new ArrayList<>();
      for (int version : new int[] {2, 3}) {
        promotions.add(
            () -> {
              start.await();
              return aliases.move(
                  MODEL, AliasNames.ACCEPTED, version, AliasMove.by("gate-" + version, "better"));
            });
      }
      List<Future<AliasMoved>> results = new ArrayList<>();
      for (Callable<AliasMoved> p : promotions) {
        results.add(pool.submit(p));
      }
      start.countDown();
      List<AliasMoved> events = new ArrayList<>();
      for (Future<AliasMoved> f : results) {
        events.add(f.get(30, TimeUnit.SECONDS));
      }

      List<AliasMoved> history = aliases.history(MODEL, AliasNames.ACCEPTED);
      assertThat(history).hasSize(3);
      AliasMoved first = history.get(1);
      AliasMoved second = history.get(2);
      assertThat(List.of(first, second)).containsExactlyInAnyOrderElementsOf(events);
      assertThat(first.from()).contains(1);
      assertThat(second.from()).isEqualTo(first.to());
      int holder = aliases.target(MODEL, AliasNames.ACCEPTED).orElseThrow().version();
      assertThat(holder).isEqualTo(second.toVersion()).isIn(2, 3);
      assertThat(template.getCollection(RegistryCollections.ALIASES).countDocuments()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyConcurrentMovesAreSerialisedWithoutLosingAuditEntries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<AliasMoved>> moves = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int version = 1 + i % 4;
        moves.add(() -> aliases.move(MODEL, "canary", version, AliasMove.by("t", "load")));
      }
      for (Future<AliasMoved> f : pool.invokeAll(moves)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<AliasMoved> history = aliases.history(MODEL, "canary");
    assertThat(history).hasSize(24);
    assertThat(history)
        .extracting(AliasMoved::revision)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 24).boxed().toList());
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).fromVersion()).isEqualTo(history.get(i - 1).toVersion());
    }
    assertThat(aliases.target(MODEL, "canary").orElseThrow().version())
        .isEqualTo(history.get(23).toVersion());
  }

  @Test
  void rollbackRestoresThePreviousHolderAndWalksFurtherBack() {
    aliases.move(MODEL, AliasNames.ACCEPTED, 1, AliasMove.by("ci", "v1"));
    aliases.move(MODEL, AliasNames.ACCEPTED, 2, AliasMove.by("ci", "v2"));
    aliases.move(MODEL, AliasNames.ACCEPTED, 3, AliasMove.by("ci", "v3"));

    AliasMoved first = aliases.rollback(MODEL, AliasNames.ACCEPTED, "oncall", "v3 hallucinates");
    assertThat(first.change()).isEqualTo(AliasChange.ROLLED_BACK);
    assertThat(first.from()).contains(3);
    assertThat(first.to()).contains(2);
    assertThat(aliases.target(MODEL, AliasNames.ACCEPTED).orElseThrow().version()).isEqualTo(2);

    AliasMoved second = aliases.rollback(MODEL, AliasNames.ACCEPTED, "oncall", "v2 too");
    assertThat(second.to()).contains(1);

    assertThatThrownBy(() -> aliases.rollback(MODEL, AliasNames.ACCEPTED, "oncall", "again"))
        .isInstanceOf(RollbackNotPossibleException.class)
        .hasMessageContaining("no previous holder");
    assertThat(aliases.history(MODEL, AliasNames.ACCEPTED)).hasSize(5);
  }

  @Test
  void removingAnAliasIsAuditedAndEndsTheRollbackTrail() {
    aliases.move(MODEL, "candidate", 1, AliasMove.by("ci", "v1"));
    aliases.move(MODEL, "candidate", 2, AliasMove.by("ci", "v2"));

    AliasMoved removed = aliases.remove(MODEL, "candidate", "jane", "bad run");

    assertThat(removed.change()).isEqualTo(AliasChange.REMOVED);
    assertThat(removed.from()).contains(2);
    assertThat(removed.to()).isEmpty();
    assertThat(aliases.target(MODEL, "candidate")).isEmpty();
    assertThat(aliases.aliases(MODEL)).isEmpty();
    assertThatThrownBy(() -> aliases.rollback(MODEL, "candidate", "jane", "undo"))
        .isInstanceOf(RollbackNotPossibleException.class);
    assertThatThrownBy(() -> aliases.remove(MODEL, "candidate", "jane", "twice"))
        .isInstanceOf(AliasConflictException.class);
    aliases.move(MODEL, "candidate", 3, AliasMove.by("ci", "v3"));
    assertThat(aliases.history(MODEL, "candidate"))
        .extracting(AliasMoved::change)
        .containsExactly(
            AliasChange.ASSIGNED, AliasChange.MOVED, AliasChange.REMOVED, AliasChange.ASSIGNED);
  }

  @Test
  void aStaleExpectationIsRefusedWithoutMovingTheAlias() {
    aliases.move(MODEL, AliasNames.ACCEPTED, 1, AliasMove.by("ci", "v1"));
    aliases.move(MODEL, AliasNames.ACCEPTED, 2, AliasMove.by("ci", "v2"));

    assertThatThrownBy(
            () ->
                aliases.move(
                    MODEL, AliasNames.ACCEPTED, 3, AliasMove.by("gate", "beats v1").expecting(1)))
        .isInstanceOf(AliasConflictException.class)
        .hasMessageContaining("points at v2");
    assertThat(aliases.target(MODEL, AliasNames.ACCEPTED).orElseThrow().version()).isEqualTo(2);
    assertThat(aliases.move(MODEL, "fresh", 3, AliasMove.by("ci", "new").expecting(0)).change())
        .isEqualTo(AliasChange.ASSIGNED);
  }

  @Test
  void aForcedPromotionNeedsAReasonAndIsAuditedAsForced() {
    assertThatThrownBy(() -> AliasMove.by("jane", " ").force())
        .isInstanceOf(IllegalArgumentException.class);

    AliasMoved forced =
        aliases.move(
            MODEL, AliasNames.ACCEPTED, 4, AliasMove.by("jane", "hotfix, gate flaky").force());

    assertThat(aliases.history(MODEL, AliasNames.ACCEPTED)).containsExactly(forced);
    assertThat(forced.forced()).isTrue();
  }

  @Test
  void refusesUnsafeAliasNamesAndMissingVersions() {
    for (String bad : new String[] {"Accepted", "latest", "v2", "a b", "$where", "x.y", ""}) {
      assertThatThrownBy(() -> aliases.move(MODEL, bad, 1, AliasMove.by("ci", "x")))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> aliases.move(MODEL, "candidate", 99, AliasMove.by("ci", "x")))
        .isInstanceOf(VersionNotFoundException.class);
    assertThatThrownBy(() -> aliases.move(MODEL, "candidate", 1, AliasMove.by(" ", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pollingReturnsChangesSinceAnInstant() {
    aliases.move(MODEL, "candidate", 1, AliasMove.by("ci", "v1"));
    AliasMoved last = aliases.move(MODEL, "candidate", 2, AliasMove.by("ci", "v2"));
    Instant mark = last.at().plusMillis(1);
    AliasMoved promoted =
        aliases.move(MODEL, AliasNames.ACCEPTED, 2, AliasMove.by("gate", "better"));

    assertThat(aliases.changesSince(mark)).containsExactly(promoted);
    assertThat(aliases.changesSince(Instant.EPOCH)).hasSize(3);
    assertThat(aliases.history(MODEL))
        .extracting(AliasMoved::alias)
        .containsExactlyInAnyOrder("candidate", "candidate", "accepted");
    assertThat(aliases.aliases(MODEL))
        .extracting(AliasTarget::alias, AliasTarget::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("accepted", 2),
            org.assertj.core.groups.Tuple.tuple("candidate", 2));
  }

  @Test
  void aChangeStreamOnTheHistorySeesPromotions() {
    aliases.move(MODEL, AliasNames.ACCEPTED, 1, AliasMove.by("ci", "v1"));
    try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
        template.getCollection(RegistryCollections.ALIAS_HISTORY).watch().cursor()) {
      aliases.move(MODEL, AliasNames.ACCEPTED, 3, AliasMove.by("gate", "better"));

      List<Document> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                ChangeStreamDocument<Document> change = cursor.tryNext();
                if (change != null && change.getFullDocument() != null) {
                  seen.add(change.getFullDocument());
                }
                return !seen.isEmpty();
              });
      AliasMoved event = MongoAliasRegistry.toEvent(seen.get(0));
      assertThat(event.alias()).isEqualTo(AliasNames.ACCEPTED);
      assertThat(event.to()).contains(3);
      assertThat(event.from()).contains(1);
    }
  }

  @Test
  void theAliasDocumentCatchesUpAfterAnInterruptedMove() {
    aliases.move(MODEL, AliasNames.ACCEPTED, 1, AliasMove.by("ci", "v1"));
    aliases.move(MODEL, AliasNames.ACCEPTED, 2, AliasMove.by("ci", "v2"));
    // simulate a process that died after recording the event but before updating the document
    var documents = template.getCollection(RegistryCollections.ALIASES);
    documents.updateOne(
        Filters.eq("_id", MODEL + ":accepted"),
        com.mongodb.client.model.Updates.combine(
            com.mongodb.client.model.Updates.set("version", 1),
            com.mongodb.client.model.Updates.set("revision", 1L)));

    assertThat(aliases.target(MODEL, AliasNames.ACCEPTED).orElseThrow().version()).isEqualTo(2);
    AliasMoved third = aliases.move(MODEL, AliasNames.ACCEPTED, 3, AliasMove.by("ci", "v3"));

    assertThat(third.from()).contains(2);
    Document projected = documents.find(Filters.eq("_id", MODEL + ":accepted")).first();
    assertThat(projected.get("version")).isEqualTo(3);
    assertThat(((Number) projected.get("revision")).longValue()).isEqualTo(3L);
  }
}
