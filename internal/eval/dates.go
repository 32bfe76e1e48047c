package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// DateCase is one labelled page of the htmldate benchmark.
type DateCase struct {
	URL  string
	File string // path of the .html.gz
	Gold string // YYYY-MM-DD, or "" where the label is NaN/null
}

// LoadDateBench reads eval_default.json and eval_mediacloud_2020.json from
// dir. The MediaCloud file has bare NaN values, which are not JSON; they are
// read as null (SOURCE.md).
func LoadDateBench(dir string) ([]DateCase, error) {
	var cases []DateCase
	for _, name := range []string{"eval_default.json", "eval_mediacloud_2020.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("dates benchmark: %w", err)
		}
		b = bytes.ReplaceAll(b, []byte(": NaN"), []byte(": null"))
		var m map[string]struct {
			File string  `json:"file"`
			Date *string `json:"date"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("dates benchmark: %s: %w", name, err)
		}
		for url, v := range m {
			c := DateCase{URL: url}
			if v.Date != nil {
				c.Gold = *v.Date
			}
			// Upstream looks in test_set/, then cache/, then eval/.
			for _, sub := range []string{"test_set", "cache", "eval"} {
				p := filepath.Join(dir, sub, v.File+".gz")
				if _, err := os.Stat(p); err == nil {
					c.File = p
					break
				}
			}
			cases = append(cases, c)
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].URL < cases[j].URL })
	return cases, nil
}

// DateExtractor returns a page's publication date as YYYY-MM-DD, or "".
type DateExtractor func(ctx context.Context, page []byte, url string) (string, error)

// DateRun holds the pooled counts and figures of a dates run.
type DateRun struct {
	N, TP, FP, FN, TN               int
	Precision, Recall, Accuracy, F1 float64
	Missing                         int // pages whose file is absent
	Elapsed, PerPage                time.Duration
}

// ScoreDate adds one outcome to the counts, as upstream's evaluation does.
func (r *DateRun) ScoreDate(gold, got string) {
	r.N++
	switch {
	case gold == "" && got == "":
		r.TN++
		r.FN++ // upstream counts a null label with no output as TN and FN
	case got == "":
		r.FN++
	case got == gold:
		r.TP++
	default:
		r.FP++
	}
}

func (r *DateRun) finish() {
	if r.TP+r.FP > 0 {
		r.Precision = float64(r.TP) / float64(r.TP+r.FP)
	}
	if r.TP+r.FN > 0 {
		r.Recall = float64(r.TP) / float64(r.TP+r.FN)
	}
	if r.N > 0 {
		r.Accuracy = float64(r.TP+r.TN) / float64(r.N)
	}
	if d := 2*r.TP + r.FP + r.FN; d > 0 {
		r.F1 = float64(2*r.TP) / float64(d)
	}
	if r.N > 0 {
		r.PerPage = r.Elapsed / time.Duration(r.N)
	}
}

// RunDates runs ex over every case and scores it.
func RunDates(ctx context.Context, cases []DateCase, ex DateExtractor, progress func(done, total int)) (*DateRun, error) {
	r := &DateRun{}
	for i, c := range cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var got string
		if c.File == "" {
			r.Missing++
		} else if page, err := readGz(c.File); err == nil {
			start := time.Now()
			got, _ = ex(ctx, page, c.URL)
			r.Elapsed += time.Since(start)
		}
		r.ScoreDate(c.Gold, got)
		if progress != nil {
			progress(i+1, len(cases))
		}
	}
	r.finish()
	return r, nil
}
