package eval_test

import (
	"fmt"
	"strings"
	"testing"

	"sitrep/internal/eval"
	"sitrep/internal/nlp"
)

func TestTmpQuoteErrors(t *testing.T) {
	docs, err := eval.LoadPolNeAR("/work/shared/bench/polnear/dev")
	if err != nil {
		t.Skip(err)
	}
	fnKinds := map[string]int{}
	for _, d := range docs {
		rs := []rune(d.Text)
		conv := eval.ByteToRune(d.Text)
		var preds []eval.PredAttribution
		for _, at := range nlp.FindAttributions(d.Text) {
			preds = append(preds, eval.PredAttribution{
				Source: eval.RuneSpan{Start: conv(at.Source.Start), End: conv(at.Source.End)},
				Cue:    eval.RuneSpan{Start: conv(at.Cue.Start), End: conv(at.Cue.End)},
				Direct: at.Direct,
			})
		}
		for _, g := range d.Attrs {
			if !g.Direct || g.Source.End <= g.Source.Start {
				continue
			}
			found := false
			var near []string
			for _, p := range preds {
				if !p.Direct {
					continue
				}
				if p.Source == g.Source {
					found = true
				}
				if p.Source.Start < g.Source.End+200 && g.Source.Start < p.Source.End+200 {
					near = append(near, string(rs[p.Source.Start:p.Source.End]))
				}
			}
			if found {
				continue
			}
			kind := "nopred"
			for _, p := range preds {
				if p.Direct && p.Source.Start < g.Source.End && g.Source.Start < p.Source.End {
					kind = "overlap"
				}
			}
			fnKinds[kind]++
			s := max(0, min(g.Source.Start, g.Cue.Start)-80)
			e := min(len(rs), max(g.Source.End, g.Cue.End)+80)
			ctx := strings.ReplaceAll(string(rs[s:e]), "\n", " ")
			fmt.Printf("FN[%s] src=%q cue=%q near=%q\n   ...%s...\n", kind, string(rs[g.Source.Start:g.Source.End]), string(rs[g.Cue.Start:g.Cue.End]), near, ctx)
		}
	}
	fmt.Println(fnKinds)
}
