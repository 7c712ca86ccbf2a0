package io.llmtwin.web.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ContentExtractorTest {
  private static final URI PAGE = URI.create("https://blog.example.org/posts/x");
  private final ContentExtractor extractor = new ContentExtractor();

  private String content(String body) {
    return extractor
        .extract(Jsoup.parse("<html><body>" + body + "</body></html>", PAGE.toString()), PAGE)
        .content();
  }

  @Test
  void nestedListsStartWhereTheirParentItemsTextStarts() {
    String content =
        content(
            """
            <article>
              <p>Three steps that every reader of this article needs to follow in order.</p>
              <ol>
                <li>first<ul><li>alpha</li><li>beta</li></ul></li>
                <li>second<ol><li>inner</li></ol></li>
              </ol>
            </article>
            """);
    assertThat(content)
        .endsWith(
            """
            1. first
               - alpha
               - beta
            2. second
               1. inner""");
  }

  @Test
  void rendersHeadingsListsCodeQuotesAndTablesAsMarkdown() {
    String content =
        content(
            """
            <article>
              <h2>Setting up</h2>
              <p>Install the tool with <code>brew install x</code> and check the version.</p>
              <ul>
                <li>first step of the setup</li>
                <li>second step
                  <ol><li>nested one</li><li>nested two</li></ol>
                </li>
              </ul>
              <pre><code class="language-java">int x = 1;
            int y = 2;
            </code></pre>
              <blockquote><p>A quoted sentence that is long enough to count.</p></blockquote>
              <table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
              <div>A closing paragraph written directly inside a division element.</div>
            </article>
            """);
    assertThat(content)
        .isEqualTo(
            """
            ## Setting up

            Install the tool with `brew install x` and check the version.

            - first step of the setup
            - second step
              1. nested one
              2. nested two

            ```java
            int x = 1;
            int y = 2;
            ```

            > A quoted sentence that is long enough to count.

            | Name | Value |
            | --- | --- |
            | a | 1 |

            A closing paragraph written directly inside a division element.""");
  }

  @Test
  void keepsCommentaryBesideALongQuoteThatIsNotMostOfThePage() {
    String quoted = "<p>" + "A quoted paragraph of some length. ".repeat(3) + "</p>";
    String content =
        content(
            "<div class=\"quote-box\"><blockquote>"
                + quoted.repeat(3)
                + "</blockquote></div><div class=\"own-words\"><p>"
                + "My own commentary on the quote above, in a few words. ".repeat(2)
                + "</p></div>");
    assertThat(content).contains("A quoted paragraph").contains("My own commentary");
  }
}
