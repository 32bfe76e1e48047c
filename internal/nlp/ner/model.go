// Package ner tags named entities (PER, ORG, LOC, MISC) with an averaged
// structured perceptron: first-order Viterbi over IOB2 tags, word, shape,
// affix, context and gazetteer features. The model is trained on CoNLL-2003
// by `sitrep train ner` and embedded in the binary.
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

	hidxOnce  sync.Once
	hidx      map[uint64]int32
	allowOnce sync.Once
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

// viterbi returns the best tag sequence for per-token feature IDs.
func (m *Model) viterbi(ids [][]int32, w, trans []float32) []int {
	n, T := len(ids), m.nt()
	if n == 0 {
		return nil
	}
	score := make([]float64, n*T)
	back := make([]int, n*T)
	emit := make([]float64, T)
	negInf := math.Inf(-1)
	allow := m.allowedTable()
	for i := 0; i < n; i++ {
		for t := range emit {
			emit[t] = 0
		}
		for _, f := range ids[i] {
			row := w[int(f)*T : int(f)*T+T]
			for t, v := range row {
				emit[t] += float64(v)
			}
		}
		for t := 0; t < T; t++ {
			best, arg := negInf, -1
			if i == 0 {
				if allow[t] {
					best, arg = float64(trans[T*T+t]), -1
				}
			} else {
				for p := 0; p < T; p++ {
					if !allow[(p+1)*T+t] {
						continue
					}
					if s := score[(i-1)*T+p] + float64(trans[p*T+t]); s > best {
						best, arg = s, p
					}
				}
			}
			score[i*T+t] = best + emit[t]
			back[i*T+t] = arg
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
		arg = back[i*T+arg]
	}
	return path
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

// hashIndex maps the hash of each feature name to its ID, built on first use.
func (m *Model) hashIndex() map[uint64]int32 {
	m.hidxOnce.Do(func() {
		m.hidx = make(map[uint64]int32, len(m.Feats))
		for f, id := range m.Feats {
			m.hidx[fnvAdd(fnvOffset, f)] = id
		}
	})
	return m.hidx
}

// featureIDsFast computes a sentence's feature IDs without building feature
// strings: each feature's pieces are hashed and looked up in hashIndex.
func (m *Model) featureIDsFast(words []string, ctx Context) [][]int32 {
	idx := m.hashIndex()
	out := make([][]int32, len(words))
	for i := range out {
		out[i] = make([]int32, 0, 40)
	}
	emitFeatures(words, ctx, func(i int, a, b, c, d, e string) {
		h := fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvOffset, a), b), c), d), e)
		if id, ok := idx[h]; ok {
			out[i] = append(out[i], id)
		}
	})
	return out
}

// TagSentence labels one sentence given its context.
func (m *Model) TagSentence(words []string, ctx Context) []string {
	path := m.viterbi(m.featureIDsFast(words, ctx), m.W, m.Trans)
	out := make([]string, len(path))
	for i, t := range path {
		out[i] = m.Tags[t]
	}
	return out
}

// TagDoc labels every sentence of a document in two passes: the second pass
// knows which entity types the first gave to each capitalised word anywhere
// in the document (a name is usually tagged the same way throughout).
func (m *Model) TagDoc(doc [][]string, base Context) [][]string {
	base.DocLabels = nil
	if m.Meta["sports"] == "true" {
		base.Sports = IsSports(doc)
	}
	first := make([][]string, len(doc))
	for i, s := range doc {
		first[i] = m.TagSentence(s, base)
	}
	if m.Second == nil {
		return first
	}
	ctx := base
	ctx.DocLabels = docLabels(doc, first)
	out := make([][]string, len(doc))
	for i, s := range doc {
		out[i] = m.Second.TagSentence(s, ctx)
	}
	return out
}

// docLabels collects, per capitalised word (lower-cased), the entity types
// it received in the document, as a sorted "+"-joined string ("LOC", "LOC+ORG").
func docLabels(doc [][]string, labels [][]string) map[string]string {
	seen := map[string]map[string]bool{}
	for i, s := range doc {
		for j, w := range s {
			l := labels[i][j]
			if l == "O" || !isTitle(w) {
				continue
			}
			// Lower-cased, so an all-caps headline ("JAPAN") learns what
			// the body said of "Japan".
			lw := strings.ToLower(w)
			if seen[lw] == nil {
				seen[lw] = map[string]bool{}
			}
			seen[lw][l[2:]] = true
		}
	}
	out := make(map[string]string, len(seen))
	for w, ts := range seen {
		var parts []string
		for _, t := range []string{"LOC", "MISC", "ORG", "PER"} {
			if ts[t] {
				parts = append(parts, t)
			}
		}
		out[w] = strings.Join(parts, "+")
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
