"""The runner-protocol adapter (docs/runner-protocol.md): newline-delimited JSON commands on
standard input, one answer per line on standard output, logs and stack traces on standard error.

`sign` uses issuetrak_signer, and `signBatch` the same routine per item; `bench` times the same
call of issuetrak_signer.sign, as the sample client makes it once per request; `scenario` uses the
sample client's own functions (issuetrak_client) with the harness's base URL, key, timestamp and
request IDs.
"""

from __future__ import annotations

import base64
import json
import platform
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO, TextIO

import issuetrak_client
import issuetrak_signer
from issuetrak_client import ApiResponse, IssuetrakClient

PROTOCOL_VERSION = 1

Command = dict[str, Any]


def _update_issue(client: IssuetrakClient, c: Command) -> list[ApiResponse]:
    read_only = c.get("readOnlyIssueFields", issuetrak_client.READ_ONLY_ISSUE_FIELDS)
    read_only_udf = c.get(
        "readOnlyUserDefinedFieldFields", issuetrak_client.READ_ONLY_USER_DEFINED_FIELD_FIELDS
    )
    return list(
        client.update_issue(
            c["issueNumber"],
            c.get("set", {}),
            read_only_fields=read_only,
            read_only_udf_fields=read_only_udf,
        )
    )


def _send(client: IssuetrakClient, c: Command) -> list[ApiResponse]:
    request = c["send"]
    return [client.send(request["method"], request["route"], request.get("query", ""))]


# Each scenario of docs/runner-protocol.md#scenarios, made with the client's own operations and
# the command's parameters (the adapter never reads fixtures/scenarios.json).
SCENARIOS: dict[str, Callable[[IssuetrakClient, Command], list[ApiResponse]]] = {
    "get-issue": lambda client, c: [client.get_issue(c.get("issueNumber", 1))],
    "update-issue": _update_issue,
    "create-issue": lambda client, c: [client.create_issue(c["data"])],
    "create-note": lambda client, c: [client.create_note(c["data"])],
    "get-note": lambda client, c: [client.get_note(c.get("noteId", 1))],
    "get-issues-by-number-list": lambda client, c: [client.get_issues(c["issueNumbers"])],
    "get-issue-notes": lambda client, c: [client.get_issue_notes(c["issueNumber"])],
    "search-issues": lambda client, c: [client.search_issues(c["data"])],
    "create-note-markup": lambda client, c: [client.create_note(c["data"])],
    "get-issue-mixed-case-site": lambda client, c: [
        client.get_issue(c["issueNumber"], include_notes=c.get("includeNotes", False))
    ],
    "empty-body-post": _send,
    "lookup-issue-types": _send,
}


def runtime_name() -> str:
    """E.g. ``CPython 3.11.7``, read at run time."""
    return f"{platform.python_implementation()} {platform.python_version()}"


def start(command: Command) -> dict[str, Any]:
    if command.get("protocolVersion") != PROTOCOL_VERSION:
        raise ValueError(
            f"protocolVersion {command.get('protocolVersion')!r} is not supported; this adapter "
            f"speaks version {PROTOCOL_VERSION}"
        )
    return {
        "result": {
            "protocolVersion": PROTOCOL_VERSION,
            "language": "python",
            "implementation": "polyglot-samples/python",
            "runtime": runtime_name(),
            "scenarios": list(SCENARIOS),
        }
    }


def body_of(given: dict[str, str]) -> bytes:
    """The body bytes of a sign or bench input: ``bodyBase64`` decoded, or ``body`` as UTF-8."""
    if "bodyBase64" in given:
        return base64.b64decode(given["bodyBase64"], validate=True)
    return given["body"].encode("utf-8")


def sign(command: Command) -> dict[str, Any]:
    given = command["input"]
    body = body_of(given)
    signed = issuetrak_signer.sign(
        given["key"],
        given["method"],
        given["requestId"],
        given["timestamp"],
        given["path"],
        given["query"],
        body,
    )
    result = {
        "messageBase64": base64.b64encode(signed.message).decode("ascii"),
        "signature": signed.signature,
        "headers": dict(signed.headers),
    }
    if "instant" in given:
        instant = issuetrak_signer.parse_instant(given["instant"])
        result["formattedTimestamp"] = issuetrak_signer.format_timestamp(instant)
    return {"result": result}


