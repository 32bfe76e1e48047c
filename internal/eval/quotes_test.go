package eval

import (
	"strings"
	"testing"
)

// The missed direct-quote sources name the gold span and the predicted one
// over it; an exact match is not listed, nor a prediction that is no
// direct quote.
func TestMissedDirectSources(t *testing.T) {
	text := `"We will rebuild," said Mayor Anna Holm, who leads the council. "Not now," Holm added.`
	r := func(s string) RuneSpan {
		i := strings.Index(text, s)
		return RuneSpan{Start: len([]rune(text[:i])), End: len([]rune(text[:i+len(s)]))}
	}
	holm := RuneSpan{Start: r("Holm added").Start, End: r("Holm added").Start + len("Holm")}
	docs := []QuoteDoc{{Name: "d", Text: text, Attrs: []GoldAttribution{
		{Source: r("Mayor Anna Holm, who leads the council"), Direct: true},
		{Source: holm, Direct: true},
	}}}
	preds := [][]PredAttribution{{
		{Source: r("Mayor Anna Holm"), Direct: true},
		{Source: holm, Direct: true},
		{Source: r("the council"), Direct: false},
	}}
	got := MissedDirectSources(docs, preds)
	if len(got) != 1 || got[0].Gold != "Mayor Anna Holm, who leads the council" || got[0].Pred != "Mayor Anna Holm" {
		t.Errorf("missed %+v", got)
	}
	preds[0] = append(preds[0], PredAttribution{Source: r("We will"), Direct: true})
	if got := MissedDirectSources(docs, preds); len(got) != 2 || got[1].Gold != "" || got[1].Pred != "We will" {
		t.Errorf("a prediction matching no gold source: %+v", got)
	}
}
