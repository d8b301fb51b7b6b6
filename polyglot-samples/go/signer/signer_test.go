package signer_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/issuetrak-interop-kit/itk/polyglot-samples/go/signer"
)

// vectorsDir is the kit's vectors, read from the repository (go test runs in the package folder).
var vectorsDir = filepath.Join("..", "..", "..", "fixtures", "vectors")

type vector struct {
	ID     string `json:"id"`
	Result string `json:"result"`
	Input  struct {
		Key        string  `json:"key"`
		Method     string  `json:"method"`
		RequestID  string  `json:"requestId"`
		Timestamp  string  `json:"timestamp"`
		Instant    string  `json:"instant"`
		Path       string  `json:"path"`
		Query      string  `json:"query"`
		Body       *string `json:"body"`
		BodyBase64 *string `json:"bodyBase64"`
	} `json:"input"`
	Expected struct {
		Path           string          `json:"path"`
		Message        *string         `json:"message"`
		MessageBase64  *string         `json:"messageBase64"`
		Signature      string          `json:"signature"`
		Headers        json.RawMessage `json:"headers"`
		TimestampFound string          `json:"timestampInstant"`
	} `json:"expected"`
}

func loadFamily(t *testing.T, family string) []vector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorsDir, family+".json"))
	if err != nil {
		t.Fatalf("reading the %s vectors: %v", family, err)
	}
	var file struct{ Vectors []vector }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("parsing %s.json: %v", family, err)
	}
	return file.Vectors
}

func loadVector(t *testing.T, family, id string) vector {
	t.Helper()
	for _, v := range loadFamily(t, family) {
		if v.ID == id {
			return v
		}
	}
	t.Fatalf("no vector %s in %s.json", id, family)
	return vector{}
}

func (v vector) request(t *testing.T) signer.Request {
	t.Helper()
	body := []byte{}
	switch {
	case v.Input.BodyBase64 != nil:
		b, err := base64.StdEncoding.DecodeString(*v.Input.BodyBase64)
		if err != nil {
			t.Fatalf("%s: bodyBase64: %v", v.ID, err)
		}
		body = b
	case v.Input.Body != nil:
		body = []byte(*v.Input.Body)
	}
	return signer.Request{Method: v.Input.Method, RequestID: v.Input.RequestID,
		Timestamp: v.Input.Timestamp, Path: v.Input.Path, Query: v.Input.Query, Body: body}
}

func (v vector) expectedMessage(t *testing.T) []byte {
	t.Helper()
	if v.Expected.Message != nil {
		return []byte(*v.Expected.Message)
	}
	b, err := base64.StdEncoding.DecodeString(*v.Expected.MessageBase64)
	if err != nil {
		t.Fatalf("%s: messageBase64: %v", v.ID, err)
	}
	return b
}

// expectedHeaders keeps the vector's header order, which is the order the kit sends them in.
func (v vector) expectedHeaders(t *testing.T) []signer.Header {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(v.Expected.Headers))
	var headers []signer.Header
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		name, _ := dec.Token()
		value, _ := dec.Token()
		headers = append(headers, signer.Header{Name: name.(string), Value: value.(string)})
	}
	return headers
}

// Every valid (and acceptable) vector of every family, except that a path with a raw non-ASCII
// character must be refused with an error that says to percent-encode it: the signer lowercases
// ASCII only, since the server's rule for other letters is unknown (docs/scheme.md).
func TestSign_everyVector(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(vectorsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vector files in %s (%v)", vectorsDir, err)
	}
	signed, refused := 0, 0
	for _, file := range files {
		family := strings.TrimSuffix(filepath.Base(file), ".json")
		for _, v := range loadFamily(t, family) {
			if v.Result != "valid" && v.Result != "acceptable" {
				continue
			}
			t.Run(v.ID, func(t *testing.T) {
				key, err := signer.NewKey(v.Input.Key)
				if err != nil {
					t.Fatal(err)
				}
				got, err := signer.Sign(key, v.request(t))
				if strings.IndexFunc(v.Input.Path, func(c rune) bool { return c > 0x7f }) >= 0 {
					refused++
					if err == nil || !strings.Contains(err.Error(), "percent-encode non-ASCII path characters") {
						t.Errorf("Sign(%q) = %v, error %v; want it refused, saying to percent-encode", v.Input.Path, got.Path, err)
					}
					return
				}
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				signed++
				wantMessage := v.expectedMessage(t)
				wantHeaders := v.expectedHeaders(t)
				if got.Path != v.Expected.Path || !bytes.Equal(got.Message, wantMessage) ||
					got.Signature != v.Expected.Signature || fmt.Sprint(got.Headers[:]) != fmt.Sprint(wantHeaders) {
					// Every stage on aligned lines, so that the first one to differ is plain to see.
					t.Errorf("%s differs:\n"+
						"  path       want %q\n             got  %q\n"+
						"  message    want %q\n             got  %q\n"+
						"  signature  want %s\n             got  %s\n"+
						"  headers    want %v\n             got  %v",
						v.ID, v.Expected.Path, got.Path, wantMessage, got.Message,
						v.Expected.Signature, got.Signature, wantHeaders, got.Headers)
				}
			})
		}
	}
	// Guards against a vector folder that silently lost its vectors or its non-ASCII paths.
	if signed < 200 || refused == 0 {
		t.Errorf("signed %d vectors and refused %d; expected at least 200 signed and some refused", signed, refused)
	}
	t.Logf("signed %d vectors, refused %d with a raw non-ASCII path", signed, refused)
}

