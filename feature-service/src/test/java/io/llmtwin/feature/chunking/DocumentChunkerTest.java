package io.llmtwin.feature.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.feature.chunking.ChunkingProperties.Limits;
import io.llmtwin.model.document.DocumentType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {
  private static HuggingFaceTokenCounter tokens;

  @BeforeAll
  static void loadTokenizer() {
    tokens = HuggingFaceTokenCounter.fromClasspath("all-minilm-l6-v2-q-tokenizer.json");
  }

  @AfterAll
  static void closeTokenizer() {
    tokens.close();
  }

  private static DocumentChunker chunker(int max, int overlap) {
    Limits limits = new Limits(max, overlap);
    return new DocumentChunker(new ChunkingProperties(limits, limits, new Limits(max, 0)), tokens);
  }

  private static String words(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.joining(" "));
  }

  @Test
  void countsWithTheModelsWordPieceTokenizer() {
    assertThat(tokens.count("hello world")).isEqualTo(2);
    assertThat(tokens.count("")).isZero();
    // word pieces: "embeddings" -> em ##bed ##ding ##s
    assertThat(tokens.count("embeddings")).isGreaterThan(1);
  }

  @Test
  void articlePacksParagraphsAndStartsANewChunkAtEachHeading() {
    String article =
        "# Intro\n\nShort first paragraph.\n\nShort second paragraph.\n\n"
            + "## Details\n\nDetail paragraph here.";
    List<String> chunks = chunker(64, 8).chunk(DocumentType.ARTICLE, article);
    assertThat(chunks)
        .containsExactly(
            "# Intro\n\nShort first paragraph.\n\nShort second paragraph.",
            "## Details\n\nDetail paragraph here.");
  }

  @Test
  void articleSplitsLongParagraphIntoOverlappingWindowsUnderTheLimit() {
    String paragraph = words("token", 200);
    List<String> chunks = chunker(64, 16).chunk(DocumentType.ARTICLE, "# Title\n\n" + paragraph);
    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(chunks).allSatisfy(c -> assertThat(tokens.count(c)).isLessThanOrEqualTo(64));
    assertThat(chunks.get(0)).startsWith("# Title");
    for (int i = 1; i < chunks.size(); i++) {
      String previousTail = chunks.get(i - 1).substring(chunks.get(i - 1).lastIndexOf(' ') + 1);
      assertThat(chunks.get(i)).as("window %d overlaps the previous one", i).contains(previousTail);
    }
    assertThat(chunks.get(chunks.size() - 1)).endsWith("token199");
  }

  @Test
  void articleKeepsAFencedCodeBlockWhole() {
    String code = "```java\nint  a = 1;\n\nint  b = 2;\n```";
    String article = "Intro text.\n\n" + code + "\n\nOutro.";
    List<String> chunks = chunker(200, 20).chunk(DocumentType.ARTICLE, article);
    assertThat(String.join("\n\n", chunks)).contains(code);
  }

  @Test
  void nonEnglishTextIsChunkedWithoutLosingCharacters() {
    String german = "Die Straße führt über die Brücke nach Zürich. ".repeat(30).strip();
    String chinese = "检索增强生成把外部知识引入大模型。".repeat(20);
    List<String> chunks = chunker(64, 0).chunk(DocumentType.ARTICLE, german + "\n\n" + chinese);
    assertThat(chunks).allSatisfy(c -> assertThat(tokens.count(c)).isLessThanOrEqualTo(64));
    String joined = String.join(" ", chunks).replaceAll("\\s+", " ");
    assertThat(joined).contains("Straße führt über die Brücke nach Zürich");
    assertThat(chunks.get(chunks.size() - 1)).endsWith("检索增强生成把外部知识引入大模型。");
    assertThat(joined.replace(" ", "")).contains(chinese);
  }

  @Test
  void shortPostStaysWholeLongPostIsWindowed() {
    String post = "Big news 🚀\n#AI #Java";
    assertThat(chunker(64, 8).chunk(DocumentType.POST, post)).containsExactly(post);
    String longPost = words("w", 300);
    List<String> chunks = chunker(64, 8).chunk(DocumentType.POST, longPost);
    assertThat(chunks).hasSizeGreaterThan(4);
    assertThat(chunks).allSatisfy(c -> assertThat(tokens.count(c)).isLessThanOrEqualTo(64));
  }

  @Test
  void codeChunksFollowTopLevelBlocksAndConcatenateToTheFileByteForByte() {
    String code =
        "import java.util.List;\r\n\r\n"
            + "class A {\n\tint  x;   \n\n  void f() {\n\t\treturn;  \n  }\n}\n\n"
            + "class B {\n    String s = \"  spaced  \";\n}\n\n\n"
            + "def g():\n\tpass\n";
    List<String> blocks = DocumentChunker.codeBlocks(code);
    assertThat(blocks).hasSize(4);
    assertThat(blocks.get(1)).startsWith("class A {").endsWith("}\n\n");
    List<String> chunks = chunker(16, 0).chunk(DocumentType.REPOSITORY, code);
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(String.join("", chunks)).isEqualTo(code);
    assertThat(chunks).allSatisfy(c -> assertThat(tokens.count(c)).isLessThanOrEqualTo(16));
  }

  @Test
  void oversizedCodeBlockSplitsAtLineEndsAndStillConcatenatesExactly() {
    StringBuilder code = new StringBuilder("class Big {\n");
    for (int i = 0; i < 60; i++) {
      code.append("    int field").append(i).append(" =  ").append(i).append(";\t\n");
    }
    code.append("}\n");
    code.append("  ").append(words("veryLongLineToken", 80)).append("  \n");
    List<String> chunks = chunker(32, 0).chunk(DocumentType.REPOSITORY, code.toString());
    assertThat(String.join("", chunks)).isEqualTo(code.toString());
    assertThat(chunks).allSatisfy(c -> assertThat(tokens.count(c)).isLessThanOrEqualTo(32));
  }

  @Test
  void blankTextHasNoChunks() {
    assertThat(chunker(64, 8).chunk(DocumentType.ARTICLE, " \n\n ")).isEmpty();
  }
}
