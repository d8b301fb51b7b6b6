"""issuetrak_client against a local HTTP server that records the exact requests it gets.

The expected bytes are written out here by hand (and the signatures recomputed with ``hmac``
from a message written out by hand), never produced by the code under test.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from issuetrak_client import IssuetrakClient, encode_json, update_issue_body

KEY = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ="
REQUEST_ID = "7f1c6a52-9c1e-4b8e-9a43-0d2f7e1b5c01"
TIMESTAMP = "2014-09-10T17:28:08.3227351Z"
INSTANT = 1410370088322735100


class Recorder(BaseHTTPRequestHandler):
    """Records each request (method, target, headers, body) and answers ``status``."""

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append(
            (self.command, self.path, self.headers, self.rfile.read(length))
        )
        self.send_response(self.server.status)
        self.send_header("Content-Length", "1")
        self.end_headers()
        self.wfile.write(b"7")

    do_GET = do_POST = do_PUT = _record

    def log_message(self, *args) -> None:
        pass


class ClientRequestTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        self.server.requests = []
        self.server.status = 200
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)

    def client(self, site: str = "/NestedSite1/NestedSite2/api/v1") -> IssuetrakClient:
        return IssuetrakClient(
            f"http://127.0.0.1:{self.server.server_port}{site}",
            KEY,
            clock=lambda: INSTANT,
            request_ids=lambda: REQUEST_ID,
        )

    def only_request(self):
        (request,) = self.server.requests
        return request

    def assert_signed(self, headers, message: bytes) -> None:
        expected = base64.b64encode(
            hmac.new(KEY.encode(), message, hashlib.sha512).digest()
        ).decode()
        self.assertEqual(REQUEST_ID, headers["X-Issuetrak-API-Request-ID"])
        self.assertEqual(TIMESTAMP, headers["X-Issuetrak-API-Timestamp"])
        self.assertEqual(expected, headers["X-Issuetrak-API-Authorization"])

    def test_createNote_markupAndOutsideTheBmp_sendsRawUtf8EscapingOnlyQuoteAndBackslash(self):
        note = {
            "IssueNumber": 2,
            "NoteText": '<p>A &amp; B 🚀 — “x”, see "C:\\temp\\log.txt" 𝄞</p>',
            "IsRichText": True,
        }
        self.client().create_note(note)
        method, target, headers, body = self.only_request()
        wanted = (
            '{"IssueNumber":2,'
            '"NoteText":"<p>A &amp; B 🚀 — “x”, see \\"C:\\\\temp\\\\log.txt\\" 𝄞</p>",'
            '"IsRichText":true}'
        ).encode()
        self.assertEqual(("POST", "/NestedSite1/NestedSite2/api/v1/notes"), (method, target))
        self.assertEqual(wanted, body)
        self.assertIn("\U0001f680".encode(), body)  # 4 UTF-8 bytes, no surrogate pair
        self.assertEqual("application/json; charset=utf-8", headers["Content-Type"])
        message = (
            f"POST\n{REQUEST_ID}\n{TIMESTAMP}\n/nestedsite1/nestedsite2/api/v1/notes\n\n".encode()
        )
        self.assert_signed(headers, message + wanted)

    def test_getIssue_mixedCaseSite_sendsThePathAsGivenAndSignsItLowercased(self):
        self.client("/Corp/IT-Support/HelpDesk/api/v1/").get_issue(2, include_notes=True)
        method, target, headers, body = self.only_request()
        self.assertEqual(
            ("GET", "/Corp/IT-Support/HelpDesk/api/v1/issues/true/2"), (method, target)
        )
        self.assertEqual(b"", body)
        self.assertNotIn("Content-Type", headers)
        self.assert_signed(
            headers,
            f"GET\n{REQUEST_ID}\n{TIMESTAMP}\n/corp/it-support/helpdesk/api/v1/issues/true/2\n\n".encode(),
        )

    def test_send_postWithoutBody_sendsNoContentTypeAndReportsTheStatus(self):
        self.server.status = 400
        response = self.client().send("POST", "/issues/search")
        method, target, headers, body = self.only_request()
        self.assertEqual(400, response.status)
        self.assertEqual(b"", body)
        self.assertNotIn("Content-Type", headers)
        self.assert_signed(
            headers,
            f"POST\n{REQUEST_ID}\n{TIMESTAMP}\n/nestedsite1/nestedsite2/api/v1/issues/search\n\n".encode(),
        )

    def test_send_query_isSentAndSignedExactlyAsGiven(self):
        query = "name=Hardware%20%26%20Network&active=true"
        self.client().send("GET", "/issuetypes", query)
        method, target, headers, body = self.only_request()
        self.assertEqual(f"/NestedSite1/NestedSite2/api/v1/issuetypes?{query}", target)
        self.assert_signed(
            headers,
            f"GET\n{REQUEST_ID}\n{TIMESTAMP}\n/nestedsite1/nestedsite2/api/v1/issuetypes\n{query}\n".encode(),
        )

    def test_getIssues_listsTheNumbersInOrderInTheQuery(self):
        self.client().get_issues([3, 1, 2])
        self.assertEqual(
            "/NestedSite1/NestedSite2/api/v1/issues/false/?issueNumbers=3,1,2",
            self.only_request()[1],
        )

    def test_repr_showsNoKey(self):
        self.assertNotIn(KEY, repr(self.client()))


class JsonTest(unittest.TestCase):
    def test_encodeJson_isCompactInOrderAndKeepsSlashAndLessThan(self):
        self.assertEqual(
            b'{"b":"</a>","a":[1,true,null]}', encode_json({"b": "</a>", "a": [1, True, None]})
        )

    def test_updateIssueBody_dropsReadOnlyFieldsAndKeepsTheOrder(self):
        issue = {
            "Metadata": {},
            "IssueNumber": 1,
            "Subject": "old",
            "UserDefinedFields": [{"DisplayName": "x", "Value": "1"}],
            "Unknown": 5,
        }
        body = update_issue_body(issue, {"Subject": "new"})
        self.assertEqual(
            b'{"IssueNumber":1,"Subject":"new","UserDefinedFields":[{"Value":"1"}],"Unknown":5}',
            encode_json(body),
        )
        self.assertIn("Metadata", issue)  # the issue as read is not changed


if __name__ == "__main__":
    unittest.main()
