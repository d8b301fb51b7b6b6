// Package moduletest checks the sample the way a Go user consumes it: as a module required by
// another module, here through a replace directive pointing at this folder, offline.
package moduletest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const modulePath = "github.com/issuetrak-interop-kit/itk/polyglot-samples/go"

// A program a user writes: it imports the signer and the client, signs the input of the seed
// vector given as JSON on standard input and prints the signature.
const consumer = `package main

import (
	"encoding/json"
	"fmt"
	"os"

	"` + modulePath + `/client"
	"` + modulePath + `/signer"
)

func main() {
	var in struct{ Key, Method, RequestID, Timestamp, Path, Query, Body string }
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	key, err := signer.NewKey(in.Key)
	if err != nil {
		panic(err)
	}
	if _, err := client.New("http://127.0.0.1:8089/api/v1", key); err != nil {
		panic(err)
	}
	signed, err := signer.Sign(key, signer.Request{Method: in.Method, RequestID: in.RequestID,
		Timestamp: in.Timestamp, Path: in.Path, Query: in.Query, Body: []byte(in.Body)})
	if err != nil {
		panic(err)
	}
	fmt.Print(signed.Signature)
}
`

func TestModule_requiredThroughReplace_signsAVector(t *testing.T) {
	sample, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	goMod := "module example.com/consumer\n\ngo 1.19\n\n" +
		"require " + modulePath + " v0.0.0\n\n" +
		"replace " + modulePath + " => " + sample + "\n"
	write(t, filepath.Join(dir, "go.mod"), goMod)
	write(t, filepath.Join(dir, "main.go"), consumer)

	var file struct {
		Vectors []struct {
			ID       string
			Input    json.RawMessage
			Expected struct{ Signature string }
		}
	}
	data, err := os.ReadFile(filepath.Join(sample, "..", "..", "fixtures", "vectors", "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &file); err != nil || len(file.Vectors) == 0 {
		t.Fatalf("seed.json: %v", err)
	}
	vector := file.Vectors[0]

	run := exec.Command("go", "run", ".")
	run.Dir = dir
	// Offline, as a module with no dependencies installs: no proxy, no checksum database, no
	// workspace file of the folders above.
	run.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GONOSUMDB=*", "GOWORK=off", "GOTOOLCHAIN=local")
	run.Stdin = strings.NewReader(string(vector.Input))
	var stderr strings.Builder
	run.Stderr = &stderr
	out, err := run.Output()
	if err != nil {
		t.Fatalf("go run of the consumer module: %v\n%s", err, stderr.String())
	}
	if got := string(out); got != vector.Expected.Signature {
		t.Errorf("%s signed by the consumer module\n  want %s\n  got  %s", vector.ID, vector.Expected.Signature, got)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
