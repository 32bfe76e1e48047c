package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// RuneSpan is a [Start, End) range in code points, as brat writes offsets.
type RuneSpan struct{ Start, End int }

// GoldAttribution is one PolNeAR attribution.
type GoldAttribution struct {
	Source, Cue RuneSpan
	Content     []RuneSpan // discontinuous contents have several fragments
	Direct      bool       // the content opens with a quotation mark
}

// QuoteDoc is one PolNeAR article with one annotator's attributions.
type QuoteDoc struct {
	Name  string
	Text  string
	Attrs []GoldAttribution
}

// LoadPolNeAR reads dir/text/*.txt and, for each, the first annotator's
// .ann in dir/attributions (SOURCE.md: one .ann per article, or articles
// annotated several times count several times).
func LoadPolNeAR(dir string) ([]QuoteDoc, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil || len(texts) == 0 {
		return nil, fmt.Errorf("polnear: no texts in %s", dir)
	}
	sort.Strings(texts)
	var docs []QuoteDoc
	for _, tp := range texts {
		name := strings.TrimSuffix(filepath.Base(tp), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, "attributions", name+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		b, err := os.ReadFile(tp)
		if err != nil {
			return nil, err
		}
		attrs, err := readAnn(anns[0], []rune(string(b)))
		if err != nil {
			return nil, err
		}
		docs = append(docs, QuoteDoc{Name: name, Text: string(b), Attrs: attrs})
	}
	return docs, nil
}

func readAnn(path string, text []rune) ([]GoldAttribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string][]RuneSpan{}
	var events []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			continue // continuation of a multi-line record (SOURCE.md quirk 1)
		}
		switch {
		case strings.HasPrefix(line, "T"):
			parts := strings.SplitN(fields[1], " ", 2)
			if len(parts) != 2 {
				continue
			}
			var frags []RuneSpan
			for _, fr := range strings.Split(parts[1], ";") {
				se := strings.Fields(fr)
				if len(se) != 2 {
					continue
				}
				s, _ := strconv.Atoi(se[0])
				e, _ := strconv.Atoi(se[1])
				frags = append(frags, RuneSpan{s, e})
			}
			spans[fields[0]] = frags
		case strings.HasPrefix(line, "E"):
			events = append(events, fields[1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []GoldAttribution
	for _, ev := range events {
		var g GoldAttribution
		for _, arg := range strings.Fields(ev) {
			role, id, ok := strings.Cut(arg, ":")
			if !ok || len(spans[id]) == 0 {
				continue
			}
			switch {
			case role == "Source":
				g.Source = spans[id][0]
			case role == "Cue":
				g.Cue = spans[id][0]
			case strings.HasPrefix(role, "Content"):
				g.Content = append(g.Content, spans[id]...)
			}
		}
		if len(g.Content) > 0 {
			// A direct quote: the content opens with a quotation mark, or
			// right after one (annotators differ on including the mark).
			c := g.Content[0]
			for _, k := range []int{c.Start, c.Start - 1, c.Start - 2} {
				if k >= 0 && k < len(text) && isQuoteRune(text[k]) {
					g.Direct = true
					break
				}
				if k < c.Start && k >= 0 && text[k] != ' ' {
					break
				}
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// PredAttribution is a predicted attribution in code points.
type PredAttribution struct {
	Source, Cue, Content RuneSpan
	Direct               bool
}

// QuoteScores holds P/R/F1 per span type, exact and with any overlap.
type QuoteScores struct {
	Exact, Overlap map[string]*PRF // keys: source, cue, content, direct-source
}

func newScores() QuoteScores {
	q := QuoteScores{Exact: map[string]*PRF{}, Overlap: map[string]*PRF{}}
	for _, k := range []string{"source", "cue", "content", "direct-source"} {
		q.Exact[k], q.Overlap[k] = &PRF{}, &PRF{}
	}
	return q
}

func overlap(a, b RuneSpan) bool { return a.Start < b.End && b.Start < a.End }

// score matches predicted spans of one type against gold ones, each gold
// span matched at most once.
func score(p *PRF, gold, pred []RuneSpan, match func(a, b RuneSpan) bool) {
	used := make([]bool, len(gold))
	for _, ps := range pred {
		found := false
		for i, gs := range gold {
			if !used[i] && match(gs, ps) {
				used[i], found = true, true
				break
			}
		}
		if found {
			p.TP++
		} else {
			p.FP++
		}
	}
	for _, u := range used {
		if !u {
			p.FN++
		}
	}
}

// ScoreQuotes scores predictions per document (same order as docs).
// "direct-source" scores the sources of direct quotes only: gold
// attributions whose content opens with or right after a quotation mark,
// against predicted attributions marked direct.
func ScoreQuotes(docs []QuoteDoc, preds [][]PredAttribution) QuoteScores {
	q := newScores()
	exact := func(a, b RuneSpan) bool { return a == b }
	for d, doc := range docs {
		var gs, gc, gt, gds []RuneSpan
		for _, g := range doc.Attrs {
			if g.Source.End > g.Source.Start {
				gs = append(gs, g.Source)
				if g.Direct {
					gds = append(gds, g.Source)
				}
			}
			if g.Cue.End > g.Cue.Start {
				gc = append(gc, g.Cue)
			}
			gt = append(gt, g.Content...)
		}
		var ps, pc, pt, pds []RuneSpan
		for _, p := range preds[d] {
			if p.Source.End > p.Source.Start {
				ps = append(ps, p.Source)
				if p.Direct {
					pds = append(pds, p.Source)
				}
			}
			pc = append(pc, p.Cue)
			pt = append(pt, p.Content)
		}
		for _, x := range []struct {
			k    string
			g, p []RuneSpan
		}{{"source", gs, ps}, {"cue", gc, pc}, {"content", gt, pt}, {"direct-source", gds, pds}} {
			score(q.Exact[x.k], x.g, x.p, exact)
			score(q.Overlap[x.k], x.g, x.p, overlap)
		}
	}
	for _, m := range []map[string]*PRF{q.Exact, q.Overlap} {
		for _, v := range m {
			v.finish()
		}
	}
	return q
}

// SourceMiss is a direct quote's source that prediction got wrong: the
// gold span and the predicted one that overlaps it (empty when none).
type SourceMiss struct {
	Doc        string
	Gold, Pred string
	Sentence   string // the text around the gold source
}

// MissedDirectSources lists the gold sources of direct quotes that no
// predicted direct source matches exactly, and the predicted direct
// sources that match no gold source at all (Gold empty).
func MissedDirectSources(docs []QuoteDoc, preds [][]PredAttribution) []SourceMiss {
	var out []SourceMiss
	for d, doc := range docs {
		text := []rune(doc.Text)
		span := func(s RuneSpan) string { return string(text[s.Start:s.End]) }
		around := func(s RuneSpan) string {
			a, b := max(0, s.Start-80), min(len(text), s.End+80)
			return strings.ReplaceAll(string(text[a:b]), "\n", " ")
		}
		var pds []RuneSpan
		for _, p := range preds[d] {
			if p.Direct && p.Source.End > p.Source.Start {
				pds = append(pds, p.Source)
			}
		}
		matched := make([]bool, len(pds))
		for _, g := range doc.Attrs {
			if !g.Direct || g.Source.End <= g.Source.Start {
				continue
			}
			miss := SourceMiss{Doc: doc.Name, Gold: span(g.Source), Sentence: around(g.Source)}
			exact := false
			for i, p := range pds {
				if p == g.Source {
					matched[i], exact = true, true
				} else if overlap(p, g.Source) {
					matched[i], miss.Pred = true, span(p)
				}
			}
			if !exact {
				out = append(out, miss)
			}
		}
		for i, p := range pds {
			if !matched[i] {
				out = append(out, SourceMiss{Doc: doc.Name, Pred: span(p), Sentence: around(p)})
			}
		}
	}
	return out
}

// ByteToRune converts byte offsets of s into code-point offsets.
func ByteToRune(s string) func(int) int {
	idx := make([]int, len(s)+1)
	r := 0
	for i := range s {
		for k := i; k < len(s) && (k == i || !isRuneStart(s[k])); k++ {
			idx[k] = r
		}
		r++
	}
	idx[len(s)] = r
	return func(b int) int { return idx[b] }
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '‘', '\'', '«':
		return true
	}
	return false
}
