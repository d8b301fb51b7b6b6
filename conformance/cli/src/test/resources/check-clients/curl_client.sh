#!/usr/bin/env bash
# An Issuetrak API call as a shell script writes it: curl and openssl. Reads ITK_BASE_URL and
# ITK_API_KEY; updates nothing, reads issue 2.
set -euo pipefail

route="/issues/false/2"
url="${ITK_BASE_URL%/}${route}"
path="$(printf '%s' "$url" | sed -E 's#^[a-z]+://[^/]+##; s#\?.*$##' | tr '[:upper:]' '[:lower:]')"
request_id="$(cat /proc/sys/kernel/random/uuid)"
timestamp="$(date -u +%Y-%m-%dT%H:%M:%S.%N | cut -c1-27)Z"
signature="$(printf 'GET\n%s\n%s\n%s\n\n' "$request_id" "$timestamp" "$path" \
  | openssl dgst -sha512 -mac HMAC -macopt "key:${ITK_API_KEY}" -binary | openssl base64 -A)"

curl --fail-with-body --silent --show-error \
  -H "X-Issuetrak-API-Request-ID: ${request_id}" \
  -H "X-Issuetrak-API-Timestamp: ${timestamp}" \
  -H "X-Issuetrak-API-Authorization: ${signature}" \
  -H "Accept: application/json" \
  "$url"
echo
