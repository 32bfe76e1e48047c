package eval

import "testing"

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
