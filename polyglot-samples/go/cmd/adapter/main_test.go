package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedVector is the first vector of the kit's seed family, read from the repository.
type seedVector struct {
	ID       string          `json:"id"`
	Input    json.RawMessage `json:"input"`
	Expected struct {
		Signature string `json:"signature"`
	} `json:"expected"`
}

func firstSeedVector(t *testing.T) seedVector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "fixtures", "vectors", "seed.json"))
	if err != nil {
		t.Fatalf("reading the seed vectors: %v", err)
	}
	var file struct{ Vectors []seedVector }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	return file.Vectors[0]
}

// answersTo feeds lines to serve, as the harness does, and decodes each answer line.
func answersTo(t *testing.T, lines ...string) []map[string]json.RawMessage {
	t.Helper()
	var out, log bytes.Buffer
	if status := serve(strings.NewReader(strings.Join(lines, "\n")+"\n"), &out, &log); status != 0 {
		t.Fatalf("serve exited %d; log:\n%s", status, log.String())
	}
	if out.Len() == 0 {
		t.Fatalf("serve answered nothing; log:\n%s", log.String())
	}
	var answers []map[string]json.RawMessage
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("answer %q: %v", line, err)
		}
		answers = append(answers, a)
	}
	return answers
}

func TestSignBatch_signsOneItem_andAnswersTheMalformedOneErroredInItsPlace(t *testing.T) {
	seed := firstSeedVector(t)
	var malformed map[string]any
	if err := json.Unmarshal(seed.Input, &malformed); err != nil {
		t.Fatal(err)
	}
	malformed["path"] = "api/v1/issues/false/1"
	bad, _ := json.Marshal(malformed)
	var good bytes.Buffer // one line, as the harness sends it
	if err := json.Compact(&good, seed.Input); err != nil {
		t.Fatal(err)
	}
	batch := `{"seq":9,"cmd":"signBatch","items":[{"id":"no-leading-slash","input":` + string(bad) +
		`},{"id":"` + seed.ID + `","input":` + good.String() + `}]}`

	answers := answersTo(t, batch)

	var result struct {
		Answers []struct {
			Result  *struct{ Signature string } `json:"result"`
			Errored *struct{ Message string }   `json:"errored"`
		} `json:"answers"`
	}
	if err := json.Unmarshal(answers[0]["result"], &result); err != nil || len(result.Answers) != 2 {
		t.Fatalf("signBatch answered %s (%v); want a result with two answers", answers[0]["result"], err)
	}
	first, second := result.Answers[0], result.Answers[1]
	if first.Result != nil || first.Errored == nil || !strings.Contains(first.Errored.Message, "does not start with /") {
		t.Errorf("the malformed item was answered %+v; want errored, saying the path does not start with /", first)
	}
	if second.Errored != nil || second.Result == nil || second.Result.Signature != seed.Expected.Signature {
		t.Errorf("%s was answered %+v; want the signature %s", seed.ID, second, seed.Expected.Signature)
	}
}

func TestUnknownCommand_isAnsweredErrored_listingSignBatch(t *testing.T) {
	answers := answersTo(t, `{"seq":1,"cmd":"dance"}`)

	if got := string(answers[0]["errored"]); !strings.Contains(got, `unknown command \"dance\"; expected start, sign, signBatch,`) {
		t.Errorf("errored is %s; want the unknown command named and signBatch listed", got)
	}
}
