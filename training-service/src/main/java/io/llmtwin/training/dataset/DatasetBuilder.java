package io.llmtwin.training.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.prompt.InstructionSample;
import io.llmtwin.model.prompt.PromptTemplate;
import io.llmtwin.model.text.PiiScrubber;
import io.llmtwin.registry.artifact.ArtifactNotFoundException;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModels;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;

/**
 * Builds and loads instruction datasets: reads an author's cleaned documents, cuts extracts, scrubs
 * PII, filters by length, de-duplicates, writes instructions, adds retrieved context to a share of
 * the samples, splits train/test per type with a seed, optionally builds DPO pairs, and stores the
 * result as JSONL in the artifact store under {@code datasets/<version>/}.
 *
 * <p>Each JSONL line is compatible with both Alpaca ({@code instruction}, {@code input}, {@code
 * output}) and chat ({@code messages}) loaders, and also carries {@code prompt} rendered with the
 * shared {@link PromptTemplate}.
 */
public final class DatasetBuilder {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final CleanedDocumentSource source;
  private final InstructionGenerator generator;
  private final ContextRetriever retriever;
  private final Optional<TextCompletion> completion;
  private final ArtifactStore artifacts;
  private final BaseModels baseModels;
  private final PiiScrubber scrubber = new PiiScrubber();

  DatasetBuilder(
      CleanedDocumentSource source,
      InstructionGenerator generator,
      ContextRetriever retriever,
      Optional<TextCompletion> completion,
      ArtifactStore artifacts,
      BaseModels baseModels) {
    this.source = source;
    this.generator = generator;
    this.retriever = retriever;
    this.completion = completion;
    this.artifacts = artifacts;
    this.baseModels = baseModels;
  }

  /**
   * Builds (or finds, when the same content was built before) the dataset of {@code authorId}.
   *
   * @throws ApiProblemException {@code base-model-refused} when preference pairs are asked for with
   *     a {@code baseModel} outside the base-models directory (checked before any work, see {@link
   *     BaseModels}), {@code unknown-author} when the feature store has no document of the author,
   *     {@code empty-corpus} when no extract survives the filters
   */
  public DatasetVersion build(String authorId, DatasetConfig requested) {
    DatasetConfig config = requested == null ? DatasetConfig.defaults() : requested.withDefaults();
    if (config.preferencePairs()) {
      // refused at once, and stored normalised: /models/x/ and /models/x give the same version
      config = config.withBaseModel(baseModels.check(config.baseModel()));
    }
    ExtractSplitter splitter = new ExtractSplitter(config.maxChars());
    Map<String, Integer> documents = new TreeMap<>();
    List<Extract> extracts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int duplicates = 0;
    int tooShort = 0;
    int total = 0;
    for (String typeKey : config.types()) {
      DocumentType type = DocumentType.parse(typeKey);
      List<SourceDocument> docs =
          source.documents(authorId, type).stream()
              .sorted(Comparator.comparing(SourceDocument::documentId))
              .toList();
      documents.put(type.key(), docs.size());
      total += docs.size();
      for (SourceDocument doc : docs) {
        for (Extract e : splitter.split(doc, scrubber)) {
          if (e.text().length() < config.minChars()) {
            tooShort++;
          } else if (!seen.add(normalized(e.text()))) {
            duplicates++;
          } else {
            extracts.add(e);
          }
        }
      }
    }
    if (total == 0) {
      throw new ApiProblemException(
              HttpStatus.BAD_REQUEST,
              "unknown-author",
              "Unknown author",
              "the feature store holds no documents of author " + authorId)
          .with("authorId", authorId);
    }
    if (extracts.isEmpty()) {
      throw new ApiProblemException(
              HttpStatus.BAD_REQUEST,
              "empty-corpus",
              "Empty corpus",
              "no extract of author "
                  + authorId
                  + " survives the filters (min "
                  + config.minChars()
                  + " characters, duplicates removed)")
          .with("authorId", authorId);
    }
    InstructionGenerator.Generated generated = generator.generate(extracts);
    Set<String> withContext = pick(extracts, config.ragShare(), config.seed(), "rag");
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    Map<String, Integer> trainCounts = new TreeMap<>();
    Map<String, Integer> testCounts = new TreeMap<>();
    int rag = 0;
    for (String typeKey : config.types()) {
      List<Extract> ofType = extracts.stream().filter(e -> e.type().key().equals(typeKey)).toList();
      Set<String> held = pick(ofType, config.testShare(), config.seed(), "split");
      for (Extract e : ofType) {
        String context = null;
        if (withContext.contains(e.id())) {
          // retrieved chunks are scrubbed like the extracts: no PII reaches a training sample
          context =
              retriever
                  .context(authorId, generated.instructions().get(e.id()), e.documentId())
                  .map(scrubber::scrub)
                  .orElse(null);
        }
        if (context != null) {
          rag++;
        }
        Row row =
            new Row(
                e, new InstructionSample(generated.instructions().get(e.id()), context, e.text()));
        (held.contains(e.id()) ? test : train).add(row);
      }
      trainCounts.put(typeKey, (int) train.stream().filter(r -> r.type().equals(typeKey)).count());
      testCounts.put(typeKey, (int) test.stream().filter(r -> r.type().equals(typeKey)).count());
    }
    List<String> preferences =
        config.preferencePairs() && completion.isPresent()
            ? preferencePairs(train, completion.get(), config.baseModel())
            : List.of();
    List<String> trainLines = train.stream().map(DatasetBuilder::line).toList();
    List<String> testLines = test.stream().map(DatasetBuilder::line).toList();
    String version = version(authorId, config, trainLines, testLines, preferences);
    DatasetStatistics stats =
        new DatasetStatistics(
            generator.name(),
            documents,
            extracts.size(),
            duplicates,
            tooShort,
            trainCounts,
            testCounts,
            rag,
            generated.failures(),
            preferences.size());
    return store(version, authorId, config, stats, trainLines, testLines, preferences);
  }

