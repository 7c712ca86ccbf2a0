# syntax=docker/dockerfile:1.7
#
# One image recipe for the four services. Build from the repository root:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=inference-service --build-arg PORT=8084 .
# Targets: "runtime" (default, Temurin JRE on Ubuntu) and "runtime-browser" (the same JRE on Debian
# with Chromium + chromedriver, for crawler-service's Medium/LinkedIn/web browser fallback).
# See docs/adr/0110-container-images.md.

ARG JDK_IMAGE=eclipse-temurin:17.0.16_8-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.16_8-jre-noble
ARG BROWSER_BASE_IMAGE=debian:12.12-slim

# ---- build: Maven wrapper, dependency cache kept between builds --------------------------------
FROM ${JDK_IMAGE} AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SERVICE}" || { echo "--build-arg SERVICE=<module> is required" >&2; exit 1; } \
 && ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests \
 && jar=$(find "${SERVICE}/target" -maxdepth 1 -name "${SERVICE}-*.jar" ! -name '*-sources.jar' ! -name '*-javadoc.jar' | head -n 1) \
 && test -n "${jar}" \
 && cp "${jar}" /src/app.jar

# ---- extract: split the fat jar into layers that change at different rates ---------------------
# --launcher keeps the Spring Boot loader classes, so /app is an exploded jar: JarLauncher starts the
# service; training-service's GPU Jobs start another main class from the same layout with
#   java -cp /app -Dloader.main=io.llmtwin.training.cli.TrainingCli \
#        org.springframework.boot.loader.launch.PropertiesLauncher --spec=… --job-id=…
# (there is no app.jar in the runtime image; see docs/adr/0100-training-service.md, "Kubernetes").
FROM ${JDK_IMAGE} AS extract
WORKDIR /layers
COPY --from=build /src/app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted \
 && rm app.jar

# ---- runtime: JRE, non-root, layered copy ------------------------------------------------------
FROM ${JRE_IMAGE} AS runtime
ARG PORT=8080
ARG UID=10001
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    LLMTWIN_REGISTRY_FILESYSTEM_ROOT=/var/lib/llmtwin/artifacts
RUN groupadd --system --gid ${UID} llmtwin \
 && useradd --system --uid ${UID} --gid llmtwin --home-dir /app --shell /usr/sbin/nologin llmtwin \
 && mkdir -p /app /var/lib/llmtwin/artifacts \
 && chown -R llmtwin:llmtwin /var/lib/llmtwin
WORKDIR /app
COPY --chmod=0555 docker/healthcheck.sh /usr/local/bin/healthcheck
COPY --from=extract /layers/extracted/dependencies/ ./
COPY --from=extract /layers/extracted/spring-boot-loader/ ./
COPY --from=extract /layers/extracted/snapshot-dependencies/ ./
COPY --from=extract /layers/extracted/application/ ./
USER ${UID}:${UID}
EXPOSE ${PORT}
VOLUME ["/var/lib/llmtwin/artifacts"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# ---- runtime-browser: the same JRE on Debian, with Chromium for the crawler --------------------
FROM ${BROWSER_BASE_IMAGE} AS runtime-browser
ARG PORT=8081
ARG UID=10001
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}" \
    SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    LLMTWIN_REGISTRY_FILESYSTEM_ROOT=/var/lib/llmtwin/artifacts \
    SE_OFFLINE=true
COPY --from=runtime /opt/java/openjdk /opt/java/openjdk
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium chromium-driver ca-certificates fonts-liberation \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid ${UID} llmtwin \
 && useradd --system --uid ${UID} --gid llmtwin --home-dir /app --shell /usr/sbin/nologin llmtwin \
 && mkdir -p /app /var/lib/llmtwin/artifacts \
 && chown -R llmtwin:llmtwin /var/lib/llmtwin
WORKDIR /app
COPY --chmod=0555 docker/healthcheck.sh /usr/local/bin/healthcheck
COPY --from=extract /layers/extracted/dependencies/ ./
COPY --from=extract /layers/extracted/spring-boot-loader/ ./
COPY --from=extract /layers/extracted/snapshot-dependencies/ ./
COPY --from=extract /layers/extracted/application/ ./
USER ${UID}:${UID}
EXPOSE ${PORT}
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# The default target is the plain runtime.
FROM runtime
