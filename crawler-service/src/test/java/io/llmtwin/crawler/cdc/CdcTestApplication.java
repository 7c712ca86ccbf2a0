package io.llmtwin.crawler.cdc;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots only the CDC package (plus auto-configuration) for the integration tests. */
@SpringBootApplication
class CdcTestApplication {}
