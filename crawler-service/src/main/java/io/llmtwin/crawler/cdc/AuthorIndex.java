package io.llmtwin.crawler.cdc;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Remembers the author of every document the watcher has published, because a delete's change event
 * carries only the document's id. Entries are written after the broker confirmed a batch and before
 * its resume token is saved; deleted documents are forgotten only after the token was saved, so a
 * delete re-published after a crash still finds its author.
 */
final class AuthorIndex {
  private final MongoCollection<Document> index;

  AuthorIndex(MongoDatabase database, String collection) {
    this.index = database.getCollection(collection);
  }

  /** Authors of the given document ids, for those that are known. */
  Map<String, String> authorsOf(Collection<String> documentIds) {
    Map<String, String> authors = new HashMap<>();
    if (documentIds.isEmpty()) {
      return authors;
    }
    for (Document entry : index.find(Filters.in("_id", documentIds))) {
      authors.put(entry.getString("_id"), entry.getString("authorId"));
    }
    return authors;
  }

  /** Records the authors of published documents. */
  void remember(List<DocumentChanged> published) {
    write(published, false);
  }

  /** Forgets the documents whose deletes were published. */
  void forgetDeleted(List<DocumentChanged> published) {
    write(published, true);
  }

  private void write(List<DocumentChanged> published, boolean deletes) {
    List<WriteModel<Document>> writes = new ArrayList<>();
    for (DocumentChanged event : published) {
      boolean delete = event.operation() == ChangeOperation.DELETE;
      if (delete != deletes) {
        continue;
      }
      if (delete) {
        writes.add(new DeleteOneModel<>(Filters.eq("_id", event.documentId())));
      } else {
        writes.add(
            new ReplaceOneModel<>(
                Filters.eq("_id", event.documentId()),
                new Document("_id", event.documentId())
                    .append("authorId", event.authorId())
                    .append("type", event.documentType().name()),
                new ReplaceOptions().upsert(true)));
      }
    }
    if (!writes.isEmpty()) {
      index.bulkWrite(writes);
    }
  }
}
