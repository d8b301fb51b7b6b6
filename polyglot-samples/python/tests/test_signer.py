"""Unit tests of issuetrak_signer against a few of the kit's vectors (../../fixtures/vectors).

Run from polyglot-samples/python: python3 -m unittest
"""

import base64
import json
import pathlib
import unittest

import issuetrak_signer

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "fixtures" / "vectors"


def vector(family, vector_id):
    vectors = json.loads((VECTORS / f"{family}.json").read_text(encoding="utf-8"))["vectors"]
    return next(v for v in vectors if v["id"] == vector_id)


def body_of(given):
    if "bodyBase64" in given:
        return base64.b64decode(given["bodyBase64"])
    return given["body"].encode("utf-8")


def expected_message(expected):
    if "message" in expected:
        return expected["message"].encode("utf-8")
    return base64.b64decode(expected["messageBase64"])


class SignerVectorTest(unittest.TestCase):
    def assert_signs_like(self, family, vector_id):
        v = vector(family, vector_id)
        given, expected = v["input"], v["expected"]
        signed = issuetrak_signer.sign(given["key"], given["method"], given["requestId"],
                                       given["timestamp"], given["path"], given["query"],
                                       body_of(given))
        self.assertEqual(expected["path"], signed.path)
        self.assertEqual(expected_message(expected), signed.message)
        self.assertEqual(expected["signature"], signed.signature)
        self.assertEqual(list(expected["headers"].items()), list(signed.headers.items()))

    def test_sign_seedGetIssueOnNestedSite_matchesVector(self):
        self.assert_signs_like("seed", "seed-001-get-issue-nested-site")

    def test_sign_bodyThatIsNotUtf8_isSignedAsRawBytes(self):
        self.assert_signs_like("bodies", "bodies-039-latin1-e-acute")

    def test_sign_greekFinalSigmaPath_isLowercasedLikeTheVector(self):
        self.assert_signs_like("paths", "paths-033-greek-final-sigma-folder")

    def test_formatTimestamp_truncatesNanosecondsToSevenDigits(self):
        v = vector("timestamps", "timestamps-001-instant-9-digits")
        instant = issuetrak_signer.parse_instant(v["input"]["instant"])  # ...08.322735199Z
        self.assertEqual(v["input"]["timestamp"], issuetrak_signer.format_timestamp(instant))


class SignerRefusalTest(unittest.TestCase):
    def test_sign_refusesTextBody_becauseTheBytesSentMustBeTheBytesSigned(self):
        with self.assertRaisesRegex(TypeError, "body must be the bytes that are sent"):
            issuetrak_signer.sign("K", "POST", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
                                  "2014-09-10T17:28:08.3227351Z", "/api/v1/notes", "", "{}")

    def test_sign_refusesEmptyKey_withoutShowingAnyKey(self):
        with self.assertRaisesRegex(ValueError, "the API key is empty"):
            issuetrak_signer.compute_signature("", b"message")

    def test_sign_refusesQueryInPath_namingTheValue(self):
        with self.assertRaisesRegex(ValueError, r"path '/api/v1/issues\?x=1' contains '\?'"):
            issuetrak_signer.sign("K", "GET", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
                                  "2014-09-10T17:28:08.3227351Z", "/api/v1/issues?x=1")


if __name__ == "__main__":
    unittest.main()
