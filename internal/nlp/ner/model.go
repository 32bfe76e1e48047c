// Package ner tags named entities (PER, ORG, LOC, MISC) with an averaged
// structured perceptron: first-order Viterbi over IOB2 tags, word, shape,
// affix, context, gazetteer and word-class features. The model is trained on
// CoNLL-2003 by ./train (word classes from ./clusters/gen) and embedded in
// the binary (./model).
package ner

import (
	"compress/gzip"
	"encoding/gob"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
)

// Model holds the perceptron weights.
type Model struct {
	Tags  []string
	Feats map[string]int32
	W     []float32 // len(Feats) × len(Tags)
	Trans []float32 // (len(Tags)+1) × len(Tags); the last row is the sentence start
	Meta  map[string]string
	// Second is the second-pass model, which also sees document features.
	Second *Model

	indexOnce sync.Once
	index     *featIndex
	allowOnce sync.Once
	predOnce  sync.Once
	boundOnce sync.Once
	bounds    [2]*wordEntry
	preds     [][]int8
	allow     []bool
}

func (m *Model) nt() int { return len(m.Tags) }

// allowedTable caches allowed for every pair: row a+1 (row 0 is the start).
func (m *Model) allowedTable() []bool {
	m.allowOnce.Do(func() {
		T := m.nt()
		m.allow = make([]bool, (T+1)*T)
		for a := -1; a < T; a++ {
			for b := 0; b < T; b++ {
				m.allow[(a+1)*T+b] = m.allowed(a, b)
			}
		}
	})
	return m.allow
}

// allowed reports whether tag b may follow tag a in IOB2 (a == -1 is the start).
func (m *Model) allowed(a, b int) bool {
	tb := m.Tags[b]
	if !strings.HasPrefix(tb, "I-") {
		return true
	}
	if a < 0 {
		return false
	}
	ta := m.Tags[a]
	return ta != "O" && ta[2:] == tb[2:]
}

// featureIDs maps feature strings to IDs, dropping unknown ones.
func (m *Model) featureIDs(feats [][]string) [][]int32 {
	out := make([][]int32, len(feats))
	for i, fs := range feats {
		ids := make([]int32, 0, len(fs))
		for _, f := range fs {
			if id, ok := m.Feats[f]; ok {
				ids = append(ids, id)
			}
		}
		out[i] = ids
	}
	return out
}

// viterbi returns the best tag sequence given emission scores (n × T, row
// per token) and transition weights. Only transitions IOB2 allows are
// tried (an I- tag follows its own B- or I- only).
func (m *Model) viterbi(emit []float64, n int, trans []float32) []int {
	return m.viterbiBuf(emit, n, trans, &docBuffers{})
}

// viterbiBuf is viterbi with its scratch space taken from (and kept in) buf.
func (m *Model) viterbiBuf(emit []float64, n int, trans []float32, buf *docBuffers) []int {
	T := m.nt()
	if n == 0 {
		return nil
	}
	preds := m.predecessors()
	if cap(buf.score) < n*T {
		buf.score, buf.back = make([]float64, n*T), make([]int8, n*T)
	}
	score, back := buf.score[:n*T], buf.back[:n*T]
	negInf := math.Inf(-1)
	allow := m.allowedTable()
	for t := 0; t < T; t++ {
		score[t], back[t] = negInf, -1
		if allow[t] {
			score[t] = float64(trans[T*T+t]) + emit[t]
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*T : i*T]
		cur := score[i*T : i*T+T]
		em := emit[i*T : i*T+T]
		for t := 0; t < T; t++ {
			best, arg := negInf, -1
			for _, p := range preds[t] {
				if s := prev[p] + float64(trans[int(p)*T+t]); s > best {
					best, arg = s, int(p)
				}
			}
			cur[t] = best + em[t]
			back[i*T+t] = int8(arg)
		}
	}
	best, arg := negInf, 0
	for t := 0; t < T; t++ {
		if score[(n-1)*T+t] > best {
			best, arg = score[(n-1)*T+t], t
		}
	}
	path := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		path[i] = arg
		arg = int(back[i*T+arg])
	}
	return path
}

// predecessors lists, per tag, the tags allowed before it, in tag order.
func (m *Model) predecessors() [][]int8 {
	m.predOnce.Do(func() {
		T := m.nt()
		allow := m.allowedTable()
		m.preds = make([][]int8, T)
		for t := 0; t < T; t++ {
			for p := 0; p < T; p++ {
				if allow[(p+1)*T+t] {
					m.preds[t] = append(m.preds[t], int8(p))
				}
			}
		}
	})
	return m.preds
}

