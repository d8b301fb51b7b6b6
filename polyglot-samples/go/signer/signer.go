// Package signer signs Issuetrak API v1 requests with HMAC-SHA512, as docs/scheme.md specifies.
//
// It is pure: no network, no clock, no randomness. The request ID and the timestamp are inputs,
// and each stage of signing (the lowercased path, the canonical message, the signature, the
// headers) is a value a test can compare:
//
//	key, _ := signer.NewKey("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=")
//	signed, err := signer.Sign(key, signer.Request{
//		Method:    "GET",
//		RequestID: "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
//		Timestamp: "2014-09-10T17:28:08.3227351Z",
//		Path:      "/NestedSite1/NestedSite2/api/v1/issues/false/1",
//	})
//	// signed.Message:   "GET\nc3838d04-...\n2014-...Z\n/nestedsite1/nestedsite2/api/v1/issues/false/1\n\n"
//	// signed.Signature: "f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ=="
package signer

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The three signing headers, spelled as the kit sends them (names are case-insensitive).
const (
	RequestIDHeader     = "X-Issuetrak-API-Request-ID"
	TimestampHeader     = "X-Issuetrak-API-Timestamp"
	AuthorizationHeader = "X-Issuetrak-API-Authorization"
)

// Key is an API key: its text's UTF-8 bytes are the HMAC key, never base64-decoded, never trimmed.
// It prints as its fingerprint only ("sha256:" and 16 hex digits), never as the key.
type Key struct {
	text []byte
}

// NewKey checks an API key's text exactly as Issuetrak issued it: it must be non-empty UTF-8.
func NewKey(text string) (Key, error) {
	if text == "" {
		return Key{}, errors.New("the API key is empty; give the key text exactly as Issuetrak issued it")
	}
	if !utf8.ValidString(text) {
		i := invalidUTF8At(text)
		return Key{}, fmt.Errorf("the API key is not valid UTF-8 (byte %d); the key must be text", i)
	}
	return Key{text: []byte(text)}, nil
}

// Fingerprint is "sha256:" and the first 16 hex digits of the SHA-256 of the key's bytes, e.g.
// "sha256:5b0e3f1c0e9a7b2d": what logs and errors show instead of the key.
func (k Key) Fingerprint() string {
	sum := sha256.Sum256(k.text)
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// String is the fingerprint, so that a key printed by mistake (%v, %s, %+v) shows no secret.
func (k Key) String() string { return "Key(" + k.Fingerprint() + ")" }

// GoString is the fingerprint too, for %#v.
func (k Key) GoString() string { return k.String() }

// Request is what is signed of one HTTP request.
type Request struct {
	// Method is the HTTP method exactly as sent, e.g. "GET"; its case is never changed.
	Method string
	// RequestID is the X-Issuetrak-API-Request-ID value, a UUID such as "c3838d04-46f8-43d6-92fd-62b3d0b59f3e".
	RequestID string
	// Timestamp is the X-Issuetrak-API-Timestamp value, signed as given, e.g. "2014-09-10T17:28:08.3227351Z".
	Timestamp string
	// Path is the raw URL path as sent, e.g. "/Site/api/v1/issues/false/1"; Sign lowercases it.
	Path string
	// Query is the raw query without "?", signed verbatim, e.g. "issueNumbers=1,2"; "" for none.
	Query string
	// Body is the exact bytes sent; nil or empty for none.
	Body []byte
}

// Header is one signing header, a name and its value.
type Header struct {
	Name, Value string
}

// Signed holds every stage of signing one request. It holds no key.
type Signed struct {
	// Path is the path as signed: lowercased, e.g. "/site/api/v1/issues/false/1".
	Path string
	// Message is the exact bytes signed (the canonical message).
	Message []byte
	// Signature is the standard, padded base64 of the HMAC-SHA512 of Message: 88 characters.
	Signature string
	// Headers are the three signing headers in the order the kit sends them.
	Headers [3]Header
}

// Sign builds the canonical message of r, signs it with key and returns every stage.
func Sign(key Key, r Request) (Signed, error) {
	message, err := CanonicalMessage(r)
	if err != nil {
		return Signed{}, err
	}
	signature, err := Signature(key, message)
	if err != nil {
		return Signed{}, err
	}
	return Signed{
		Path:      CanonicalPath(r.Path),
		Message:   message,
		Signature: signature,
		Headers: [3]Header{
			{RequestIDHeader, r.RequestID},
			{TimestampHeader, r.Timestamp},
			{AuthorizationHeader, signature},
		},
	}, nil
}

// Signature is the standard base64 (padded, 88 characters) of HMAC-SHA512 keyed with the key
// text's UTF-8 bytes, over message.
func Signature(key Key, message []byte) (string, error) {
	if len(key.text) == 0 {
		return "", errors.New("the API key is empty (a zero Key); make one with signer.NewKey")
	}
	mac := hmac.New(sha512.New, key.text)
	mac.Write(message)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

var (
	// RFC 9110 token characters.
	tokenPattern = regexp.MustCompile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$")
	uuidPattern  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// The canonical form and the variants the kit's verifier accepts (docs/scheme.md#timestamp).
	timestampPattern = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,7})?(?:Z|[+-]([0-9]{2}):([0-9]{2}))$`)
)

// CanonicalMessage is the bytes to sign: method LF requestId LF timestamp LF lower(path) LF query
// LF, then the body's bytes unchanged. It refuses, naming the field and the value, a field that
// would make the message ambiguous or that no HTTP server would hand over.
func CanonicalMessage(r Request) ([]byte, error) {
	if err := check(r); err != nil {
		return nil, err
	}
	path := CanonicalPath(r.Path)
	var b bytes.Buffer
	b.Grow(len(r.Method) + len(r.RequestID) + len(r.Timestamp) + len(path) + len(r.Query) + 5 + len(r.Body))
	for _, field := range [...]string{r.Method, r.RequestID, r.Timestamp, path, r.Query} {
		b.WriteString(field)
		b.WriteByte('\n')
	}
	b.Write(r.Body)
	return b.Bytes(), nil
}

func check(r Request) error {
	if !tokenPattern.MatchString(r.Method) {
		return fmt.Errorf("method %q is not an HTTP token (RFC 9110: letters, digits and !#$%%&'*+-.^_`|~, at least one); send and sign e.g. \"GET\"", r.Method)
	}
	if !uuidPattern.MatchString(r.RequestID) {
		return fmt.Errorf("request ID %q is not a UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)", r.RequestID)
	}
	if err := checkTimestamp(r.Timestamp); err != nil {
		return err
	}
	if !strings.HasPrefix(r.Path, "/") {
		return fmt.Errorf("path %q does not start with /; sign the URL's path as sent", r.Path)
	}
	if i := strings.IndexFunc(r.Path, func(c rune) bool { return c == '?' || c == '#' || c < 0x20 || c == 0x7f }); i >= 0 {
		return fmt.Errorf("path %q contains %q at byte %d; a path has no '?', '#' or control character (the query is its own field)", r.Path, r.Path[i], i)
	}
	if !utf8.ValidString(r.Path) {
		return fmt.Errorf("path %q is not valid UTF-8 (byte %d)", r.Path, invalidUTF8At(r.Path))
	}
	if i := strings.IndexFunc(r.Path, func(c rune) bool { return c >= utf8.RuneSelf }); i >= 0 {
		c, _ := utf8.DecodeRuneInString(r.Path[i:])
		return fmt.Errorf("path %q has the raw non-ASCII character %q at byte %d; percent-encode non-ASCII path characters as UTF-8 (%q is %s) before signing and sending: how the server lowercases them is unknown (docs/scheme.md)",
			r.Path, c, i, c, url.PathEscape(string(c)))
	}
	if strings.ContainsAny(r.Query, "\r\n") {
		return fmt.Errorf("query %q contains CR or LF, which would make the message ambiguous", r.Query)
	}
	if !utf8.ValidString(r.Query) {
		return fmt.Errorf("query %q is not valid UTF-8 (byte %d)", r.Query, invalidUTF8At(r.Query))
	}
	return nil
}