// The worked example of docs/scheme.md, written out rather than read, so the document and the
// code cannot drift apart silently.
func TestSign_docsWorkedExample(t *testing.T) {
	key, err := signer.NewKey("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=")
	if err != nil {
		t.Fatal(err)
	}
	got, err := signer.Sign(key, signer.Request{
		Method:    "GET",
		RequestID: "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
		Timestamp: "2014-09-10T17:28:08.3227351Z",
		Path:      "/NestedSite1/NestedSite2/api/v1/issues/false/1",
	})
	if err != nil {
		t.Fatal(err)
	}
	wantMessage := "GET\nc3838d04-46f8-43d6-92fd-62b3d0b59f3e\n2014-09-10T17:28:08.3227351Z\n" +
		"/nestedsite1/nestedsite2/api/v1/issues/false/1\n\n"
	const wantSignature = "f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ=="
	if string(got.Message) != wantMessage || len(got.Message) != 118 {
		t.Errorf("message\n  want %q (118 bytes)\n  got  %q (%d bytes)", wantMessage, got.Message, len(got.Message))
	}
	if got.Signature != wantSignature {
		t.Errorf("signature\n  want %s\n  got  %s", wantSignature, got.Signature)
	}
	wantHeaders := [3]signer.Header{
		{Name: "X-Issuetrak-API-Request-ID", Value: "c3838d04-46f8-43d6-92fd-62b3d0b59f3e"},
		{Name: "X-Issuetrak-API-Timestamp", Value: "2014-09-10T17:28:08.3227351Z"},
		{Name: "X-Issuetrak-API-Authorization", Value: wantSignature},
	}
	if got.Headers != wantHeaders {
		t.Errorf("headers\n  want %v\n  got  %v", wantHeaders, got.Headers)
	}
}

func TestFormatTimestamp_truncatesToSevenDigits(t *testing.T) {
	tests := []struct{ family, id string }{
		{"timestamps", "timestamps-001-instant-9-digits"},
		{"timestamps", "timestamps-002-instant-8-digits-all-nines"},
		{"timestamps", "timestamps-008-instant-below-one-tick"},
		{"timestamps", "timestamps-013-just-before-epoch"},
		{"timestamps", "timestamps-017-year-0001"},
		{"timestamps", "timestamps-018-year-9999"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			v := loadVector(t, tt.family, tt.id)
			instant, err := time.Parse(time.RFC3339Nano, v.Input.Instant)
			if err != nil {
				t.Fatal(err)
			}
			got, err := signer.FormatTimestamp(instant)
			if err != nil || got != v.Input.Timestamp {
				t.Errorf("FormatTimestamp(%s)\n  want %s\n  got  %s (error %v)", v.Input.Instant, v.Input.Timestamp, got, err)
			}
		})
	}
}

func TestSign_refusesAmbiguousFields_namingTheFieldAndValue(t *testing.T) {
	valid := signer.Request{Method: "GET", RequestID: "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
		Timestamp: "2014-09-10T17:28:08.3227351Z", Path: "/api/v1/issues/false/1"}
	tests := []struct {
		name   string
		change func(*signer.Request)
		want   string
	}{
		{"method not a token", func(r *signer.Request) { r.Method = "G T" }, `method "G T" is not an HTTP token`},
		{"request ID not a UUID", func(r *signer.Request) { r.RequestID = "1" }, `request ID "1" is not a UUID`},
		{"timestamp with 8 digits", func(r *signer.Request) { r.Timestamp = "2014-09-10T17:28:08.32273510Z" }, "is not yyyy-MM-ddTHH:mm:ss.fffffffZ"},
		{"timestamp on a day that does not exist", func(r *signer.Request) { r.Timestamp = "2014-02-30T17:28:08.3227351Z" }, "is not a date and time that exists"},
		{"query in the path", func(r *signer.Request) { r.Path = "/api/v1/issues?x=1" }, `path "/api/v1/issues?x=1" contains '?'`},
		{"relative path", func(r *signer.Request) { r.Path = "api/v1" }, "does not start with /"},
		{"LF in the query", func(r *signer.Request) { r.Query = "a=1\nb=2" }, "contains CR or LF"},
	}
	key, _ := signer.NewKey("K")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid
			tt.change(&r)
			_, err := signer.Sign(key, r)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Sign error = %v; want one containing %q", err, tt.want)
			}
		})
	}
}

func TestKey_neverPrintsTheKey(t *testing.T) {
	const text = "dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ="
	key, err := signer.NewKey(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(format, key); strings.Contains(out, text) || !strings.Contains(out, "sha256:") {
			t.Errorf("fmt %s of a key = %q; want its fingerprint only", format, out)
		}
	}
	if _, err := signer.NewKey(""); err == nil || !strings.Contains(err.Error(), "the API key is empty") {
		t.Errorf("NewKey(\"\") error = %v; want the key is empty", err)
	}
}
