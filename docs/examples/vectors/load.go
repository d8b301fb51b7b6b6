package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// The fields used here; add those of "input" to sign it.
type vector struct {
	ID       string `json:"id"`
	Result   string `json:"result"`
	Expected struct {
		Signature string `json:"signature"`
	} `json:"expected"`
}

func main() {
	data, err := os.ReadFile("testdata/itk-vectors/vectors/seed.json")
	if err != nil {
		panic(err)
	}
	var family struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &family); err != nil {
		panic(err)
	}
	for _, v := range family.Vectors {
		if v.Result == "valid" {
			// Sign the vector's input and compare with v.Expected.
			fmt.Println(v.ID, v.Expected.Signature)
		}
	}
}
