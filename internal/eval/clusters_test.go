package eval

import (
	"os"
	"path/filepath"
	"sitrep/internal/model"
	"testing"
)

func TestScorePairs(t *testing.T) {
	gold := ClusterLabels{"a": {"x"}, "b": {"x"}, "c": {"y"}, "d": {}}
	pred := map[string][]string{"a": {"1"}, "b": {"1"}, "c": {"1"}, "d": nil, "e": {"1"}}
	s := ScorePairs(gold, pred)
	// Gold pairs: a-b. Predicted among labelled: a-b, a-c, b-c.
	if s.GoldPairs != 1 || s.PredPairs != 3 || s.Both != 1 || s.Recall != 1 || s.Precision != 1.0/3 {
		t.Errorf("scores %+v", s)
	}
	if len(s.Unlabelled) != 1 || s.Unlabelled[0] != "e" {
		t.Errorf("unlabelled %v", s.Unlabelled)
	}
	for _, name := range []string{"demo", "seeds"} {
		if l, err := BuiltinLabels(name); err != nil || len(l) == 0 {
			t.Errorf("built-in labels %s: %v", name, err)
		}
	}
}

// The gva-dev gold maps a file name without extensions to one incident.
func TestLabelsOneIncidentPerFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "gold.json")
	if err := os.WriteFile(p, []byte(`{"abc": "668407", "def": "668407", "ghi": ["1", "2"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := LoadClusterLabels(p)
	if err != nil {
		t.Fatal(err)
	}
	arts := []model.Article{{ID: 1, Path: "/p/abc.html.gz"}, {ID: 2, Path: "/p/def.html.gz"}, {ID: 3, Path: "/p/ghi.html"}}
	incs := []model.Incident{{ID: "i", Articles: []model.IncidentArticle{{ID: 1}, {ID: 2}}}}
	if s := ScoreIncidents(l, arts, incs); s.GoldPairs != 1 || s.Both != 1 || s.Precision != 1 || len(s.Unlabelled) != 0 {
		t.Errorf("score %+v", s)
	}
	if err := os.WriteFile(p, []byte(`{"abc": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadClusterLabels(p); err == nil {
		t.Error("a number label was accepted")
	}
}
