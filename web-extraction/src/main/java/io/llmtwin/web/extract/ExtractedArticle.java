package io.llmtwin.web.extract;

import java.time.Instant;

/**
 * The main content of an article page.
 *
 * @param canonicalUrl the canonical URL (same host as the page), else the fetched URL
 * @param title the title
 * @param subtitle the subtitle or standfirst, or null
 * @param content Markdown-like text: headings, paragraphs, lists and code blocks
 * @param publishedAt publication time when the page states one, else null
 * @param language the page's language tag (e.g. {@code en}), or null
 */
public record ExtractedArticle(
    String canonicalUrl,
    String title,
    String subtitle,
    String content,
    Instant publishedAt,
    String language) {}
