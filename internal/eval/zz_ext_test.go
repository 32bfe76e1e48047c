package eval

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"sitrep/internal/extract"
)

func TestZZExtErrors(t *testing.T) {
	eb, err := LoadExtractionBench("../../../shared/bench/article-extraction")
	if err != nil {
		t.Skip(err)
	}
	type row struct {
		id             string
		fp, fn         float64
		extra, missing []string
	}
	var rows []row
	for _, id := range eb.IDs {
		page, _ := eb.Page(id)
		r, err := extract.HTML(page, extract.HTMLOptions{URL: eb.URLs[id], FastDate: true, SkipRemoved: true})
		pred := ""
		if err == nil {
			pred = r.Text
		}
		d := ScoreDoc(id, eb.Gold[id], pred)
		gold := strings.Join(Tokens(eb.Gold[id]), " ")
		predT := strings.Join(Tokens(pred), " ")
		var extra, missing []string
		for _, line := range strings.Split(pred, "\n\n") {
			if tl := strings.Join(Tokens(line), " "); tl != "" && !strings.Contains(gold, tl) {
				extra = append(extra, line)
			}
		}
		for _, line := range strings.Split(eb.Gold[id], "\n") {
			if tl := strings.Join(Tokens(line), " "); tl != "" && !strings.Contains(predT, tl) {
				missing = append(missing, line)
			}
		}
		rows = append(rows, row{id, d.FP, d.FN, extra, missing})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].fp+rows[i].fn > rows[j].fp+rows[j].fn })
	for _, r := range rows[:45] {
		fmt.Printf("== %s FP %.3f FN %.3f %s\n", r.id[:8], r.fp, r.fn, eb.URLs[r.id])
		for k, l := range r.extra {
			if k >= 5 {
				break
			}
			fmt.Printf("   + %.140s\n", l)
		}
		for k, l := range r.missing {
			if k >= 3 {
				break
			}
			fmt.Printf("   - %.140s\n", l)
		}
	}
}
