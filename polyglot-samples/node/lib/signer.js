'use strict';
/*
 * Issuetrak API v1 request signer: HMAC-SHA512 over the canonical message (lib/canonical.js).
 *
 * Pure apart from the HMAC: the timestamp and the request ID are inputs, never read here.
 * See docs/scheme.md ("Key", "Signature", "Headers").
 */
const { createHmac } = require('node:crypto');
const { utf8Encode, canonicalPath, canonicalMessage } = require('./canonical');

/** Header names, in the order they are sent (the kit's spelling; names are case-insensitive). */
const HEADER_REQUEST_ID = 'X-Issuetrak-API-Request-ID';
const HEADER_TIMESTAMP = 'X-Issuetrak-API-Timestamp';
const HEADER_AUTHORIZATION = 'X-Issuetrak-API-Authorization';

/**
 * The HMAC key: the UTF-8 bytes of the API key text exactly as issued. Never base64-decoded,
 * never trimmed (the vendor's sample key is not even valid base64).
 */
function hmacKey(key) {
  if (typeof key !== 'string' || key.length === 0) {
    throw new RangeError('API key is empty; give the key text as issued by Issuetrak');
  }
  return utf8Encode(key, 'API key');
}

/** Standard base64 (with padding) of HMAC-SHA512(key text's UTF-8 bytes, message bytes). */
function signature(key, message) {
  return createHmac('sha512', hmacKey(key)).update(message).digest('base64');
}

/**
 * Signs one request. `request` is `{key, method, requestId, timestamp, path, query, body}`
 * (see canonical.canonicalMessage for the fields; `body` should be the exact bytes sent).
 * Returns each stage as a value: `{path, message, signature, headers}`, where `path` is the
 * lowercased path signed, `message` the canonical message bytes (Uint8Array) and `headers` the
 * three signing headers in sending order. The key is not part of the result.
 */
function sign(request) {
  const message = canonicalMessage(request);
  const sig = signature(request.key, message);
  return Object.freeze({
    path: canonicalPath(request.path),
    message,
    signature: sig,
    headers: Object.freeze({
      [HEADER_REQUEST_ID]: request.requestId,
      [HEADER_TIMESTAMP]: request.timestamp,
      [HEADER_AUTHORIZATION]: sig,
    }),
  });
}

module.exports = { sign, signature, HEADER_REQUEST_ID, HEADER_TIMESTAMP, HEADER_AUTHORIZATION };