func checkTimestamp(ts string) error {
	m := timestampPattern.FindStringSubmatch(ts)
	if m == nil {
		return fmt.Errorf("timestamp %q is not yyyy-MM-ddTHH:mm:ss.fffffffZ (or a variant: 0 to 7 fractional digits, Z or an offset +HH:MM); e.g. 2014-09-10T17:28:08.3227351Z", ts)
	}
	n := make([]int, len(m))
	for i := 1; i < len(m); i++ {
		n[i], _ = strconv.Atoi(m[i]) // digits only, by the pattern; "" (no offset) is 0
	}
	year, month, day, hour, minute, second := n[1], n[2], n[3], n[4], n[5], n[6]
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC)
	if year < 1 || t.Year() != year || int(t.Month()) != month || t.Day() != day || hour > 23 || minute > 59 || second > 59 {
		return fmt.Errorf("timestamp %q is not a date and time that exists", ts)
	}
	if n[7] > 14 || n[8] > 59 {
		return fmt.Errorf("timestamp %q has an offset beyond +/-14:59 (hours at most 14, minutes at most 59)", ts)
	}
	return nil
}

// CanonicalPath is the path as signed: its ASCII letters lowercased, whatever the locale
// ("/NestedSite1/api/v1" becomes "/nestedsite1/api/v1"). Sign refuses a path with a raw
// non-ASCII character, whose lowercasing by the server is unknown: percent-encode it first
// ("/Büro" is "/B%C3%BCro", signed as "/b%c3%bcro").
func CanonicalPath(path string) string {
	return strings.Map(func(c rune) rune {
		if 'A' <= c && c <= 'Z' {
			return c + ('a' - 'A')
		}
		return c
	}, path)
}

// FormatTimestamp is the timestamp header for t: UTC, yyyy-MM-ddTHH:mm:ss.fffffffZ, seven
// fractional digits, truncated to 100 ns (the .NET tick), never rounded:
// 2014-09-10T17:28:08.322735199Z becomes "2014-09-10T17:28:08.3227351Z".
func FormatTimestamp(t time.Time) (string, error) {
	u := t.UTC()
	if u.Year() < 1 || u.Year() > 9999 {
		return "", fmt.Errorf("instant %s is outside years 0001-9999, which the timestamp form cannot write", u.Format(time.RFC3339Nano))
	}
	// time.Format's ".0000000" would do, but it is written out so that truncation is plain to see.
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%07dZ",
		u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), u.Nanosecond()/100), nil
}

func invalidUTF8At(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}
