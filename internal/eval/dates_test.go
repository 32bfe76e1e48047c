package eval

import (
	"os"
	"path/filepath"
	"testing"
)

func TestScoreDate(t *testing.T) {
	var r DateRun
	r.ScoreDate("2020-01-02", "2020-01-02")
	r.ScoreDate("2020-01-02", "2020-01-03")
	r.ScoreDate("2020-01-02", "")
	r.ScoreDate("", "")
	r.finish()
	if r.TP != 1 || r.FP != 1 || r.FN != 2 || r.TN != 1 || r.N != 4 {
		t.Fatalf("counts %+v", r)
	}
	if r.Accuracy != 0.5 || r.Precision != 0.5 {
		t.Errorf("figures %+v", r)
	}
}

func TestLoadDateBench(t *testing.T) {
	dir := filepath.Join(benchDir, "htmldate")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("htmldate benchmark not found at %s (ships with ../shared; skipping)", dir)
	}
	cases, err := LoadDateBench(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1000 {
		t.Errorf("got %d cases, want 1000", len(cases))
	}
	nan, missing := 0, 0
	for _, c := range cases {
		if c.Gold == "" {
			nan++
		}
		if c.File == "" {
			missing++
		}
	}
	if nan != 5 || missing != 0 {
		t.Errorf("NaN labels %d (want 5), missing files %d (want 0)", nan, missing)
	}
}
