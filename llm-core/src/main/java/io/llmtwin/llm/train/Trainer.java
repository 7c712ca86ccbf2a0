package io.llmtwin.llm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.llmtwin.llm.checkpoint.CheckpointException;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import io.llmtwin.llm.checkpoint.WeightStore;
import io.llmtwin.llm.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fine-tunes whatever parameters of a model are trainable (LoRA adapters, or unfrozen projections)
 * with a response-only causal-LM loss, AdamW, warm-up + linear/cosine decay, gradient accumulation
 * and clipping. Data order and dropout are functions of (seed, step), so runs repeat exactly and a
 * resumed run continues as if never interrupted.
 */
public final class Trainer {

  static final String STATE_FILE = "trainer_state.json";
  static final String PARAMS_FILE = "trainable.safetensors";
  static final String OPTIMIZER_FILE = "optimizer.safetensors";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LlamaModel model;
  private final TrainingConfig config;
  private final Map<String, NDArray> params;
  private final AdamW optimizer;
  private final Map<Integer, int[]> permutations = new HashMap<>();

  /** Prepares training of {@code model}'s currently trainable parameters. */
  public Trainer(LlamaModel model, TrainingConfig config) {
    this.model = model;
    this.config = config;
    this.params = model.trainableParameters();
    if (params.isEmpty()) {
      throw new IllegalStateException("model has no trainable parameters: attach adapters first");
    }
    this.optimizer = new AdamW(params, config.weightDecay());
  }

  /** Trains until {@code maxSteps}, or until early stopping; resumes from a checkpoint if any. */
  public TrainingResult train(
      List<TrainingExample> train, List<TrainingExample> eval, TrainingProgress.Listener listener) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    int step = 0;
    double best = Double.NaN;
    int badEvals = 0;
    if (config.checkpointDir().isPresent()
        && Files.isRegularFile(config.checkpointDir().get().resolve(STATE_FILE))) {
      JsonNode state = AdamW.withoutGrad(() -> restore(config.checkpointDir().get()));
      step = state.path("step").asInt();
      best = state.path("best_eval_loss").asDouble(Double.NaN);
      badEvals = state.path("bad_evals").asInt();
    }
    List<Double> losses = new ArrayList<>();
    List<Double> evals = new ArrayList<>();
    long tokens = 0;
    long start = System.nanoTime();
    boolean stopped = false;
    int startStep = step;
    try (NDManager m = model.manager().newSubManager()) {
      while (step < config.maxSteps() && !stopped) {
        double lr = config.learningRateAt(step);
        Engine.getInstance().setRandomSeed((int) (config.seed() * 1_000_003L + step));
        double stepLoss = 0;
        for (int micro = 0; micro < config.gradientAccumulation(); micro++) {
          List<TrainingExample> batch =
              batch(train, (long) step * config.gradientAccumulation() + micro);
          try (NDScope scope = new NDScope();
              GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            CausalLmLoss.Batch b = CausalLmLoss.compute(model, m, batch, true);
            gc.backward(b.loss().div(config.gradientAccumulation()));
            stepLoss += b.loss().getFloat() / config.gradientAccumulation();
            tokens += b.inputTokens();
          }
        }
        if (!Double.isFinite(stepLoss)) {
          throw new IllegalStateException(
              "training diverged: loss "
                  + stepLoss
                  + " at step "
                  + (step + 1)
                  + "; lower the"
                  + " learning rate or enable gradient clipping");
        }
        optimizer.step(lr, config.maxGradNorm());
        step++;
        losses.add(stepLoss);
        double evalLoss = Double.NaN;
        if (config.evalEvery() > 0 && !eval.isEmpty() && step % config.evalEvery() == 0) {
          evalLoss = evaluate(model, eval, config.batchSize());
          evals.add(evalLoss);
          if (Double.isNaN(best) || evalLoss < best - 1e-4) {
            best = evalLoss;
            badEvals = 0;
          } else {
            badEvals++;
            stopped =
                config.earlyStoppingPatience() > 0 && badEvals >= config.earlyStoppingPatience();
          }
        }
        if (config.checkpointDir().isPresent()
            && config.checkpointEvery() > 0
            && (step % config.checkpointEvery() == 0 || step == config.maxSteps() || stopped)) {
          save(config.checkpointDir().get(), step, best, badEvals);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perStep = seconds / (step - startStep);
        listener.onStep(
            new TrainingProgress(
                step,
                config.maxSteps(),
                stepLoss,
                evalLoss,
                lr,
                tokens / Math.max(seconds, 1e-9),
                Duration.ofMillis((long) (perStep * (config.maxSteps() - step) * 1000))));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new TrainingResult(step, losses, evals, best, stopped, tokens / Math.max(seconds, 1e-9));
  }

  /** Token-weighted mean response loss of {@code model} on {@code examples}. */
  public static double evaluate(LlamaModel model, List<TrainingExample> examples, int batchSize) {
    return AdamW.withoutGrad(() -> meanLoss(model, examples, batchSize));
  }

  private static double meanLoss(LlamaModel model, List<TrainingExample> examples, int batchSize) {
    double sum = 0;
    long count = 0;
    try (NDManager m = model.manager().newSubManager()) {
      for (int i = 0; i < examples.size(); i += batchSize) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          CausalLmLoss.Batch b =
              CausalLmLoss.compute(
                  model, m, examples.subList(i, Math.min(examples.size(), i + batchSize)), false);
          sum += (double) b.loss().getFloat() * b.lossTokens();
          count += b.lossTokens();
        }
      }
    }
    return sum / Math.max(1, count);
  }

