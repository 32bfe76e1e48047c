// Package eval holds the benchmark scorers behind `sitrep eval`. Each scorer
// reproduces the metric of its benchmark exactly, so our figures can be set
// beside the published ones.
package eval

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Tokens splits text like Python's re.findall(r"\w+", text): runs of
// letters, digits/numbers and underscores.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func shingles(tokens []string) map[string]int {
	m := map[string]int{}
	if len(tokens) == 0 {
		return m
	}
	if len(tokens) < 4 {
		m[strings.Join(tokens, " ")]++
		return m
	}
	for i := 0; i+4 <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+4], " ")]++
	}
	return m
}

// DocScore is the normalised shingle overlap of one document.
type DocScore struct {
	ID         string
	TP, FP, FN float64
	Exact      bool
}

// ScoreDoc compares a predicted article body with the gold one, following
// the Zyte article-extraction-benchmark metric (steps 1–5 and 8 of SOURCE.md).
func ScoreDoc(id, gold, pred string) DocScore {
	gt, pt := Tokens(gold), Tokens(pred)
	g, p := shingles(gt), shingles(pt)
	var tp, fp, fn float64
	for k, gc := range g {
		pc := p[k]
		tp += float64(min(gc, pc))
		fn += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-g[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	exact := len(gt) == len(pt)
	for i := 0; exact && i < len(gt); i++ {
		exact = gt[i] == pt[i]
	}
	return DocScore{ID: id, TP: tp, FP: fp, FN: fn, Exact: exact}
}

// Metrics are the benchmark's macro-averaged figures.
type Metrics struct {
	N                                  int
	Precision, Recall, F1, Accuracy    float64
	PrecisionSD, RecallSD, F1SD, AccSD float64 // bootstrap standard deviations
}

// Aggregate averages document scores as the benchmark does (steps 6–7).
func Aggregate(docs []DocScore) Metrics {
	var psum, rsum, acc float64
	var pn, rn int
	for _, d := range docs {
		if d.TP+d.FP > 0 {
			pn++
			if d.FP == 0 && d.FN == 0 {
				psum++
			} else {
				psum += d.TP / (d.TP + d.FP)
			}
		}
		if d.TP+d.FN > 0 {
			rn++
			if d.FP == 0 && d.FN == 0 {
				rsum++
			} else {
				rsum += d.TP / (d.TP + d.FN)
			}
		}
		if d.Exact {
			acc++
		}
	}
	m := Metrics{N: len(docs)}
	if pn > 0 {
		m.Precision = psum / float64(pn)
	}
	if rn > 0 {
		m.Recall = rsum / float64(rn)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
	if len(docs) > 0 {
		m.Accuracy = acc / float64(len(docs))
	}
	return m
}

// Bootstrap fills the standard deviations from n resamples (step 9).
func Bootstrap(docs []DocScore, n int, seed uint64) Metrics {
	m := Aggregate(docs)
	if len(docs) == 0 || n <= 1 {
		return m
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var ps, rs, fs, as []float64
	sample := make([]DocScore, len(docs))
	for range n {
		for i := range sample {
			sample[i] = docs[rng.IntN(len(docs))]
		}
		b := Aggregate(sample)
		ps, rs, fs, as = append(ps, b.Precision), append(rs, b.Recall), append(fs, b.F1), append(as, b.Accuracy)
	}
	m.PrecisionSD, m.RecallSD, m.F1SD, m.AccSD = sd(ps), sd(rs), sd(fs), sd(as)
	return m
}

func sd(xs []float64) float64 {
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return math.Sqrt(v / float64(len(xs)))
}

// ExtractionBench is the Zyte benchmark on disk.
type ExtractionBench struct {
	Dir  string
	Gold map[string]string // id → gold article body
	URLs map[string]string // id → page URL
	IDs  []string          // sorted
}

// LoadExtractionBench reads ground-truth.json from dir.
func LoadExtractionBench(dir string) (*ExtractionBench, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("extraction benchmark: %w", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("extraction benchmark: ground-truth.json: %w", err)
	}
	eb := &ExtractionBench{Dir: dir, Gold: map[string]string{}, URLs: map[string]string{}}
	for id, v := range gt {
		eb.Gold[id], eb.URLs[id] = v.ArticleBody, v.URL
		eb.IDs = append(eb.IDs, id)
	}
	sort.Strings(eb.IDs)
	return eb, nil
}

// Page returns the decompressed HTML of one benchmark page.
func (eb *ExtractionBench) Page(id string) ([]byte, error) {
	return readGz(filepath.Join(eb.Dir, "html", id+".html.gz"))
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

// LoadPredictions reads a reference output file: either {id: {"articleBody"}}
// or {"version": …, "output": {id: {"articleBody"}}}.
func LoadPredictions(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var wrapped struct {
		Output map[string]struct {
			ArticleBody string `json:"articleBody"`
		} `json:"output"`
	}
	if err := json.Unmarshal(b, &wrapped); err == nil && wrapped.Output != nil {
		out := map[string]string{}
		for k, v := range wrapped.Output {
			out[k] = v.ArticleBody
		}
		return out, nil
	}
	var bare map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &bare); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]string{}
	for k, v := range bare {
		out[k] = v.ArticleBody
	}
	return out, nil
}

// ScorePredictions scores a map of predictions against the gold bodies; a
// missing prediction counts as empty.
func (eb *ExtractionBench) ScorePredictions(pred map[string]string) []DocScore {
	out := make([]DocScore, 0, len(eb.IDs))
	for _, id := range eb.IDs {
		out = append(out, ScoreDoc(id, eb.Gold[id], pred[id]))
	}
	return out
}

// Extractor turns one page into article text.
type Extractor func(ctx context.Context, page []byte, url string) (string, error)

// ExtractionRun is the outcome of running an extractor over the benchmark.
type ExtractionRun struct {
	Metrics Metrics
	Docs    []DocScore
	Failed  map[string]string // id → error
	Elapsed time.Duration     // extraction time only, summed over pages
	PerPage time.Duration
}

// RunExtraction runs ex over every page (one at a time, so the time per page
// is the single-core figure) and scores it.
func (eb *ExtractionBench) RunExtraction(ctx context.Context, ex Extractor, progress func(done, total int)) (*ExtractionRun, error) {
	run := &ExtractionRun{Failed: map[string]string{}}
	pred := map[string]string{}
	for i, id := range eb.IDs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		page, err := eb.Page(id)
		if err != nil {
			run.Failed[id] = err.Error()
			continue
		}
		start := time.Now()
		text, err := ex(ctx, page, eb.URLs[id])
		run.Elapsed += time.Since(start)
		if err != nil {
			run.Failed[id] = err.Error()
		}
		pred[id] = text
		if progress != nil {
			progress(i+1, len(eb.IDs))
		}
	}
	run.Docs = eb.ScorePredictions(pred)
	run.Metrics = Bootstrap(run.Docs, 1000, 1)
	if len(eb.IDs) > 0 {
		run.PerPage = run.Elapsed / time.Duration(len(eb.IDs))
	}
	return run, nil
}