// emissionsFromIDs sums the weight rows of each token's features into emit
// (n × T), the training-time path.
func emissionsFromIDs(ids [][]int32, w []float32, T int, emit []float64) []float64 {
	emit = emit[:0]
	for _, fs := range ids {
		base := len(emit)
		for range T {
			emit = append(emit, 0)
		}
		row := emit[base : base+T]
		for _, f := range fs {
			addRow(row, w[int(f)*T:int(f)*T+T])
		}
	}
	return emit
}

func addRow(dst []float64, row []float32) {
	dst = dst[:len(row)] // one bounds check, not one per tag
	for t, v := range row {
		dst[t] += float64(v)
	}
}

// FNV-1a, continued over several strings: hashing "ab" then "c" gives the
// hash of "abc", so a feature's pieces hash like its full name.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// DocLabel is what the first pass said of one capitalised word across a
// document.
type DocLabel struct {
	Types string // every type it got, sorted and "+"-joined ("LOC", "LOC+ORG")
	Major string // the type it got most often (ties: the first in Types)
	First string // the type of its first tagged occurrence
}

// docLabels collects, per capitalised word (lower-cased), the entity types
// it received in the document.
func docLabels(doc [][]string, labels [][]string) map[string]DocLabel {
	type tally struct {
		n     map[string]int
		first string
	}
	seen := map[string]*tally{}
	for i, s := range doc {
		for j, w := range s {
			l := labels[i][j]
			if l == "O" || !isTitle(w) {
				continue
			}
			// Lower-cased, so an all-caps headline ("JAPAN") learns what
			// the body said of "Japan".
			lw := strings.ToLower(w)
			t := seen[lw]
			if t == nil {
				t = &tally{n: map[string]int{}, first: l[2:]}
				seen[lw] = t
			}
			t.n[l[2:]]++
		}
	}
	out := make(map[string]DocLabel, len(seen))
	for w, t := range seen {
		var parts []string
		major, best := "", 0
		for _, typ := range []string{"LOC", "MISC", "ORG", "PER"} {
			if c := t.n[typ]; c > 0 {
				parts = append(parts, typ)
				if c > best {
					major, best = typ, c
				}
			}
		}
		out[w] = DocLabel{Types: strings.Join(parts, "+"), Major: major, First: t.first}
	}
	return out
}

// Save writes the model, gzipped gob, dropping features whose weights are
// all below minWeight in magnitude.
func (m *Model) Save(w io.Writer, minWeight float32) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(m.pruned(minWeight)); err != nil {
		return err
	}
	return zw.Close()
}

func (m *Model) pruned(minWeight float32) *Model {
	T := m.nt()
	pruned := &Model{Tags: m.Tags, Feats: map[string]int32{}, Trans: m.Trans, Meta: m.Meta}
	for f, id := range m.Feats {
		row := m.W[int(id)*T : int(id)*T+T]
		keep := false
		for _, v := range row {
			if v > minWeight || v < -minWeight {
				keep = true
				break
			}
		}
		if keep {
			pruned.Feats[f] = int32(len(pruned.W) / T)
			pruned.W = append(pruned.W, row...)
		}
	}
	if m.Second != nil {
		pruned.Second = m.Second.pruned(minWeight)
	}
	return pruned
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	var m Model
	if err := gob.NewDecoder(zr).Decode(&m); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	for x := &m; x != nil; x = x.Second {
		if len(x.W) != len(x.Feats)*len(x.Tags) || len(x.Trans) != (len(x.Tags)+1)*len(x.Tags) {
			return nil, fmt.Errorf("ner model: inconsistent sizes")
		}
	}
	return &m, nil
}

// LoadFile reads a model file.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f)
}

// Evaluate tags docs and returns micro-averaged exact-span precision,
// recall and F1 (the full per-type report is eval.ScoreNER).
func Evaluate(m *Model, docs []Doc, ctx Context) (p, r, f1 float64) {
	tp, fp, fn := 0, 0, 0
	for _, d := range docs {
		words := make([][]string, len(d))
		for i, s := range d {
			words[i] = s.Words
		}
		pred := m.TagDoc(words, ctx)
		for i, s := range d {
			gold := map[Span]bool{}
			for _, sp := range Spans(s.Labels) {
				gold[sp] = true
			}
			for _, sp := range Spans(pred[i]) {
				if gold[sp] {
					tp++
					delete(gold, sp)
				} else {
					fp++
				}
			}
			fn += len(gold)
		}
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
