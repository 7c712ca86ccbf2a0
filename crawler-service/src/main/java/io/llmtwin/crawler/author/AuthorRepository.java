package io.llmtwin.crawler.author;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Authors in the {@code authors} collection. */
public interface AuthorRepository extends MongoRepository<Author, String> {}
