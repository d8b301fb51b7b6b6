"""adapter.main speaking the runner protocol (docs/runner-protocol.md) over in-memory streams."""

from __future__ import annotations

import io
import json
import unittest
from pathlib import Path

import adapter

SCENARIOS = [
    "get-issue",
    "update-issue",
    "create-issue",
    "create-note",
    "get-note",
    "get-issues-by-number-list",
    "get-issue-notes",
    "search-issues",
    "create-note-markup",
    "get-issue-mixed-case-site",
    "empty-body-post",
    "lookup-issue-types",
]


VECTORS = Path(__file__).resolve().parents[3] / "fixtures" / "vectors"


def answers_to(*commands: dict) -> list[dict]:
    out = io.BytesIO()
    lines = [json.dumps(c).encode() + b"\n" for c in commands]
    adapter.main(lines, out, io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


class AdapterTest(unittest.TestCase):
    def test_start_listsAllTwelveScenarios(self):
        (answer,) = answers_to({"seq": 0, "cmd": "start", "protocolVersion": 1})
        self.assertEqual(0, answer["seq"])
        self.assertCountEqual(SCENARIOS, answer["result"]["scenarios"])

    def test_sign_rawNonAsciiPath_isAnsweredErroredSayingWhatToDo(self):
        given = {
            "key": "K",
            "method": "GET",
            "requestId": "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
            "timestamp": "2014-09-10T17:28:08.3227351Z",
            "path": "/api/v1/Café",
            "query": "",
            "body": "",
        }
        (answer,) = answers_to({"seq": 4, "cmd": "sign", "id": "x", "input": given})
        self.assertEqual(4, answer["seq"])
        self.assertIn("percent-encode non-ASCII path characters", answer["errored"]["message"])
        self.assertNotIn("stderr", answer["errored"])  # a refusal, not a crash: no stack trace

    def test_signBatch_signsOneItem_andAnswersTheRefusedOneErroredInItsPlace(self):
        seed = json.loads((VECTORS / "seed.json").read_text(encoding="utf-8"))["vectors"][0]
        refused = {**seed["input"], "path": "/api/v1/Café"}
        items = [{"id": "refused", "input": refused}, {"id": seed["id"], "input": seed["input"]}]
        (answer,) = answers_to({"seq": 9, "cmd": "signBatch", "items": items})
        self.assertEqual(9, answer["seq"])
        first, second = answer["result"]["answers"]
        self.assertEqual(["errored"], list(first))
        self.assertIn("percent-encode non-ASCII path characters", first["errored"]["message"])
        self.assertEqual(seed["expected"]["signature"], second["result"]["signature"])

    def test_unknownCommand_isAnsweredErroredNamingIt(self):
        (answer,) = answers_to({"seq": 1, "cmd": "dance"})
        self.assertIn("unknown command 'dance'", answer["errored"]["message"])
        self.assertIn("signBatch", answer["errored"]["message"])


if __name__ == "__main__":
    unittest.main()
