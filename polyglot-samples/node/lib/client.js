'use strict';
/*
 * The sample client: what the vendor's Node.js sample does (insert a note into an issue,
 * POST {base}/notes), done so that the bytes sent are exactly the bytes signed.
 *
 * Node APIs live here (node:http, node:https, node:crypto); the canonical message and the
 * timestamp formatter come from lib/canonical.js, the HMAC from lib/signer.js.
 */
const http = require('node:http');
const https = require('node:https');
const { randomUUID } = require('node:crypto');
const { formatTimestamp } = require('./canonical');
const { sign } = require('./signer');

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const DEFAULT_TIMEOUT_MS = 30000;
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A configuration problem, reported as one line naming the setting and the rule. */
class ConfigError extends Error {}

/** The wall clock as nanoseconds since the Unix epoch (millisecond precision). */
function systemClock() {
  return BigInt(Date.now()) * 1000000n;
}

/**
 * Checks a site's API base URL, e.g. `http://127.0.0.1:8089/NestedSite1/api/v1`: absolute,
 * http or https, no user info, query or fragment. `name` names the setting in errors.
 */
function parseBaseUrl(text, name = 'base URL') {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} ${JSON.stringify(text)} is not an absolute URL; ` +
      'give the site\'s API base URL, e.g. http://127.0.0.1:8089/api/v1');
  }
  if (url.username || url.password) {
    // Not echoed: user info may hold a password.
    throw new ConfigError(`${name} must not contain user info (user:password@); the API is signed with the API key only`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} ${JSON.stringify(text)} has scheme ${url.protocol.slice(0, -1)}; it must be http or https`);
  }
  if (url.search || url.hash || /[?#]/.test(text)) {
    throw new ConfigError(`${name} ${JSON.stringify(text)} has a query or fragment; give only the API base, e.g. http://127.0.0.1:8089/api/v1`);
  }
  return url;
}

/**
 * Joins the base URL's path and a route without doubling `/`:
 * `/NestedSite1/api/v1` + `/notes` is `/NestedSite1/api/v1/notes`.
 */
function joinPath(basePath, route) {
  return basePath.replace(/\/+$/, '') + '/' + route.replace(/^\/+/, '');
}

/** Sends one HTTP/1.1 request; never follows redirects. Resolves `{status, headers, body}`. */
function transmit(url, method, target, headers, body, timeoutMs) {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      method,
      path: target,
      headers,
      agent: false, // one connection per request, closed afterwards
      timeout: timeoutMs,
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(
      `no answer from ${url.origin} within ${timeoutMs} ms (${method} ${target})`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A client for one site. `options`:
 * - `baseUrl`: the site's API base URL, site folders included (`http://host/Site/api/v1`);
 * - `key`: the API key text;
 * - `clock` (optional): returns the current instant, epoch nanoseconds as a BigInt or an ISO
 *   UTC string, formatted with canonical.formatTimestamp; defaults to the system clock;
 * - `nextRequestId` (optional): returns the next request ID; defaults to random lowercase UUIDs;
 * - `timeoutMs` (optional): per-request socket timeout, default 30 s.
 */
function createClient(options) {
  const baseUrl = parseBaseUrl(options.baseUrl);
  const key = options.key;
  if (typeof key !== 'string' || key.length === 0) {
    throw new ConfigError('API key is empty; give the key text as issued by Issuetrak');
  }
  const clock = options.clock || systemClock;
  const nextRequestId = options.nextRequestId || randomUUID;
  const timeoutMs = options.timeoutMs || DEFAULT_TIMEOUT_MS;

  /**
   * Signs and sends one request: `route` is appended to the base path, `query` is the raw query
   * without `?` (sent and signed as is), `body` the exact bytes to send (Uint8Array) or absent.
   * Resolves `{method, url, status, body}`; a refusal by the server is a status, not an error.
   */
  async function send({ method, route, query = '', body }) {
    const path = joinPath(baseUrl.pathname, route);
    const target = query ? `${path}?${query}` : path;
    const signed = sign({
      key, method, requestId: nextRequestId(), timestamp: formatTimestamp(clock()), path, query, body,
    });
    const headers = { ...signed.headers };
    if (body !== undefined) {
      headers['Content-Type'] = JSON_CONTENT_TYPE;
      headers['Content-Length'] = String(body.length);
    }
    const url = `${baseUrl.origin}${target}`;
    const res = await transmit(baseUrl, method, target, headers, body, timeoutMs);
    return { method, url, status: res.status, body: res.body };
  }

  /**
   * Inserts a note: POST {base}/notes with `note` serialized once as compact JSON (keys in the
   * given order, non-ASCII as raw UTF-8, `/` and `<` unescaped); those exact bytes are signed
   * and sent. The answer's body is the new note's ID.
   */
  function createNote(note) {
    return send({ method: 'POST', route: '/notes', body: jsonBytes(note) });
  }

  return Object.freeze({ send, createNote });
}

/** Compact JSON as UTF-8 bytes; JSON.stringify keeps key order and escapes neither `/` nor non-ASCII. */
function jsonBytes(value) {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * The client options from environment variables: ITK_BASE_URL and ITK_API_KEY (required),
 * ITK_REQUEST_ID (a fixed lowercase UUID) and ITK_TIMESTAMP (a fixed ISO UTC instant) optional.
 * Throws ConfigError naming the variable and the rule; never includes the key.
 */
function optionsFromEnv(env) {
  const baseUrl = env.ITK_BASE_URL;
  if (!baseUrl) {
    throw new ConfigError('ITK_BASE_URL is not set; set it to the site\'s API base URL, e.g. http://127.0.0.1:8089/api/v1');
  }
  parseBaseUrl(baseUrl, 'ITK_BASE_URL');
  const key = env.ITK_API_KEY;
  if (key === undefined || key === '') {
    throw new ConfigError('ITK_API_KEY is not set or empty; set it to the API key text as issued (used as is, never base64-decoded or trimmed)');
  }
  const options = { baseUrl, key };
  if (env.ITK_REQUEST_ID !== undefined) {
    const id = env.ITK_REQUEST_ID;
    if (!LOWERCASE_UUID.test(id)) {
      throw new ConfigError(`ITK_REQUEST_ID ${JSON.stringify(id)} is not a lowercase UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)`);
    }
    options.nextRequestId = () => id;
  }
  if (env.ITK_TIMESTAMP !== undefined) {
    const instant = env.ITK_TIMESTAMP;
    try {
      formatTimestamp(instant);
    } catch (e) {
      throw new ConfigError(`ITK_TIMESTAMP: ${e.message}`);
    }
    options.clock = () => instant;
  }
  return options;
}

module.exports = { createClient, optionsFromEnv, parseBaseUrl, joinPath, jsonBytes, ConfigError, JSON_CONTENT_TYPE };
