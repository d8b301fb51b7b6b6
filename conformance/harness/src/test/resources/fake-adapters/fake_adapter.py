#!/usr/bin/env python3
"""An adapter that misbehaves on purpose, one way per MODE, to test the harness's handling.

MODE: good | garbage-stdout | wrong-seq | exits-at-start | silent | wrong-language | errors |
      two-answers-kinds | exits-on-sign | log-to-stdout | bench-wrong-signature | environment |
      batch | no-batch | batch-short | batch-not-array | batch-two-kinds | batch-errored-later
The batch modes and no-batch sign: an input with a path is signed ("sig:" + path), one without
is refused; batch answers signBatch per item the same, no-batch does not know the command.
"""
import json
import os
import sys

mode = sys.argv[1]
print("fake adapter starting in mode " + mode, file=sys.stderr, flush=True)
if mode == "environment":  # whether each variable is set; never a value, except ITK_TEST_KEPT's
    print("ITK_API_KEY: " + ("set" if "ITK_API_KEY" in os.environ else "not set"),
          file=sys.stderr, flush=True)
    print("ITK_TEST_KEPT: " + os.environ.get("ITK_TEST_KEPT", "not set"), file=sys.stderr,
          flush=True)


def sign(item_input):
    if "path" not in item_input:
        return {"errored": {"message": "no path"}}
    return {"result": {"signature": "sig:" + item_input["path"]}}


batches = 0


def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    cmd = json.loads(line)
    seq, name = cmd["seq"], cmd["cmd"]
    if name == "start":
        if mode == "exits-at-start":
            print("Traceback: cannot import signer", file=sys.stderr, flush=True)
            sys.exit(3)
        if mode == "silent":
            continue
        if mode == "garbage-stdout":
            print("Warning: deprecated function", flush=True)
            continue
        answer({"seq": seq + (1 if mode == "wrong-seq" else 0),
                "result": {"protocolVersion": 1,
                           "language": "other" if mode == "wrong-language" else "fake",
                           "implementation": "fake-adapters", "runtime": "Fake 1.0",
                           "scenarios": []}})
    elif name == "sign" and mode.startswith(("batch", "no-batch")):
        answer({"seq": seq, **sign(cmd["input"])})
    elif name == "signBatch" and mode.startswith("batch"):
        batches += 1
        answers = [sign(item["input"]) for item in cmd["items"]]
        if mode == "batch-short":
            answers.pop()
        if mode == "batch-two-kinds":
            answers[0]["errored"] = {"message": "and signed"}
        if mode == "batch-errored-later" and batches > 1:
            answer({"seq": seq, "errored": {"message": "no path"}})
        else:
            answer({"seq": seq, "result": {"answers": "none" if mode == "batch-not-array"
                                           else answers}})
    elif name == "sign":
        if mode == "exits-on-sign":
            print("segfault in signer", file=sys.stderr, flush=True)
            sys.exit(139)
        if mode == "log-to-stdout":
            print("signing " + cmd["id"], flush=True)
            continue
        if mode == "errors":
            answer({"seq": seq, "errored": {"message": "HMAC key is empty", "stderr": "trace"}})
        elif mode == "two-answers-kinds":
            answer({"seq": seq, "result": {}, "skipped": {"reason": "both"}})
        else:
            answer({"seq": seq, "skipped": {"reason": "fake adapters do not sign"}})
    elif name == "bench" and mode == "bench-wrong-signature":
        answer({"seq": seq, "result": {"operations": 10, "elapsedNanos": 1000,
                                       "signature": "bm90IHRoZSBzaWduYXR1cmU="}})
    elif name == "stop":
        answer({"seq": seq, "result": {}})
        sys.exit(0)
    else:  # as every sample does: an unknown command (bench, to this adapter) is answered errored
        answer({"seq": seq, "errored": {"message": f"unknown command {name!r}"}})