def sign_batch(command: Command, log: TextIO) -> dict[str, Any]:
    """Signs each item as ``sign`` would, in order; a failing item is answered errored in its
    place and the others go on."""
    answers = []
    for item in command["items"]:
        try:
            answers.append(sign(item))
        except Exception as e:  # one item's failure never loses the batch
            answers.append(failure(e, f"seq {command['seq']} (signBatch {item.get('id')})", log))
    return {"result": {"answers": answers}}


def failure(e: Exception, what: str, log: TextIO, refusal: bool = True) -> dict[str, Any]:
    """The errored answer for ``e``, logged to ``log``. A ValueError while signing is the signer
    refusing the input on purpose (e.g. a raw non-ASCII path): its message says what to do and a
    stack trace would add nothing."""
    if refusal and isinstance(e, ValueError):
        log.write(f"adapter: {what} refused: {e}\n")
        return {"errored": {"message": str(e)}}
    trace = traceback.format_exc()
    log.write(f"adapter: {what} failed:\n{trace}")
    return {"errored": {"message": f"{type(e).__name__}: {e}", "stderr": trace}}


def bench(command: Command) -> dict[str, Any]:
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
    return {
        "result": {"operations": operations, "elapsedNanos": elapsed, "signature": signed.signature}
    }


def scenario(command: Command) -> dict[str, Any]:
    """Performs one scenario with the client's own operations; the n-th request uses the n-th
    request ID, every request the command's timestamp. A status (even 400) is reported, not
    raised: the harness compares what the stub recorded."""
    name = command["name"]
    perform = SCENARIOS.get(name)
    if perform is None:
        raise ValueError(f"unknown scenario {name!r}; this adapter knows {', '.join(SCENARIOS)}")
    ids = iter(command["requestIds"])

    def next_request_id() -> str:
        if (request_id := next(ids, None)) is None:
            raise ValueError(
                f"scenario {name} needs more than the {len(command['requestIds'])} request IDs"
            )
        return request_id

    instant = issuetrak_signer.parse_instant(command["timestamp"])
    client = IssuetrakClient(
        command["baseUrl"], command["key"], clock=lambda: instant, request_ids=next_request_id
    )
    responses = perform(client, command)
    return {
        "result": {
            "requests": [{"method": r.method, "url": r.url, "status": r.status} for r in responses]
        }
    }


HANDLERS = {"start": start, "sign": sign, "bench": bench, "scenario": scenario}


def main(commands: Iterable[bytes], answers: BinaryIO, log: TextIO) -> int:
    """Answers each command line of ``commands`` on ``answers``; returns the exit status."""
    for raw in commands:
        if not raw.strip():
            continue
        try:
            command = json.loads(raw.decode("utf-8"))
            seq = command["seq"]
        except (ValueError, KeyError, TypeError) as e:
            # No seq to answer with: the harness reports the missing answer.
            log.write(
                f"adapter: ignored a line that is not a command with a seq ({e}): {raw[:200]!r}\n"
            )
            log.flush()
            continue
        stop = command.get("cmd") == "stop"
        try:
            if stop:
                answer = {"result": {}}
            elif command.get("cmd") == "signBatch":
                answer = sign_batch(command, log)
            elif command.get("cmd") in HANDLERS:
                answer = HANDLERS[command["cmd"]](command)
            else:
                raise ValueError(
                    f"unknown command {command.get('cmd')!r}; "
                    "expected start, sign, signBatch, bench, scenario or stop"
                )
        except Exception as e:  # every failure is an answer, never a crash
            what = command.get("id") or command.get("name") or ""
            refusal = command.get("cmd") == "sign"
            answer = failure(e, f"seq {seq} ({command.get('cmd')} {what})", log, refusal)
        log.flush()
        answers.write((json.dumps({"seq": seq, **answer}) + "\n").encode("ascii"))
        answers.flush()
        if stop:
            return 0
    return 0  # end of input: the harness went away


if __name__ == "__main__":
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    sys.exit(main(sys.stdin.buffer, protocol_out, sys.stderr))
