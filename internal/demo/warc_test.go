package demo

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated files")

func TestDemoWARC(t *testing.T) {
	page, err := os.ReadFile("testdata/odesa-daily.html")
	if err != nil {
		t.Fatal(err)
	}
	uri := "https://odesadaily.example/war/2024/03/14/warehouse-strike"
	want := BuildWARC(map[string][]byte{uri: page}, []string{uri})
	const path = "corpus/odesa-daily.warc"
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale; run go test ./internal/demo -run TestDemoWARC -update", path)
	}
}
