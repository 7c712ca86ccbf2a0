package io.llmtwin.inference.rag;

/**
 * The article a request links to, already fetched and extracted.
 *
 * @param url its canonical URL
 * @param title its title, may be blank
 * @param content its main content (Markdown-like), cut to the configured length
 */
public record LinkedArticle(String url, String title, String content) {}
