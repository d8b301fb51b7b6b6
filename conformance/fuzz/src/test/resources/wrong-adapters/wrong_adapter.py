"""A deliberately wrong implementation, for the fuzzer's own tests: it signs like the scheme
says except for one slip, chosen by its argument.

  crlf             normalizes CR LF to LF in the body before signing (an HTTP library "fixing"
                   line ends)
  ascii-lowercase  lowercases only A-Z in the path (a hand-written lowercasing), and signs raw
                   non-ASCII paths instead of refusing them
  crash            signs right, then dies on its third signBatch with a message on stderr

It speaks the runner protocol (docs/runner-protocol.md): start, sign, signBatch, stop.
"""

import base64
import hashlib
import hmac
import json
import sys

MODE = sys.argv[1]
BATCHES = 0


def lower_ascii(text):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def sign(given):
    body = (base64.b64decode(given["bodyBase64"]) if "bodyBase64" in given
            else given["body"].encode("utf-8"))
    path = given["path"]
    if MODE == "crlf":
        body = body.replace(b"\r\n", b"\n")
    if MODE == "ascii-lowercase":
        path = lower_ascii(path)
    elif any(ord(c) > 0x7F for c in path):
        return {"errored": {"message": "percent-encode non-ASCII path characters"}}
    else:
        path = path.lower()
    head = "".join(f + "\n" for f in (given["method"], given["requestId"], given["timestamp"],
                                       path, given["query"]))
    message = head.encode("utf-8") + body
    signature = base64.b64encode(
        hmac.new(given["key"].encode("utf-8"), message, hashlib.sha512).digest()).decode("ascii")
    return {"result": {
        "messageBase64": base64.b64encode(message).decode("ascii"),
        "signature": signature,
        "headers": {"X-Issuetrak-API-Request-ID": given["requestId"],
                    "X-Issuetrak-API-Timestamp": given["timestamp"],
                    "X-Issuetrak-API-Authorization": signature}}}


def answer(command):
    name = command.get("cmd")
    if name == "start":
        return {"result": {"protocolVersion": 1, "language": "wrong-" + MODE,
                           "implementation": "wrong-adapters/" + MODE,
                           "runtime": "CPython", "scenarios": []}}
    if name == "sign":
        return sign(command["input"])
    if name == "signBatch":
        global BATCHES
        BATCHES += 1
        if MODE == "crash" and BATCHES == 3:
            print("wrong_adapter: deliberately crashing on batch 3", file=sys.stderr, flush=True)
            sys.exit(3)
        return {"result": {"answers": [sign(item["input"]) for item in command["items"]]}}
    if name == "stop":
        return {"result": {}}
    return {"errored": {"message": f"unknown command {name!r}"}}


for line in sys.stdin:
    command = json.loads(line)
    reply = answer(command)
    reply["seq"] = command["seq"]
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
    if command.get("cmd") == "stop":
        break
