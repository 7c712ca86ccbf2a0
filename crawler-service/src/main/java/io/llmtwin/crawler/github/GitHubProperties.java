package io.llmtwin.crawler.github;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GitHub.
 *
 * @param webBaseUrl where repositories live ({@code {webBaseUrl}/{owner}/{repo}}); clones use
 *     {@code {webBaseUrl}/{owner}/{repo}.git}
 * @param apiBaseUrl the REST API used to list a user's public repositories
 * @param token optional API token (from the environment) for higher rate limits
 * @param maxFileBytes files larger than this are skipped
 * @param maxFilesPerRepository the most files stored per repository
 * @param maxRepositories the most repositories read for one user
 * @param includeForks whether a user's forks are crawled
 * @param cloneTimeout network timeout of a clone
 */
@ConfigurationProperties("llmtwin.crawler.github")
public record GitHubProperties(
    @DefaultValue("https://github.com") URI webBaseUrl,
    @DefaultValue("https://api.github.com") URI apiBaseUrl,
    String token,
    @DefaultValue("1048576") long maxFileBytes,
    @DefaultValue("5000") int maxFilesPerRepository,
    @DefaultValue("30") int maxRepositories,
    @DefaultValue("false") boolean includeForks,
    @DefaultValue("120s") Duration cloneTimeout) {}
