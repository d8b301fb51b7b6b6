// The kit's glue for the embedded JavaScript run (EmbeddedRunner): the runner protocol, one line
// in, one line out, around the Node sample's own lib/canonical.js, which was evaluated before this
// file and defined globalThis.IssuetrakCanonical. Plain ECMAScript: GraalJS here has no Node API,
// no crypto and no http, so `sign` answers the canonical message bytes and the formatted
// timestamp only, and scenarios and `bench` (which times the whole signing, HMAC included) are
// answered `skipped` with the reason.
(function () {
  'use strict';
  var C = globalThis.IssuetrakCanonical;
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function base64Decode(text) {
    var clean = text.replace(/=+$/, '');
    var out = new Uint8Array(Math.floor((clean.length * 3) / 4));
    var bits = 0;
    var value = 0;
    var n = 0;
    for (var i = 0; i < clean.length; i++) {
      var v = ALPHABET.indexOf(clean.charAt(i));
      if (v < 0) throw new RangeError('bodyBase64 has a character outside standard base64 at ' + i);
      value = (value << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (value >> bits) & 0xff;
      }
    }
    return out.subarray(0, n);
  }

  function base64Encode(bytes) {
    var parts = [];
    for (var i = 0; i < bytes.length; i += 3) {
      var a = bytes[i];
      var b = i + 1 < bytes.length ? bytes[i + 1] : 0;
      var c = i + 2 < bytes.length ? bytes[i + 2] : 0;
      var triple = (a << 16) | (b << 8) | c;
      parts.push(
        ALPHABET.charAt((triple >> 18) & 63) +
          ALPHABET.charAt((triple >> 12) & 63) +
          (i + 1 < bytes.length ? ALPHABET.charAt((triple >> 6) & 63) : '=') +
          (i + 2 < bytes.length ? ALPHABET.charAt(triple & 63) : '='));
    }
    return parts.join('');
  }

  function start() {
    return {
      protocolVersion: 1,
      language: 'javascript',
      implementation: 'polyglot-samples/node/lib/canonical.js',
      runtime: 'GraalJS ' + (typeof itkPolyglotVersion !== 'undefined' ? itkPolyglotVersion : '(unknown version)'),
      scenarios: ['create-note']
    };
  }

  function sign(command) {
    var input = command.input;
    var body = input.bodyBase64 !== undefined ? base64Decode(input.bodyBase64) : input.body;
    var message = C.canonicalMessage({
      method: input.method,
      requestId: input.requestId,
      timestamp: input.timestamp,
      path: input.path,
      query: input.query,
      body: body
    });
    var result = { messageBase64: base64Encode(message) };
    if (input.instant !== undefined) result.formattedTimestamp = C.formatTimestamp(input.instant);
    return result;
  }

  return function handle(line) {
    var command = JSON.parse(line);
    var answer;
    try {
      if (command.cmd === 'start') answer = { result: start() };
      else if (command.cmd === 'sign') answer = { result: sign(command) };
      else if (command.cmd === 'scenario') {
        answer = {
          skipped: {
            reason: 'GraalJS has no http or crypto: the Node sample\'s scenarios run in the process and container runners'
          }
        };
      } else if (command.cmd === 'bench') {
        answer = {
          skipped: {
            reason: 'GraalJS has no crypto: the Node sample\'s HMAC (node:crypto) cannot run here, so its signing is benchmarked in the process and container runners'
          }
        };
      } else if (command.cmd === 'stop') answer = { result: {} };
      else throw new Error('unknown command ' + command.cmd + '; expected start, sign, bench, scenario or stop');
    } catch (e) {
      answer = { errored: { message: String(e), stderr: String((e && e.stack) || '') } };
    }
    answer.seq = command.seq;
    return JSON.stringify(answer);
  };
})();
