package io.llmtwin.crawler.github;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Decides which repository files are the author's source code worth learning from. */
final class RepositoryFileFilter {
  private static final Set<String> VENDORED_DIRS =
      Set.of(
          "node_modules",
          "vendor",
          "third_party",
          "thirdparty",
          "third-party",
          "bower_components",
          "dist",
          "build",
          "target",
          "out",
          ".git",
          ".idea",
          ".vscode",
          "__pycache__",
          "venv",
          ".venv",
          "pods",
          ".gradle",
          ".mvn",
          "site-packages",
          "coverage",
          ".next",
          ".nuxt");
  private static final Set<String> GENERATED_NAMES =
      Set.of(
          "package-lock.json",
          "yarn.lock",
          "pnpm-lock.yaml",
          "cargo.lock",
          "poetry.lock",
          "gemfile.lock",
          "composer.lock",
          "go.sum",
          "pipfile.lock",
          "mvnw",
          "mvnw.cmd",
          "gradlew",
          "gradlew.bat");
  private static final Pattern GENERATED_SUFFIX =
      Pattern.compile(
          "(?i).*(\\.pb\\.go|_pb2\\.py|_pb2_grpc\\.py|\\.g\\.dart|\\.designer\\.cs|\\.generated\\.\\w+|\\.min\\.js|\\.min\\.css|\\.map|\\.bundle\\.js)$");
  private static final Pattern GENERATED_MARKER =
      Pattern.compile(
          "(?i)(@generated|code generated .* do not edit|auto-?generated|this file is generated)");
  private static final Set<String> BINARY_EXTENSIONS =
      Set.of(
          "png",
          "jpg",
          "jpeg",
          "gif",
          "bmp",
          "ico",
          "webp",
          "svgz",
          "pdf",
          "zip",
          "gz",
          "tgz",
          "bz2",
          "xz",
          "7z",
          "rar",
          "jar",
          "war",
          "class",
          "so",
          "dll",
          "dylib",
          "exe",
          "bin",
          "o",
          "a",
          "woff",
          "woff2",
          "ttf",
          "otf",
          "eot",
          "mp3",
          "mp4",
          "mov",
          "avi",
          "wav",
          "ogg",
          "psd",
          "onnx",
          "pt",
          "safetensors",
          "gguf",
          "parquet",
          "db",
          "sqlite",
          "pyc");
  private static final Map<String, String> LANGUAGES =
      Map.ofEntries(
          Map.entry("java", "java"),
          Map.entry("kt", "kotlin"),
          Map.entry("kts", "kotlin"),
          Map.entry("scala", "scala"),
          Map.entry("groovy", "groovy"),
          Map.entry("py", "python"),
          Map.entry("js", "javascript"),
          Map.entry("mjs", "javascript"),
          Map.entry("jsx", "javascript"),
          Map.entry("ts", "typescript"),
          Map.entry("tsx", "typescript"),
          Map.entry("go", "go"),
          Map.entry("rs", "rust"),
          Map.entry("c", "c"),
          Map.entry("h", "c"),
          Map.entry("cc", "cpp"),
          Map.entry("cpp", "cpp"),
          Map.entry("hpp", "cpp"),
          Map.entry("cs", "csharp"),
          Map.entry("rb", "ruby"),
          Map.entry("php", "php"),
          Map.entry("swift", "swift"),
          Map.entry("m", "objective-c"),
          Map.entry("sh", "shell"),
          Map.entry("bash", "shell"),
          Map.entry("sql", "sql"),
          Map.entry("md", "markdown"),
          Map.entry("rst", "restructuredtext"),
          Map.entry("txt", "text"),
          Map.entry("html", "html"),
          Map.entry("css", "css"),
          Map.entry("scss", "scss"),
          Map.entry("xml", "xml"),
          Map.entry("json", "json"),
          Map.entry("yml", "yaml"),
          Map.entry("yaml", "yaml"),
          Map.entry("toml", "toml"),
          Map.entry("gradle", "groovy"),
          Map.entry("dart", "dart"),
          Map.entry("lua", "lua"),
          Map.entry("r", "r"),
          Map.entry("jl", "julia"),
          Map.entry("ex", "elixir"),
          Map.entry("exs", "elixir"),
          Map.entry("erl", "erlang"),
          Map.entry("hs", "haskell"),
          Map.entry("clj", "clojure"),
          Map.entry("vue", "vue"),
          Map.entry("svelte", "svelte"),
          Map.entry("proto", "protobuf"),
          Map.entry("tf", "terraform"),
          Map.entry("ipynb", "jupyter"));

  private RepositoryFileFilter() {}

  /** Why a path is skipped before reading it, or empty when it may be read. */
  static Optional<String> skipByPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String[] segments = lower.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (VENDORED_DIRS.contains(segments[i])) {
        return Optional.of("vendored");
      }
    }
    String name = segments[segments.length - 1];
    if (GENERATED_NAMES.contains(name) || GENERATED_SUFFIX.matcher(name).matches()) {
      return Optional.of(name.contains(".min.") ? "minified" : "generated");
    }
    if (BINARY_EXTENSIONS.contains(extension(name))) {
      return Optional.of("binary");
    }
    return Optional.empty();
  }

  /** Why the content is skipped, or empty; {@code text} is set when it is valid UTF-8. */
  static Optional<String> skipByContent(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return Optional.of("binary");
      }
    }
    if (decode(bytes).isEmpty()) {
      return Optional.of("binary");
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 1000), StandardCharsets.UTF_8);
    if (GENERATED_MARKER.matcher(head).find()) {
      return Optional.of("generated");
    }
    int lines = 1;
    int longest = 0;
    int current = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
        longest = Math.max(longest, current);
        current = 0;
      } else {
        current++;
      }
    }
    longest = Math.max(longest, current);
    if (longest > 1000 && bytes.length / lines > 300) {
      return Optional.of("minified");
    }
    return Optional.empty();
  }

  /** The bytes as UTF-8 text when they are valid UTF-8 (re-encoding gives the same bytes). */
  static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Programming language from the file name, or null. */
  static String language(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.equals("dockerfile")) {
      return "dockerfile";
    }
    if (name.equals("makefile")) {
      return "makefile";
    }
    return LANGUAGES.get(extension(name));
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
