package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;

/**
 * A piece of an author's document that becomes the response of one sample.
 *
 * @param id stable id, {@code <documentId>#<index>}
 * @param documentId the document it was cut from
 * @param type document type
 * @param platform platform
 * @param title document title, may be null
 * @param text the author's text (PII scrubbed)
 */
record Extract(
    String id,
    String documentId,
    DocumentType type,
    Platform platform,
    String title,
    String text) {}
