package io.llmtwin.crawler.crawl;

import io.llmtwin.crawler.author.AuthorService;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.SsrfGuard;
import io.llmtwin.web.fetch.SsrfProblems;
import io.llmtwin.web.fetch.SsrfRefusedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;

/**
 * Accepts crawls, runs each link on a bounded executor and records per-link outcomes. Every link is
 * checked by the SSRF guard before anything is queued; one link failing never stops the others, and
 * a failing link never deletes stored documents.
 */
@org.springframework.stereotype.Service
public class CrawlService {
  private static final Logger log = LoggerFactory.getLogger(CrawlService.class);

  private final SsrfGuard guard;
  private final CrawlerDispatcher dispatcher;
  private final SourceSync sync;
  private final AuthorService authors;
  private final CrawlRepository repository;
  private final TaskExecutor executor;
  private final CrawlProperties properties;
  private final Clock clock;
  private final Map<String, Crawl> active = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  CrawlService(
      SsrfGuard guard,
      CrawlerDispatcher dispatcher,
      SourceSync sync,
      AuthorService authors,
      CrawlRepository repository,
      @org.springframework.beans.factory.annotation.Qualifier("crawlExecutor")
          TaskExecutor executor,
      CrawlProperties properties,
      Clock clock,
      ObjectProvider<MeterRegistry> meters) {
    this.guard = guard;
    this.dispatcher = dispatcher;
    this.sync = sync;
    this.authors = authors;
    this.repository = repository;
    this.executor = executor;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
  }

  /** Validates the links and queues a crawl; returns it in state QUEUED. */
  public Crawl submit(String authorId, List<String> links) {
    if (authors.find(authorId).isEmpty()) {
      throw ApiProblemException.notFound("author", authorId);
    }
    if (links == null || links.isEmpty()) {
      throw ApiProblemException.invalid("a crawl needs at least one link");
    }
    if (links.size() > properties.maxLinksPerCrawl()) {
      throw ApiProblemException.invalid(
          "a crawl may name at most " + properties.maxLinksPerCrawl() + " links");
    }
    Map<String, Crawler> planned = new LinkedHashMap<>();
    for (String raw : links) {
      URI uri;
      try {
        uri = guard.check(raw);
      } catch (SsrfRefusedException e) {
        throw SsrfProblems.refused(e);
      }
      Crawler crawler =
          dispatcher
              .crawlerFor(uri)
              .orElseThrow(
                  () ->
                      new ApiProblemException(
                              HttpStatus.BAD_REQUEST,
                              "unsupported-link",
                              "Unsupported link",
                              "no crawler handles " + raw)
                          .with("link", raw));
      planned.putIfAbsent(uri.toString(), crawler);
    }
    List<Crawl.LinkResult> results = new ArrayList<>();
    planned.forEach(
        (link, crawler) -> results.add(Crawl.LinkResult.queued(link, crawler.platform().name())));
    Crawl crawl =
        new Crawl(
            UUID.randomUUID().toString(),
            authorId,
            CrawlStatus.QUEUED,
            clock.instant(),
            null,
            results);
    active.put(crawl.id(), crawl);
    repository.save(crawl);
    int index = 0;
    for (Map.Entry<String, Crawler> entry : planned.entrySet()) {
      int linkIndex = index++;
      try {
        executor.execute(
            () -> run(crawl.id(), linkIndex, entry.getKey(), entry.getValue(), authorId));
      } catch (RejectedExecutionException e) {
        update(
            crawl.id(),
            linkIndex,
            r -> r.failed("queue-full", "the crawl queue is full; retry later"));
      }
    }
    return crawl;
  }

  /** The crawl with this id, if any. */
  public Optional<Crawl> find(String id) {
    Crawl running = active.get(id);
    return running != null ? Optional.of(running) : repository.findById(id);
  }

