package io.llmtwin.crawler.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shallow-clones a repository (bare, depth 1, no checkout) and reads the files of its default
 * branch straight from the object database, so bytes are exactly those committed (no line-ending or
 * filter conversions). Applies {@link RepositoryFileFilter} and every {@code .gitignore}.
 */
final class GitRepositoryReader {
  private static final Logger log = LoggerFactory.getLogger(GitRepositoryReader.class);

  /**
   * A file kept from the repository.
   *
   * @param path path inside the repository
   * @param bytes exact committed bytes
   * @param text the bytes as UTF-8 text
   */
  record RepoFile(String path, byte[] bytes, String text) {}

  /**
   * What was read.
   *
   * @param commitTime time of the head commit
   * @param files files kept
   * @param skipped skipped paths with the reason
   */
  record RepoContent(Instant commitTime, List<RepoFile> files, Map<String, String> skipped) {}

  private final GitHubProperties properties;

  GitRepositoryReader(GitHubProperties properties) {
    this.properties = properties;
  }

  RepoContent read(String cloneUrl) throws IOException, GitAPIException {
    Path dir = Files.createTempDirectory("llmtwin-git-");
    try (Git git =
        Git.cloneRepository()
            .setURI(cloneUrl)
            .setDirectory(dir.toFile())
            .setBare(true)
            .setDepth(1)
            .setTimeout((int) Math.max(1, properties.cloneTimeout().toSeconds()))
            .call()) {
      Repository repo = git.getRepository();
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) {
        return new RepoContent(null, List.of(), Map.of());
      }
      RevCommit commit = repo.parseCommit(head);
      try (ObjectReader reader = repo.newObjectReader()) {
        Map<String, IgnoreNode> ignores = ignoreRules(repo, commit, reader);
        Map<String, String> skipped = new HashMap<>();
        List<RepoFile> files = files(repo, commit, reader, ignores, skipped);
        return new RepoContent(
            Instant.ofEpochSecond(commit.getCommitTime()), List.copyOf(files), Map.copyOf(skipped));
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private Map<String, IgnoreNode> ignoreRules(
      Repository repo, RevCommit commit, ObjectReader reader) throws IOException {
    Map<String, IgnoreNode> rules = new HashMap<>();
    try (TreeWalk walk = new TreeWalk(repo, reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        if (path.equals(".gitignore") || path.endsWith("/.gitignore")) {
          IgnoreNode node = new IgnoreNode();
          node.parse(reader.open(walk.getObjectId(0)).openStream());
          String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
          rules.put(dir, node);
        }
      }
    }
    return rules;
  }

  private List<RepoFile> files(
      Repository repo,
      RevCommit commit,
      ObjectReader reader,
      Map<String, IgnoreNode> ignores,
      Map<String, String> skipped)
      throws IOException {
    List<RepoFile> files = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repo, reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        FileMode mode = walk.getFileMode(0);
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
          skipped.put(path, "not a regular file");
          continue;
        }
        if (ignored(path, ignores)) {
          skipped.put(path, "gitignored");
          continue;
        }
        var byPath = RepositoryFileFilter.skipByPath(path);
        if (byPath.isPresent()) {
          skipped.put(path, byPath.get());
          continue;
        }
        ObjectId id = walk.getObjectId(0);
        long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
        if (size > properties.maxFileBytes()) {
          skipped.put(path, "oversize");
          continue;
        }
        byte[] bytes = reader.open(id, Constants.OBJ_BLOB).getBytes();
        var byContent = RepositoryFileFilter.skipByContent(bytes);
        if (byContent.isPresent()) {
          skipped.put(path, byContent.get());
          continue;
        }
        if (files.size() >= properties.maxFilesPerRepository()) {
          skipped.put(path, "file limit reached");
          continue;
        }
        files.add(new RepoFile(path, bytes, RepositoryFileFilter.decode(bytes).orElseThrow()));
      }
    }
    return files;
  }

  /** Applies .gitignore files from the root down; deeper files and later rules win. */
  static boolean ignored(String path, Map<String, IgnoreNode> ignores) {
    if (ignores.isEmpty()) {
      return false;
    }
    String[] segments = path.split("/");
    // a file is ignored when it, or any directory above it, matches
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(segments[i]);
      boolean directory = i < segments.length - 1;
      if (matches(prefix.toString(), directory, ignores)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String path, boolean directory, Map<String, IgnoreNode> ignores) {
    Boolean result = null;
    String dir = "";
    String[] segments = path.split("/");
    for (int depth = 0; depth < segments.length; depth++) {
      IgnoreNode node = ignores.get(dir);
      if (node != null) {
        String relative = dir.isEmpty() ? path : path.substring(dir.length() + 1);
        IgnoreNode.MatchResult match = node.isIgnored(relative, directory);
        if (match == IgnoreNode.MatchResult.IGNORED) {
          result = true;
        } else if (match == IgnoreNode.MatchResult.NOT_IGNORED) {
          result = false;
        }
      }
      dir = dir.isEmpty() ? segments[depth] : dir + "/" + segments[depth];
    }
    return Boolean.TRUE.equals(result);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not delete clone {}", dir);
    }
  }
}