  /** One DPO pair per training sample: chosen = the author's text, rejected = the base model's. */
  private static List<String> preferencePairs(
      List<Row> train, TextCompletion completion, String baseModel) {
    List<String> out = new ArrayList<>();
    try (TextCompletion.Session session = completion.open(baseModel)) {
      for (Row row : train) {
        String prompt = PromptTemplate.prompt(row.sample());
        out.add(
            line(
                Map.of(
                    "prompt", prompt,
                    "chosen", row.sample().response(),
                    "rejected", session.complete(prompt))));
      }
    }
    return out;
  }

  /**
   * Loads a stored dataset version.
   *
   * @throws ApiProblemException {@code dataset-not-found} (400) when there is no such version
   */
  public Dataset load(String version) {
    if (version == null || !version.matches("ds-[0-9a-f]{16}")) {
      throw notFound(version);
    }
    return new Dataset(version, read(version, "train.jsonl"), read(version, "test.jsonl"));
  }

  private List<InstructionSample> read(String version, String name) {
    List<InstructionSample> out = new ArrayList<>();
    try (InputStream in = artifacts.get(DatasetVersion.keyPrefix(version) + name);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode node = JSON.readTree(line);
          String input = node.path("input").asText("");
          out.add(
              new InstructionSample(
                  node.path("instruction").asText(),
                  input.isEmpty() ? null : input,
                  node.path("output").asText()));
        }
      }
    } catch (ArtifactNotFoundException e) {
      throw notFound(version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + version, e);
    }
    return out;
  }

  /**
   * The stored dataset {@code version} when it holds {@code authorId}'s texts; a missing version
   * and another author's are both answered 400 {@code dataset-not-found}, so other authors'
   * versions neither leak nor get used (for training or evaluation) through another author's key.
   */
  public DatasetVersion requireOwnedBy(String version, String authorId) {
    return describe(version)
        .filter(v -> v.authorId().equals(authorId))
        .orElseThrow(() -> notFound(version));
  }

  private static ApiProblemException notFound(String version) {
    return new ApiProblemException(
        HttpStatus.BAD_REQUEST,
        "dataset-not-found",
        "Dataset not found",
        "no dataset version " + version + " is stored");
  }

  private DatasetVersion store(
      String version,
      String authorId,
      DatasetConfig config,
      DatasetStatistics stats,
      List<String> train,
      List<String> test,
      List<String> preferences) {
    String prefix = DatasetVersion.keyPrefix(version);
    Map<String, String> keys = keys(version, !preferences.isEmpty());
    if (artifacts.exists(prefix + "stats.json")) {
      return new DatasetVersion(version, authorId, config, stats, keys);
    }
    put(prefix + "train.jsonl", String.join("\n", train) + "\n");
    put(prefix + "test.jsonl", String.join("\n", test) + "\n");
    if (!preferences.isEmpty()) {
      put(prefix + "preferences.jsonl", String.join("\n", preferences) + "\n");
    }
    // stats last: its presence marks a complete version
    put(
        prefix + "stats.json",
        json(
            Map.of(
                "version", version, "authorId", authorId, "config", config, "statistics", stats)));
    return new DatasetVersion(version, authorId, config, stats, keys);
  }

  private static Map<String, String> keys(String version, boolean withPreferences) {
    String prefix = DatasetVersion.keyPrefix(version);
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("train.jsonl", prefix + "train.jsonl");
    keys.put("test.jsonl", prefix + "test.jsonl");
    if (withPreferences) {
      keys.put("preferences.jsonl", prefix + "preferences.jsonl");
    }
    keys.put("stats.json", prefix + "stats.json");
    return keys;
  }

  /**
   * The stored version {@code version} (author, config, statistics, artifact keys), read from its
   * {@code stats.json}; empty when no complete version of that id is stored.
   */
  public Optional<DatasetVersion> describe(String version) {
    if (version == null || !version.matches("ds-[0-9a-f]{16}")) {
      return Optional.empty();
    }
    String prefix = DatasetVersion.keyPrefix(version);
    JsonNode stats;
    try (InputStream in = artifacts.get(prefix + "stats.json")) {
      stats = JSON.readTree(in);
    } catch (ArtifactNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + version, e);
    }
    try {
      DatasetStatistics statistics =
          JSON.treeToValue(stats.path("statistics"), DatasetStatistics.class);
      return Optional.of(
          new DatasetVersion(
              version,
              stats.path("authorId").asText(),
              JSON.treeToValue(stats.path("config"), DatasetConfig.class),
              statistics,
              keys(version, statistics.preferencePairs() > 0)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("dataset " + version + " has an unreadable stats.json", e);
    }
  }

  private void put(String key, String content) {
    artifacts.put(key, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static String version(
      String authorId,
      DatasetConfig config,
      List<String> train,
      List<String> test,
      List<String> prefs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          json(Map.of("authorId", authorId, "config", config)).getBytes(StandardCharsets.UTF_8));
      for (List<String> part :
          List.of(train, List.of("--test--"), test, List.of("--dpo--"), prefs)) {
        for (String line : part) {
          sha.update(line.getBytes(StandardCharsets.UTF_8));
          sha.update((byte) '\n');
        }
      }
      return "ds-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Picks round(share × n) extracts, ordered by a seeded hash of their ids (exact and stable). */
  static Set<String> pick(List<Extract> extracts, double share, long seed, String purpose) {
    int n = (int) Math.round(share * extracts.size());
    Set<String> out = new HashSet<>();
    extracts.stream()
        .map(Extract::id)
        .sorted(Comparator.comparing((String id) -> mix(seed, purpose, id)).thenComparing(id -> id))
        .limit(n)
        .forEach(out::add);
    return out;
  }

  private static long mix(long seed, String purpose, String id) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (char c : (purpose + ":" + id).toCharArray()) {
      h = (h ^ c) * 0x100000001B3L;
      h ^= h >>> 29;
    }
    return h;
  }

  private static String normalized(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  private static String line(Row row) {
    InstructionSample s = row.sample();
    ObjectNode node = JSON.createObjectNode();
    node.put("instruction", s.instruction());
    node.put("input", s.hasContext() ? s.context() : "");
    node.put("output", s.response());
    node.put("prompt", PromptTemplate.prompt(s));
    var messages = node.putArray("messages");
    messages.addObject().put("role", "system").put("content", PromptTemplate.PREAMBLE);
    messages
        .addObject()
        .put("role", "user")
        .put(
            "content",
            s.hasContext() ? s.instruction() + "\n\nContext:\n" + s.context() : s.instruction());
    messages.addObject().put("role", "assistant").put("content", s.response());
    node.put("type", row.type());
    node.put("document_id", row.extract().documentId());
    return json(node);
  }

  private static String line(Map<String, String> values) {
    return json(new TreeMap<>(values));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise dataset content", e);
    }
  }

  private record Row(Extract extract, InstructionSample sample) {
    String type() {
      return extract.type().key();
    }
  }
}
