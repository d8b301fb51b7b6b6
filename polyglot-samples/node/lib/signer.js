/**
 * Signs Issuetrak API v1 requests: HMAC-SHA512 over the canonical message (docs/scheme.md).
 * The timestamp and request ID are inputs, never read here, so every stage is reproducible.
 *
 * @module
 */
import { createHmac } from "node:crypto";
import { canonicalMessage, canonicalPath } from "./canonical.js";

/** The three signing headers' names, in sending order (names are case-insensitive). */
export const REQUEST_ID_HEADER = "X-Issuetrak-API-Request-ID";
export const TIMESTAMP_HEADER = "X-Issuetrak-API-Timestamp";
export const AUTHORIZATION_HEADER = "X-Issuetrak-API-Authorization";

/**
 * Signs one request and returns every stage as a value:
 *
 * ```js
 * const { path, message, signature, headers } = sign({
 *   key, method: "GET", requestId, timestamp: "2014-09-10T17:28:08.3227351Z",
 *   path: "/NestedSite1/api/v1/issues/false/1", query: "", body: undefined,
 * });
 * ```
 *
 * `key` is the API key text exactly as issued: its UTF-8 bytes are the HMAC key, never
 * base64-decoded or trimmed. `path` in the result is the lowercased path signed, `message` the
 * canonical message bytes and `headers` the three signing headers. The key is not in the result.
 */
export function sign({ key, ...request }) {
  if (typeof key !== "string" || key === "") {
    throw new RangeError(
      "API key is empty; give the key text as issued by Issuetrak",
    );
  }
  const message = canonicalMessage(request);
  const signature = createHmac("sha512", key).update(message).digest("base64");
  return Object.freeze({
    path: canonicalPath(request.path),
    message,
    signature,
    headers: Object.freeze({
      [REQUEST_ID_HEADER]: request.requestId,
      [TIMESTAMP_HEADER]: request.timestamp,
      [AUTHORIZATION_HEADER]: signature,
    }),
  });
}
