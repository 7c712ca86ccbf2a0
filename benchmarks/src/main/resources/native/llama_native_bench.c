/*
 * Native baseline for InferenceEngineBenchmark: drives llama.cpp's C API directly, in the very
 * library the de.kherud:llama binding ships (libjllama.so exports llama_* of llama.cpp b4916),
 * with no JNI and no server loop. Per run: clear the KV cache, decode the prompt as one batch,
 * then decode the greedy (argmax) token one at a time: llama-bench's pp and tg tests plus an
 * argmax, on the prompt the Java side serves.
 *
 * The parameter structs are passed as opaque, oversized buffers: each of them is larger than 16
 * bytes (b4916: model params 64, context params 120, batch 56), so both ABIs return it through
 * memory the caller provides, of which llama.cpp writes only its own layout. As an argument,
 * AArch64 passes a pointer to a caller copy; x86-64 copies it onto the stack, where the callee
 * reads its layout from the start, which holds because each struct is the last (and only)
 * argument passed on the stack in every call below. Only default parameters are used; the thread count is set through
 * llama_set_n_threads, the one setting that differs from the defaults.
 *
 * usage: llama_native_bench <libjllama.so> <model.gguf> <threads> <generated tokens> <runs> <prompt ids, comma-separated>
 * prints "run <i> prompt_tok_s <x> gen_tok_s <y>" per measured run (after one warm-up run), then
 * "token <id> <piece as hex>" for every token the last run generated.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { _Alignas(16) unsigned char bytes[1024]; } opaque_params;
typedef struct { _Alignas(16) unsigned char bytes[256]; } opaque_batch;

static void *sym(void *lib, const char *name) {
  void *f = dlsym(lib, name);
  if (!f) {
    fprintf(stderr, "missing symbol %s\n", name);
    exit(2);
  }
  return f;
}

static void quiet(int level, const char *text, void *user) {
  (void) level; (void) text; (void) user;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s lib model threads generated_tokens runs prompt_ids\n", argv[0]);
    return 2;
  }
  int threads = atoi(argv[3]), n_gen = atoi(argv[4]), runs = atoi(argv[5]);
  if (argv[6][0] == '\0') {
    fprintf(stderr, "the prompt needs at least one token id\n");
    return 2;
  }
  int n_prompt = 1;
  for (const char *c = argv[6]; *c; c++) n_prompt += *c == ',';
  int32_t *prompt = malloc(sizeof(int32_t) * n_prompt);
  char *rest = argv[6];
  for (int i = 0; i < n_prompt; i++) prompt[i] = (int32_t) strtol(rest, &rest, 10), rest += *rest == ',';
  if (threads < 1 || n_gen < 1 || runs < 1) {
    fprintf(stderr, "threads, generated tokens and runs must be positive\n");
    return 2;
  }

  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "%s\n", dlerror());
    return 2;
  }
  void (*log_set)(void (*)(int, const char *, void *), void *) = sym(lib, "llama_log_set");
  void (*backend_init)(void) = sym(lib, "llama_backend_init");
  opaque_params (*model_defaults)(void) = sym(lib, "llama_model_default_params");
  opaque_params (*context_defaults)(void) = sym(lib, "llama_context_default_params");
  void *(*load_model)(const char *, opaque_params) = sym(lib, "llama_model_load_from_file");
  void *(*init_context)(void *, opaque_params) = sym(lib, "llama_init_from_model");
  uint32_t (*n_ctx)(const void *) = sym(lib, "llama_n_ctx");
  void (*set_threads)(void *, int32_t, int32_t) = sym(lib, "llama_set_n_threads");
  const void *(*get_vocab)(const void *) = sym(lib, "llama_model_get_vocab");
  int32_t (*n_tokens)(const void *) = sym(lib, "llama_vocab_n_tokens");
  int32_t (*to_piece)(const void *, int32_t, char *, int32_t, int32_t, bool) = sym(lib, "llama_token_to_piece");
  opaque_batch (*batch_one)(int32_t *, int32_t) = sym(lib, "llama_batch_get_one");
  int32_t (*decode)(void *, opaque_batch) = sym(lib, "llama_decode");
  float *(*logits_ith)(void *, int32_t) = sym(lib, "llama_get_logits_ith");
  void (*kv_clear)(void *) = sym(lib, "llama_kv_self_clear");
  void (*synchronize)(void *) = sym(lib, "llama_synchronize");

  log_set(quiet, NULL);
  backend_init();
  void *model = load_model(argv[2], model_defaults());
  if (!model) {
    fprintf(stderr, "llama.cpp could not load %s\n", argv[2]);
    return 1;
  }
  void *ctx = init_context(model, context_defaults());
  if (!ctx) {
    fprintf(stderr, "llama.cpp could not create a context\n");
    return 1;
  }
  if ((uint32_t) (n_prompt + n_gen) > n_ctx(ctx)) {
    fprintf(stderr, "prompt + generated tokens exceed the context of %u\n", n_ctx(ctx));
    return 2;
  }
  set_threads(ctx, threads, threads);
  const void *vocab = get_vocab(model);
  int n_vocab = n_tokens(vocab);
  int32_t *generated = malloc(sizeof(int32_t) * n_gen);

  for (int run = 0; run <= runs; run++) { /* run 0 is the warm-up, as in the Java benchmark */
    kv_clear(ctx);
    double t0 = now_s();
    if (decode(ctx, batch_one(prompt, n_prompt)) != 0) {
      fprintf(stderr, "prompt decode failed\n");
      return 1;
    }
    synchronize(ctx);
    double t1 = now_s();
    for (int i = 0; i < n_gen; i++) {
      const float *logits = logits_ith(ctx, -1);
      int32_t best = 0;
      for (int v = 1; v < n_vocab; v++) {
        if (logits[v] > logits[best]) best = v;
      }
      generated[i] = best;
      if (decode(ctx, batch_one(&generated[i], 1)) != 0) {
        fprintf(stderr, "decode failed at token %d\n", i);
        return 1;
      }
    }
    synchronize(ctx);
    double t2 = now_s();
    if (run > 0) {
      printf("run %d prompt_tok_s %.3f gen_tok_s %.3f\n", run, n_prompt / (t1 - t0), n_gen / (t2 - t1));
    }
  }
  for (int i = 0; i < n_gen; i++) {
    char piece[256];
    int32_t n = to_piece(vocab, generated[i], piece, sizeof piece, 0, false);
    printf("token %d ", generated[i]);
    for (int b = 0; b < n; b++) printf("%02x", (unsigned char) piece[b]);
    printf("\n");
  }
  fflush(stdout);
  /* no cleanup: the process ends here, as llama-bench does after its last test */
  return 0;
}
