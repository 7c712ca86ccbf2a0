package io.llmtwin.crawler.linkedin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a ZIP stream defensively: entry names are validated (no absolute paths, drive letters,
 * backslashes or {@code ..} segments), and sizes are counted from the bytes actually inflated, not
 * from headers, with limits on entries, per-entry and total size and compression ratio.
 */
final class SafeZipReader {
  private final LinkedInProperties limits;

  SafeZipReader(LinkedInProperties limits) {
    this.limits = limits;
  }

  /** Contents of the entries whose names {@code wanted} accepts. */
  Map<String, byte[]> read(InputStream in, long compressedSize, Predicate<String> wanted) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    int entries = 0;
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        entries++;
        if (entries > limits.maxEntries()) {
          throw new ZipRejectedException(
              ZipRejectedException.Reason.TOO_MANY_ENTRIES,
              "the archive has more than " + limits.maxEntries() + " entries");
        }
        String name = entry.getName();
        checkName(name);
        boolean keep = !entry.isDirectory() && wanted.test(name);
        ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
        byte[] buffer = new byte[8192];
        long entrySize = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
          entrySize += n;
          total += n;
          if (entrySize > limits.maxEntryBytes()) {
            throw new ZipRejectedException(
                ZipRejectedException.Reason.ENTRY_TOO_LARGE,
                "entry " + name + " inflates beyond " + limits.maxEntryBytes() + " bytes");
          }
          if (total > limits.maxTotalBytes()) {
            throw new ZipRejectedException(
                ZipRejectedException.Reason.TOTAL_TOO_LARGE,
                "the archive inflates beyond " + limits.maxTotalBytes() + " bytes");
          }
          if (total > 1_048_576
              && total > Math.max(compressedSize, 1) * limits.maxCompressionRatio()) {
            throw new ZipRejectedException(
                ZipRejectedException.Reason.COMPRESSION_RATIO,
                "the archive inflates more than "
                    + limits.maxCompressionRatio()
                    + "x: refusing a likely zip bomb");
          }
          if (out != null) {
            out.write(buffer, 0, n);
          }
        }
        if (out != null) {
          contents.put(name, out.toByteArray());
        }
      }
    } catch (ZipException e) {
      throw new ZipRejectedException(
          ZipRejectedException.Reason.NOT_A_ZIP, "not a valid ZIP archive: " + e.getMessage());
    } catch (IOException e) {
      throw new ZipRejectedException(
          ZipRejectedException.Reason.NOT_A_ZIP, "the archive cannot be read: " + e.getMessage());
    }
    if (entries == 0) {
      throw new ZipRejectedException(
          ZipRejectedException.Reason.NOT_A_ZIP, "not a ZIP archive (no entries)");
    }
    return contents;
  }

  static void checkName(String name) {
    boolean unsafe =
        name.isEmpty()
            || name.startsWith("/")
            || name.contains("\\")
            || name.contains("\0")
            || name.matches("^[A-Za-z]:.*");
    for (String segment : name.split("/")) {
      unsafe |= segment.equals("..");
    }
    if (unsafe) {
      throw new ZipRejectedException(
          ZipRejectedException.Reason.PATH_TRAVERSAL,
          "unsafe entry name in archive: " + name.replace("\0", "\\0"));
    }
  }
}
