/**
 * The Issuetrak API v1 canonical message and timestamp (docs/scheme.md), with no Node.js API:
 * only `TextEncoder`, so that the kit's embedded runner (GraalJS, which supplies a
 * `TextEncoder`) checks this very file in-process.
 *
 * @module
 */

/** A string like `GET` or `M-SEARCH`: an RFC 9110 token. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** 8-4-4-4-12 hex digits, either case, like `c3838d04-46f8-43d6-92fd-62b3d0b59f3e`. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The canonical timestamp or an accepted variant: 0 to 7 fractional digits, `Z` or `+HH:MM`. */
const SIGNED_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;
/** An instant to format, like `2014-09-10T17:28:08.322735199Z`: UTC, 0 to 9 fractional digits. */
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;
/** With the `u` flag, a surrogate matches only when unpaired. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NANOS_PER_SECOND = 1_000_000_000n;

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`; refuses an unpaired surrogate, which has no UTF-8 form. */
function utf8(text, what) {
  if (typeof text !== "string") {
    throw new TypeError(`${what} must be a string, got ${typeof text}`);
  }
  const lone = text.search(LONE_SURROGATE);
  if (lone >= 0) {
    throw new RangeError(
      `${what} has an unpaired surrogate at index ${lone}; it cannot be encoded as UTF-8`,
    );
  }
  return encoder.encode(text);
}

/**
 * The path as signed: lowercased, like `/NestedSite1/api/v1/issues/false/1` to
 * `/nestedsite1/api/v1/issues/false/1`. Percent escapes are kept, their hex digits lowercased.
 * A raw non-ASCII character is refused: how the server lowercases it is unknown, and JavaScript
 * engines do not even agree (GraalJS, like Java, signs `/GΣ7z` as `/gσ7z` where V8 and Unicode
 * give `/gς7z`: found by `itk fuzz`). `URL` percent-encodes such characters anyway.
 */
export function canonicalPath(path) {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new RangeError(
      `path ${JSON.stringify(path)} does not start with /; give the URL path as sent, like /api/v1/issues/false/1`,
    );
  }
  const bad = path.search(/[?#\x00-\x1f\x7f]/);
  if (bad >= 0) {
    throw new RangeError(
      `path ${JSON.stringify(path)} has ${JSON.stringify(path[bad])} at index ${bad}; ` +
        "give the query separately, and no fragment or control character",
    );
  }
  const raw = path.search(/[^\x00-\x7f]/);
  if (raw >= 0) {
    throw new RangeError(
      `path ${JSON.stringify(path)} has the raw non-ASCII character ${JSON.stringify(path[raw])} at index ${raw}; ` +
        "percent-encode non-ASCII path characters as UTF-8 before signing and sending: how the server lowercases them is unknown (docs/scheme.md)",
    );
  }
  return path.toLowerCase();
}

/**
 * The canonical message as bytes:
 * UTF-8(method LF requestId LF timestamp LF lowercase(path) LF query LF) followed by the body.
 *
 * `query` is the raw query without `?` (signed verbatim, `""` when none); `body` is the exact
 * bytes sent (a `Uint8Array`, never decoded), a string (signed as UTF-8) or absent.
 */
export function canonicalMessage({
  method,
  requestId,
  timestamp,
  path,
  query = "",
  body,
}) {
  if (typeof method !== "string" || !HTTP_TOKEN.test(method)) {
    throw new RangeError(
      `method ${JSON.stringify(method)} is not an HTTP token (RFC 9110), like GET`,
    );
  }
  if (typeof requestId !== "string" || !UUID.test(requestId)) {
    throw new RangeError(
      `request ID ${JSON.stringify(requestId)} is not a UUID (8-4-4-4-12 hex digits)`,
    );
  }
  if (typeof timestamp !== "string" || !SIGNED_TIMESTAMP.test(timestamp)) {
    throw new RangeError(
      `timestamp ${JSON.stringify(timestamp)} is not like 2014-09-10T17:28:08.3227351Z`,
    );
  }
  if (typeof query !== "string" || /[\r\n]/.test(query)) {
    throw new RangeError(
      `query ${JSON.stringify(query)} must be a string without CR or LF`,
    );
  }
  const head = utf8(
    `${method}\n${requestId}\n${timestamp}\n${canonicalPath(path)}\n${query}\n`,
    "message",
  );
  const tail = bodyBytes(body);
  const message = new Uint8Array(head.length + tail.length);
  message.set(head);
  message.set(tail, head.length);
  return message;
}

function bodyBytes(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return utf8(body, "body");
  if (body instanceof Uint8Array) return body;
  throw new TypeError(
    `body must be a Uint8Array (the exact bytes sent) or a string, got ${typeof body}`,
  );
}

/**
 * The timestamp header for an instant: UTC, exactly 7 fractional digits, truncated to 100 ns and
 * never rounded. `instant` is a `Date`, nanoseconds since the Unix epoch as a `bigint`, or an
 * ISO-8601 UTC string with up to 9 fractional digits: `2014-09-10T17:28:08.322735199Z` gives
 * `2014-09-10T17:28:08.3227351Z`.
 */
export function formatTimestamp(instant) {
  if (instant instanceof Date) {
    return render(
      instant,
      String(instant.getUTCMilliseconds()).padStart(3, "0"),
    );
  }
  if (typeof instant === "bigint") {
    let seconds = instant / NANOS_PER_SECOND;
    if (seconds * NANOS_PER_SECOND > instant) seconds -= 1n; // floor, before 1970 too
    const nanos = String(instant - seconds * NANOS_PER_SECOND).padStart(9, "0");
    return render(new Date(Number(seconds) * 1000), nanos);
  }
  const match = typeof instant === "string" ? INSTANT.exec(instant) : null;
  if (!match) {
    throw new RangeError(
      `instant ${JSON.stringify(instant)} is not a Date, a bigint of epoch nanoseconds or an ISO-8601 UTC string like 2014-09-10T17:28:08.322735199Z`,
    );
  }
  const date = new Date(`${match[1]}Z`);
  if (Number.isNaN(date.getTime()) || isoSeconds(date) !== match[1]) {
    throw new RangeError(
      `instant ${JSON.stringify(instant)} names a date or time that does not exist`,
    );
  }
  return render(date, match[2] ?? "");
}

function isoSeconds(date) {
  return date.toISOString().slice(0, 19);
}

function render(date, fraction) {
  const year = date.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    throw new RangeError(
      `year ${year} cannot be written as yyyy; the timestamp needs a year from 0001 to 9999`,
    );
  }
  return `${isoSeconds(date)}.${fraction.padEnd(7, "0").slice(0, 7)}Z`;
}
