package io.llmtwin.crawler.linkedin;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Upload of LinkedIn's data-export ZIP. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "imports", description = "Imports of platform data exports")
class LinkedInImportController {
  private final LinkedInExportImporter importer;
  private final LinkedInProperties properties;

  LinkedInImportController(LinkedInExportImporter importer, LinkedInProperties properties) {
    this.importer = importer;
    this.properties = properties;
  }

  @PostMapping(path = "/linkedin", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Import the caller's LinkedIn data export (ZIP)",
      description =
          "Reads Shares.csv (posts) and Articles/Articles/*.html (articles). Archives over the size"
              + " limit give 413; malformed archives, zip bombs and unsafe entry names give 400"
              + " problems of type zip-rejected.")
  LinkedInExportImporter.ImportResult upload(
      @AuthenticationPrincipal ApiKeyPrincipal principal,
      @RequestParam("file") MultipartFile file) {
    if (file.isEmpty()) {
      throw ApiProblemException.invalid("the uploaded file is empty");
    }
    if (file.getSize() > properties.maxUploadBytes()) {
      throw new ApiProblemException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "payload-too-large",
          "Payload too large",
          "the export is larger than " + properties.maxUploadBytes() + " bytes");
    }
    try (InputStream in = file.getInputStream()) {
      return importer.importExport(principal.authorId(), in, file.getSize());
    } catch (ZipRejectedException e) {
      throw new ApiProblemException(
              HttpStatus.BAD_REQUEST, "zip-rejected", "Archive rejected", e.getMessage())
          .with("reason", e.reason().slug());
    } catch (IOException e) {
      throw ApiProblemException.invalid("the upload could not be read");
    }
  }
}
