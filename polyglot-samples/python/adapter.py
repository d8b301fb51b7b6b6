"""The runner-protocol adapter (docs/runner-protocol.md): newline-delimited JSON commands on
standard input, one answer per line on standard output, logs and stack traces on standard error.

`sign` uses issuetrak_signer; `bench` times the same call of issuetrak_signer.sign, as the sample
client makes it once per request; `scenario` uses the sample client's own functions
(issuetrak_client) with the harness's base URL, key, timestamp and request IDs.
"""

import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the sample folder

import base64
import json
import platform
import time
import traceback

import issuetrak_client
import issuetrak_signer

PROTOCOL_VERSION = 1
SCENARIOS = ("get-issue", "update-issue", "create-issue")
NOT_IN_VENDOR_SAMPLE = (
    "the vendor's Python sample does not do {name}: it retrieves, updates and submits an issue"
)


def runtime_name():
    """E.g. ``CPython 3.11.7``, read at run time."""
    return f"{platform.python_implementation()} {platform.python_version()}"


def start(command):
    if command.get("protocolVersion") != PROTOCOL_VERSION:
        raise ValueError(
            f"protocolVersion {command.get('protocolVersion')!r} is not supported; this adapter "
            f"speaks version {PROTOCOL_VERSION}"
        )
    return {"result": {
        "protocolVersion": PROTOCOL_VERSION,
        "language": "python",
        "implementation": "polyglot-samples/python",
        "runtime": runtime_name(),
        "scenarios": list(SCENARIOS),
    }}


def body_of(given):
    """The body bytes of a sign or bench input: ``bodyBase64`` decoded, or ``body`` as UTF-8."""
    if "bodyBase64" in given:
        return base64.b64decode(given["bodyBase64"], validate=True)
    return given["body"].encode("utf-8")


def sign(command):
    given = command["input"]
    body = body_of(given)
    signed = issuetrak_signer.sign(given["key"], given["method"], given["requestId"],
                                   given["timestamp"], given["path"], given["query"], body)
    result = {
        "messageBase64": base64.b64encode(signed.message).decode("ascii"),
        "signature": signed.signature,
        "headers": dict(signed.headers),
    }
    if "instant" in given:
        instant = issuetrak_signer.parse_instant(given["instant"])
        result["formattedTimestamp"] = issuetrak_signer.format_timestamp(instant)
    return {"result": result}


def bench(command):
    """Times issuetrak_signer.sign on one input with the monotonic perf_counter_ns: warms up for
    ``warmupMillis``, then measures until at least ``iterations`` signatures and ``durationMillis``
    have passed. One operation is what the client does per request: the canonical message, the
    HMAC-SHA512 and its base64 (the body is bytes, encoded once, as the client sends it)."""
    given = command["input"]
    body = body_of(given)
    key, method, request_id = given["key"], given["method"], given["requestId"]
    timestamp, path, query = given["timestamp"], given["path"], given["query"]
    iterations = command["iterations"]
    duration = command["durationMillis"] * 1_000_000
    sign_once = issuetrak_signer.sign
    clock = time.perf_counter_ns
    warm_until = clock() + command["warmupMillis"] * 1_000_000
    signed = sign_once(key, method, request_id, timestamp, path, query, body)
    while clock() < warm_until:
        sign_once(key, method, request_id, timestamp, path, query, body)
    operations = 0
    started = clock()
    while True:
        signed = sign_once(key, method, request_id, timestamp, path, query, body)
        operations += 1
        elapsed = clock() - started
        if operations >= iterations and elapsed >= duration:
            break
    return {"result": {"operations": operations, "elapsedNanos": elapsed,
                       "signature": signed.signature}}


def scenario(command):
    name = command["name"]
    if name not in SCENARIOS:
        return {"skipped": {"reason": NOT_IN_VENDOR_SAMPLE.format(name=name)}}
    ids = list(command["requestIds"])
    used = []

    def next_request_id():
        if len(used) == len(ids):
            raise ValueError(
                f"scenario {name} was given {len(ids)} request ID(s) and needs one more "
                f"(request {len(ids) + 1})"
            )
        used.append(ids[len(used)])
        return used[-1]

    instant = issuetrak_signer.parse_instant(command["timestamp"])
    client = issuetrak_client.IssuetrakClient(
        command["baseUrl"], command["key"], clock=lambda: instant, request_ids=next_request_id)
    if name == "get-issue":
        responses = [client.get_issue(command.get("issueNumber", 1))]
    elif name == "update-issue":
        responses = list(client.update_issue(
            command["issueNumber"], command.get("set", {}),
            read_only_fields=command.get("readOnlyIssueFields",
                                         issuetrak_client.READ_ONLY_ISSUE_FIELDS),
            read_only_udf_fields=command.get("readOnlyUserDefinedFieldFields",
                                             issuetrak_client.READ_ONLY_USER_DEFINED_FIELD_FIELDS)))
    else:  # create-issue
        responses = [client.create_issue(command["data"])]
    return {"result": {"requests": [
        {"method": r.method, "url": r.url, "status": r.status} for r in responses
    ]}}


HANDLERS = {"start": start, "sign": sign, "bench": bench, "scenario": scenario}


def main(commands, answers, log):
    """Answers each command line of ``commands`` on ``answers``; returns the exit status."""
    for raw in commands:
        if not raw.strip():
            continue
        try:
            command = json.loads(raw.decode("utf-8"))
            seq = command["seq"]
        except (ValueError, KeyError, TypeError) as e:
            # No seq to answer with: the harness reports the missing answer.
            log.write(f"adapter: ignored a line that is not a command with a seq ({e}): {raw[:200]!r}\n")
            log.flush()
            continue
        stop = command.get("cmd") == "stop"
        try:
            if stop:
                answer = {"result": {}}
            elif command.get("cmd") in HANDLERS:
                answer = HANDLERS[command["cmd"]](command)
            else:
                raise ValueError(f"unknown command {command.get('cmd')!r}; expected start, sign, bench, scenario or stop")
        except Exception as e:  # every failure is an answer, never a crash
            trace = traceback.format_exc()
            log.write(f"adapter: seq {seq} ({command.get('cmd')} {command.get('id') or command.get('name') or ''}) failed:\n{trace}")
            log.flush()
            answer = {"errored": {"message": f"{type(e).__name__}: {e}", "stderr": trace}}
        answers.write((json.dumps({"seq": seq, **answer}) + "\n").encode("ascii"))
        answers.flush()
        if stop:
            return 0
    return 0  # end of input: the harness went away


if __name__ == "__main__":
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    sys.exit(main(sys.stdin.buffer, protocol_out, sys.stderr))
