package io.llmtwin.registry.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;

/** Classifies MongoDB errors. */
final class MongoErrors {

  private MongoErrors() {}

  static boolean isDuplicateKey(MongoException e) {
    return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
  }
}
