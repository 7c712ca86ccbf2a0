#!/bin/bash
# Container health check without curl/wget (the Temurin JRE image ships neither reliably):
# one HTTP/1.0 GET over bash's /dev/tcp to the liveness group; healthy only on 200 with status UP.
set -u
port="${SERVER_PORT:-8080}"
path="${HEALTHCHECK_PATH:-/actuator/health/liveness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "${path}" >&3
response=$(timeout 4 cat <&3)
exec 3>&-
case "${response}" in
  "HTTP/1."?" 200"*'"status":"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