  private List<TrainingExample> batch(List<TrainingExample> data, long microBatch) {
    List<TrainingExample> out = new ArrayList<>(config.batchSize());
    int n = data.size();
    for (int j = 0; j < config.batchSize(); j++) {
      long k = microBatch * config.batchSize() + j;
      int epoch = (int) (k / n);
      int[] perm = permutations.computeIfAbsent(epoch, e -> permutation(n, e));
      out.add(data.get(perm[(int) (k % n)]));
    }
    return out;
  }

  private int[] permutation(int n, int epoch) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    Collections.shuffle(idx, new Random(config.seed() * 7919 + epoch));
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  private void save(Path dir, int step, double best, int badEvals) {
    try {
      Files.createDirectories(dir);
      Map<String, HostTensor> p = new LinkedHashMap<>();
      params.forEach((k, v) -> p.put(k, LlamaModel.toHost(v)));
      Safetensors.write(dir.resolve(PARAMS_FILE), p, TensorDType.F32, Map.of());
      Map<String, HostTensor> o = new LinkedHashMap<>();
      optimizer.firstMoments().forEach((k, v) -> o.put("m." + k, LlamaModel.toHost(v)));
      optimizer.secondMoments().forEach((k, v) -> o.put("v." + k, LlamaModel.toHost(v)));
      Safetensors.write(dir.resolve(OPTIMIZER_FILE), o, TensorDType.F32, Map.of());
      ObjectNode state = JSON.createObjectNode();
      state.put("step", step);
      state.put("optimizer_steps", optimizer.stepCount());
      state.put("best_eval_loss", best);
      state.put("bad_evals", badEvals);
      state.put("seed", config.seed());
      Path tmp = dir.resolve(STATE_FILE + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(state));
      Files.move(tmp, dir.resolve(STATE_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CheckpointException("cannot save training checkpoint to " + dir, e);
    }
  }

  private JsonNode restore(Path dir) {
    JsonNode state;
    try {
      state = JSON.readTree(Files.readString(dir.resolve(STATE_FILE)));
    } catch (IOException e) {
      throw new CheckpointException("cannot read training state in " + dir, e);
    }
    if (state.path("seed").asLong() != config.seed()) {
      throw new CheckpointException("checkpoint in " + dir + " was made with another seed");
    }
    try (WeightStore p = Safetensors.open(dir.resolve(PARAMS_FILE));
        WeightStore o = Safetensors.open(dir.resolve(OPTIMIZER_FILE))) {
      for (var e : params.entrySet()) {
        if (!p.contains(e.getKey())) {
          throw new CheckpointException("training checkpoint lacks " + e.getKey());
        }
        e.getValue().set(p.read(e.getKey()).data());
        optimizer.firstMoments().get(e.getKey()).set(o.read("m." + e.getKey()).data());
        optimizer.secondMoments().get(e.getKey()).set(o.read("v." + e.getKey()).data());
      }
    }
    optimizer.restore(state.path("optimizer_steps").asInt());
    return state;
  }
}
