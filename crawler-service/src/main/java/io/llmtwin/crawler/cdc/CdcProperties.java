package io.llmtwin.crawler.cdc;

import io.llmtwin.model.messaging.Messaging;
import io.llmtwin.model.messaging.Topology;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the CDC watcher ({@code llmtwin.crawler.cdc.*}).
 *
 * @param enabled whether this instance runs the watcher (the replay endpoint works either way)
 * @param instanceId name of this instance in the lease; defaults to host name + random suffix
 * @param exchange exchange the events are published to (tests use their own)
 * @param declareTopology declare the feature pipeline's queues too (the exchange is always
 *     declared)
 * @param retryDelay retry delay of the feature pipeline's retry queue (must match feature-service)
 * @param maxAttempts delivery attempts before dead-lettering (must match feature-service)
 * @param leaseTtl how long a lease stays valid without renewal; a crashed watcher is replaced after
 *     at most this long
 * @param leaseRenewInterval how often the active watcher renews its lease (well below the TTL)
 * @param batchSize most change events published before waiting for their confirms
 * @param maxAwait how long one poll of a change stream waits for new events (also the least time
 *     between two polling rounds that found nothing)
 * @param confirmTimeout how long to wait for the broker to confirm a batch before re-publishing it
 * @param retryBackoff pause before retrying after a failure (broker or MongoDB unavailable)
 * @param replayTimeout how long a replay request may keep retrying before it answers 503
 * @param snapshotOnFirstStart publish a snapshot when no resume token is stored yet
 * @param offsetsCollection MongoDB collection holding the resume tokens
 * @param leaseCollection MongoDB collection holding the lease
 * @param authorIndexCollection MongoDB collection mapping document id to author (for deletes)
 */
@Validated
@ConfigurationProperties("llmtwin.crawler.cdc")
public record CdcProperties(
    Boolean enabled,
    String instanceId,
    @NotBlank String exchange,
    Boolean declareTopology,
    Duration retryDelay,
    @Min(1) @Max(100) Integer maxAttempts,
    Duration leaseTtl,
    Duration leaseRenewInterval,
    @Min(1) @Max(10_000) Integer batchSize,
    Duration maxAwait,
    Duration confirmTimeout,
    Duration retryBackoff,
    Duration replayTimeout,
    Boolean snapshotOnFirstStart,
    @NotBlank String offsetsCollection,
    @NotBlank String leaseCollection,
    @NotBlank String authorIndexCollection) {

  public CdcProperties {
    enabled = enabled == null || enabled;
    instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
    exchange = exchange == null ? Messaging.DOCUMENTS_EXCHANGE : exchange;
    declareTopology = declareTopology == null || declareTopology;
    retryDelay = retryDelay == null ? Topology.DEFAULT_RETRY_DELAY : retryDelay;
    maxAttempts = maxAttempts == null ? Topology.DEFAULT_MAX_ATTEMPTS : maxAttempts;
    leaseTtl = leaseTtl == null ? Duration.ofSeconds(15) : leaseTtl;
    leaseRenewInterval = leaseRenewInterval == null ? leaseTtl.dividedBy(3) : leaseRenewInterval;
    batchSize = batchSize == null ? 200 : batchSize;
    maxAwait = maxAwait == null ? Duration.ofMillis(100) : maxAwait;
    confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
    retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
    replayTimeout = replayTimeout == null ? Duration.ofMinutes(2) : replayTimeout;
    snapshotOnFirstStart = snapshotOnFirstStart == null || snapshotOnFirstStart;
    offsetsCollection = offsetsCollection == null ? "cdc_offsets" : offsetsCollection;
    leaseCollection = leaseCollection == null ? "cdc_leases" : leaseCollection;
    authorIndexCollection =
        authorIndexCollection == null ? "cdc_document_authors" : authorIndexCollection;
    if (leaseRenewInterval.compareTo(leaseTtl) >= 0) {
      throw new IllegalArgumentException("lease-renew-interval must be shorter than lease-ttl");
    }
  }

  /** The feature pipeline's topology with this instance's retry settings. */
  Topology.Definition topology() {
    return Topology.featurePipeline(retryDelay, maxAttempts);
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
