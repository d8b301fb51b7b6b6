/*
 * Issuetrak API v1 canonical message and timestamp, in plain ECMAScript (2020).
 *
 * This file uses no Node.js API at all (no require, Buffer, process or TextEncoder) so that the
 * exact same file can be loaded by CommonJS `require` or evaluated as a plain script (GraalJS),
 * where it defines `globalThis.IssuetrakCanonical`. Bytes are Uint8Array; UTF-8 is encoded here.
 *
 * The rules are those of docs/scheme.md ("Canonical message", "Path", "Timestamp").
 */
(function (root) {
  'use strict';

  /** A string like `GET` or `M-SEARCH`: an RFC 9110 token. */
  var HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  /** 8-4-4-4-12 hex digits, either case, e.g. `c3838d04-46f8-43d6-92fd-62b3d0b59f3e`. */
  var UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
  /** The canonical form or an accepted variant: 0 to 7 fractional digits, `Z` or `+HH:MM`. */
  var SIGNED_TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$/;
  /** An instant to format: UTC (`Z`), 0 to 9 fractional digits. */
  var INSTANT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?Z$/;

  function quote(value) {
    return JSON.stringify(String(value));
  }

  /**
   * The UTF-8 bytes of a string, e.g. `utf8Encode("é")` is `[0xC3, 0xA9]`.
   * Throws on an unpaired surrogate, which has no UTF-8 encoding.
   */
  function utf8Encode(text, what) {
    if (typeof text !== 'string') {
      throw new TypeError((what || 'text') + ' must be a string, got ' + typeof text);
    }
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        throw new RangeError((what || 'text') + ' has an unpaired surrogate U+' +
          c.toString(16).toUpperCase() + ' at index ' + i + '; it cannot be encoded as UTF-8');
      }
      if (c < 0x80) {
        out.push(c);
      } else if (c < 0x800) {
        out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      } else if (c < 0x10000) {
        out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      } else {
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      }
    }
    return new Uint8Array(out);
  }

  function hasControlCharacter(text) {
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 0x20 || c === 0x7f) return i;
    }
    return -1;
  }

  /**
   * The path as signed: the raw path lowercased, locale-independently (ECMAScript's
   * `toLowerCase` uses the Unicode default case mapping, never the host locale), e.g.
   * `/NestedSite1/api/v1/issues/false/1` becomes `/nestedsite1/api/v1/issues/false/1`.
   * Percent escapes are kept (their hex digits lowercased with the rest).
   */
  function canonicalPath(path) {
    if (typeof path !== 'string' || path.length === 0 || path.charAt(0) !== '/') {
      throw new RangeError('path ' + quote(path) + ' does not start with /; give the URL path as sent, e.g. /api/v1/issues/false/1');
    }
    var bad = path.search(/[?#]/);
    if (bad >= 0) {
      throw new RangeError('path ' + quote(path) + ' contains ' + quote(path.charAt(bad)) + ' at index ' + bad + '; give the query separately and never a fragment');
    }
    var ctl = hasControlCharacter(path);
    if (ctl >= 0) {
      throw new RangeError('path ' + quote(path) + ' contains a control character at index ' + ctl);
    }
    return path.toLowerCase();
  }

  function bodyBytes(body) {
    if (body === undefined || body === null) return new Uint8Array(0);
    if (typeof body === 'string') return utf8Encode(body, 'body');
    if (body instanceof Uint8Array) return body;
    throw new TypeError('body must be a Uint8Array (the exact bytes sent) or a string, got ' + typeof body);
  }

  /**
   * The canonical message, as bytes:
   * UTF-8(method LF requestId LF timestamp LF lowercase(path) LF query LF) body.
   *
   * `request` is `{method, requestId, timestamp, path, query, body}`; `query` is the raw query
   * without `?` ("" when none), signed verbatim; `body` is the exact bytes sent (a Uint8Array,
   * never decoded), a string (signed as its UTF-8 bytes) or absent (empty).
   */
  function canonicalMessage(request) {
    var method = request.method;
    if (typeof method !== 'string' || !HTTP_TOKEN.test(method)) {
      throw new RangeError('method ' + quote(method) + ' is not an HTTP token (RFC 9110), e.g. GET');
    }
    var requestId = request.requestId;
    if (typeof requestId !== 'string' || !UUID.test(requestId)) {
      throw new RangeError('request ID ' + quote(requestId) + ' is not a UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)');
    }
    var timestamp = request.timestamp;
    if (typeof timestamp !== 'string' || !SIGNED_TIMESTAMP.test(timestamp)) {
      throw new RangeError('timestamp ' + quote(timestamp) + ' is not of the form yyyy-MM-ddTHH:mm:ss.fffffffZ (e.g. 2014-09-10T17:28:08.3227351Z)');
    }
    var query = request.query === undefined || request.query === null ? '' : request.query;
    if (typeof query !== 'string' || /[\r\n]/.test(query)) {
      throw new RangeError('query ' + quote(query) + ' must be a string without CR or LF');
    }
    var head = utf8Encode(
      method + '\n' + requestId + '\n' + timestamp + '\n' + canonicalPath(request.path) + '\n' + query + '\n',
      'message');
    var body = bodyBytes(request.body);
    var message = new Uint8Array(head.length + body.length);
    message.set(head, 0);
    message.set(body, head.length);
    return message;
  }

  function pad(number, width) {
    var s = String(number);
    while (s.length < width) s = '0' + s;
    return s;
  }

  function isLeapYear(y) {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  }

  function daysInMonth(y, m) {
    return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  function render(y, mo, d, h, mi, s, ticks) {
    if (y < 1 || y > 9999) {
      throw new RangeError('year ' + y + ' cannot be written as yyyy; the timestamp needs a year from 0001 to 9999');
    }
    return pad(y, 4) + '-' + pad(mo, 2) + '-' + pad(d, 2) + 'T' + pad(h, 2) + ':' + pad(mi, 2) + ':' +
      pad(s, 2) + '.' + pad(ticks, 7) + 'Z';
  }

  function floorDiv(a, b) {
    var q = a / b;
    return (a % b !== BigInt(0) && (a < BigInt(0)) !== (b < BigInt(0))) ? q - BigInt(1) : q;
  }

  function fromEpochNanos(nanos) {
    var billion = BigInt(1000000000);
    var seconds = floorDiv(nanos, billion);
    var ticks = Number((nanos - seconds * billion) / BigInt(100)); // truncated to 100 ns
    var days = Number(floorDiv(seconds, BigInt(86400)));
    var secondOfDay = Number(seconds - BigInt(days) * BigInt(86400));
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    var z = days + 719468;
    var era = Math.floor(z / 146097);
    var doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp < 10 ? mp + 3 : mp - 9;
    var y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return render(y, m, d, Math.floor(secondOfDay / 3600), Math.floor(secondOfDay / 60) % 60, secondOfDay % 60, ticks);
  }

  function fromInstantText(text) {
    var p = INSTANT.exec(text);
    if (!p) {
      throw new RangeError('instant ' + quote(text) + ' is not an ISO-8601 UTC instant yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z, e.g. 2014-09-10T17:28:08.322735199Z');
    }
    var y = +p[1], mo = +p[2], d = +p[3], h = +p[4], mi = +p[5], s = +p[6];
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
      throw new RangeError('instant ' + quote(text) + ' names a date or time that does not exist');
    }
    var fraction = (p[7] || '') + '000000000';
    return render(y, mo, d, h, mi, s, +fraction.substring(0, 7)); // truncated, never rounded
  }

  /**
   * The timestamp header for an instant: UTC `yyyy-MM-ddTHH:mm:ss.fffffffZ`, exactly 7 fractional
   * digits, truncated to 100 ns, never rounded. `instant` is an ISO-8601 UTC string with up to 9
   * fractional digits (`2014-09-10T17:28:08.322735199Z` gives `2014-09-10T17:28:08.3227351Z`) or
   * nanoseconds since the Unix epoch as a BigInt.
   */
  function formatTimestamp(instant) {
    if (typeof instant === 'bigint') return fromEpochNanos(instant);
    if (typeof instant === 'string') return fromInstantText(instant);
    throw new TypeError('instant must be an ISO-8601 UTC string or epoch nanoseconds as a BigInt, got ' + typeof instant);
  }

  var api = Object.freeze({
    utf8Encode: utf8Encode,
    canonicalPath: canonicalPath,
    canonicalMessage: canonicalMessage,
    formatTimestamp: formatTimestamp
  });

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.IssuetrakCanonical = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