  private void run(String crawlId, int index, String link, Crawler crawler, String authorId) {
    update(crawlId, index, Crawl.LinkResult::running);
    Timer.Sample timer = Timer.start(meters);
    String outcome = "failed";
    try {
      outcome = runLink(crawlId, index, link, crawler, authorId);
    } finally {
      timer.stop(
          meters.timer(
              "llmtwin.crawler.links", "platform", crawler.platform().key(), "outcome", outcome));
    }
  }

  private void countDocuments(SourceSnapshot snapshot, SyncCounts counts) {
    String type = snapshot.types().size() == 1 ? snapshot.types().iterator().next().key() : "mixed";
    meters
        .counter("llmtwin.crawler.documents", "type", type, "outcome", "inserted")
        .increment(counts.inserted());
    meters
        .counter("llmtwin.crawler.documents", "type", type, "outcome", "updated")
        .increment(counts.updated());
    meters
        .counter("llmtwin.crawler.documents", "type", type, "outcome", "unchanged")
        .increment(counts.unchanged());
    meters
        .counter("llmtwin.crawler.documents", "type", type, "outcome", "deleted")
        .increment(counts.deleted());
  }

  /** Crawls one link and records its outcome; returns the outcome tag. */
  private String runLink(String crawlId, int index, String link, Crawler crawler, String authorId) {
    try {
      SourceSnapshot snapshot = crawler.crawl(new CrawlRequest(URI.create(link), authorId));
      SyncCounts counts = sync.apply(authorId, snapshot, crawler);
      countDocuments(snapshot, counts);
      if (snapshot.complete()
          && snapshot.documents().isEmpty()
          && snapshot.keptIds().isEmpty()
          && snapshot.failures().isEmpty()
          && counts.deleted() == 0) {
        update(crawlId, index, r -> r.failed("nothing-found", "no content was found at " + link));
        return "failed";
      }
      authors.rememberSource(authorId, link);
      update(crawlId, index, r -> r.done(counts, snapshot.failures()));
      log.info(
          "crawled {} for {}: +{} ~{} ={} -{} !{}",
          link,
          authorId,
          counts.inserted(),
          counts.updated(),
          counts.unchanged(),
          counts.deleted(),
          counts.failed());
      return "done";
    } catch (FetchFailedException e) {
      update(crawlId, index, r -> r.failed(e.failure().slug(), e.getMessage()));
    } catch (SsrfRefusedException e) {
      update(
          crawlId,
          index,
          r -> r.failed("ssrf-refused", e.getMessage() + " (" + e.reason().slug() + ")"));
    } catch (RuntimeException e) {
      log.warn("crawl of {} failed unexpectedly", link, e);
      update(crawlId, index, r -> r.failed("internal-error", e.getClass().getSimpleName()));
    }
    return "failed";
  }

  private void update(String crawlId, int index, UnaryOperator<Crawl.LinkResult> change) {
    Crawl updated =
        active.computeIfPresent(
            crawlId,
            (id, crawl) -> {
              List<Crawl.LinkResult> links = new ArrayList<>(crawl.links());
              links.set(index, change.apply(links.get(index)));
              boolean finished =
                  links.stream()
                      .allMatch(
                          l -> l.status() == LinkStatus.DONE || l.status() == LinkStatus.FAILED);
              boolean anyFailure =
                  links.stream()
                      .anyMatch(l -> l.status() == LinkStatus.FAILED || l.failedItems() > 0);
              CrawlStatus status =
                  finished
                      ? (anyFailure ? CrawlStatus.DONE_WITH_FAILURES : CrawlStatus.DONE)
                      : CrawlStatus.RUNNING;
              Crawl next =
                  new Crawl(
                      crawl.id(),
                      crawl.authorId(),
                      status,
                      crawl.createdAt(),
                      finished ? clock.instant() : null,
                      links);
              repository.save(next);
              return next;
            });
    if (updated != null && updated.finishedAt() != null) {
      active.remove(crawlId, updated);
    }
  }
}
