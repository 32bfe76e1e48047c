package eval

import (
	"sort"

	"sitrep/internal/nlp/ner"
)

// PRF holds entity counts and the figures derived from them.
type PRF struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func (p *PRF) finish() {
	if p.TP+p.FP > 0 {
		p.Precision = float64(p.TP) / float64(p.TP+p.FP)
	}
	if p.TP+p.FN > 0 {
		p.Recall = float64(p.TP) / float64(p.TP+p.FN)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// NERScore is conlleval-style exact-span scoring, micro-averaged.
type NERScore struct {
	Overall PRF
	PerType map[string]*PRF
}

// Types lists the entity types scored, sorted.
func (s NERScore) Types() []string {
	var ts []string
	for t := range s.PerType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// ScoreNER compares predicted IOB2 labels with gold ones, sentence by
// sentence: an entity counts only when its span and type match exactly.
func ScoreNER(gold, pred [][]string) NERScore {
	s := NERScore{PerType: map[string]*PRF{}}
	get := func(t string) *PRF {
		if s.PerType[t] == nil {
			s.PerType[t] = &PRF{}
		}
		return s.PerType[t]
	}
	for i := range gold {
		g := map[ner.Span]bool{}
		for _, sp := range ner.Spans(gold[i]) {
			g[sp] = true
		}
		p := map[ner.Span]bool{}
		for _, sp := range ner.Spans(pred[i]) {
			p[sp] = true
		}
		for sp := range p {
			if g[sp] {
				s.Overall.TP++
				get(sp.Type).TP++
			} else {
				s.Overall.FP++
				get(sp.Type).FP++
			}
		}
		for sp := range g {
			if !p[sp] {
				s.Overall.FN++
				get(sp.Type).FN++
			}
		}
	}
	s.Overall.finish()
	for _, v := range s.PerType {
		v.finish()
	}
	return s
}
