package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

const benchDir = "../../../shared/bench"

func loadBench(t testing.TB) *ExtractionBench {
	t.Helper()
	dir := filepath.Join(benchDir, "article-extraction")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("article-extraction benchmark not found at %s (ships with ../shared; skipping)", dir)
	}
	eb, err := LoadExtractionBench(dir)
	if err != nil {
		t.Fatal(err)
	}
	return eb
}

func TestTokens(t *testing.T) {
	got := fmt.Sprint(Tokens("Hello, wörld! 42_x — Киев’s 東京"))
	if want := "[Hello wörld 42_x Киев s 東京]"; got != want {
		t.Errorf("Tokens = %s, want %s", got, want)
	}
}

func TestScoreDoc(t *testing.T) {
	d := ScoreDoc("x", "a b c d e", "a b c d e")
	if !d.Exact || d.FP != 0 || d.FN != 0 {
		t.Errorf("identical texts: %+v", d)
	}
	d = ScoreDoc("x", "a b c d e", "")
	if d.TP != 0 || d.FN != 1 {
		t.Errorf("empty prediction: %+v", d)
	}
	m := Aggregate([]DocScore{d, ScoreDoc("y", "a b c d e", "a b c d e")})
	// The empty prediction is left out of precision but counts 0 in recall.
	if m.Precision != 1 || m.Recall != 0.5 {
		t.Errorf("aggregate = %+v", m)
	}
	// Short texts form a single shingle.
	if d := ScoreDoc("z", "a b", "a b"); !d.Exact || d.TP != 1 {
		t.Errorf("short text: %+v", d)
	}
}

// The scorer must reproduce the published figures exactly (SOURCE.md).
func TestReferenceOutputs(t *testing.T) {
	eb := loadBench(t)
	want := map[string][4]float64{ // F1, P, R, accuracy
		"go_trafilatura":  {0.960, 0.940, 0.980, 0.287},
		"trafilatura":     {0.958, 0.938, 0.978, 0.293},
		"html-text":       {0.665, 0.500, 0.994, 0.000},
		"readability_js":  {0.947, 0.914, 0.982, 0.166},
		"go_domdistiller": {0.927, 0.901, 0.956, 0.061},
	}
	for name, w := range want {
		pred, err := LoadPredictions(filepath.Join(eb.Dir, "reference-outputs", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		m := Aggregate(eb.ScorePredictions(pred))
		got := [4]float64{m.F1, m.Precision, m.Recall, m.Accuracy}
		for i := range got {
			if fmt.Sprintf("%.3f", got[i]) != fmt.Sprintf("%.3f", w[i]) {
				t.Errorf("%s: got F1/P/R/acc %.3f/%.3f/%.3f/%.3f, published %.3f/%.3f/%.3f/%.3f",
					name, got[0], got[1], got[2], got[3], w[0], w[1], w[2], w[3])
				break
			}
		}
	}
}
