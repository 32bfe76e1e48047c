package ner

import (
	"hash/maphash"
	"strings"
	"sync"
)

// Tagging computes the same features as training (emitFeatures) but never
// builds their names: each feature's pieces are hashed (FNV-1a continued
// over the pieces, so the hash is that of the full name) and looked up in
// one open-addressing table that holds the feature's row in both passes'
// weights. Each token's emission scores are summed directly. The features
// of the word alone are the same wherever the word occurs, so their sums
// can be cached per word (WordCache).

// featIndex maps the hash of a feature name to its weight row in the first
// and the second pass (-1 where a pass lacks the feature). Most lookups are
// of features no model has (unseen word pairs); a bitmap small enough to
// stay in the processor's cache answers most of those without touching the
// table.
type featIndex struct {
	slots  []featSlot
	shift  uint
	filter []uint64 // bit set for every stored hash
	fshift uint
}

type featSlot struct {
	key uint64 // 0 marks an empty slot; stored hashes have the low bit set
	ids [2]int32
}

func newFeatIndex(passes ...map[string]int32) *featIndex {
	n := 0
	for _, p := range passes {
		n += len(p)
	}
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	fbits := bits + 3 // about 16 filter bits per feature: a miss passes ~6 % of the time
	x := &featIndex{slots: make([]featSlot, 1<<bits), shift: 64 - bits, filter: make([]uint64, 1<<fbits/64), fshift: 64 - fbits}
	for pass, feats := range passes {
		for name, id := range feats {
			x.slot(fnvAdd(fnvOffset, name)).ids[pass] = id + 1 // +1 while building: 0 is absent
		}
	}
	for i := range x.slots {
		x.slots[i].ids[0]--
		x.slots[i].ids[1]--
	}
	return x
}

// mix spreads a hash's bits into the high bits used for slots and filter.
func mix(h uint64) uint64 { return h * 0x9E3779B97F4A7C15 }

// slot returns the slot of hash h, claiming an empty one if h is new.
func (x *featIndex) slot(h uint64) *featSlot {
	h |= 1
	mask := uint64(len(x.slots) - 1)
	f := mix(h) >> x.fshift
	x.filter[f/64] |= 1 << (f % 64)
	i := mix(h) >> x.shift
	for x.slots[i].key != 0 && x.slots[i].key != h {
		i = (i + 1) & mask
	}
	x.slots[i].key = h
	return &x.slots[i]
}

// get returns the rows of hash h in the two passes, -1 where absent.
func (x *featIndex) get(h uint64) (int32, int32) {
	h |= 1
	m := mix(h)
	if f := m >> x.fshift; x.filter[f/64]&(1<<(f%64)) == 0 {
		return -1, -1
	}
	mask := uint64(len(x.slots) - 1)
	i := m >> x.shift
	for {
		switch s := &x.slots[i]; s.key {
		case h:
			return s.ids[0], s.ids[1]
		case 0:
			return -1, -1
		}
		i = (i + 1) & mask
	}
}

// featureIndex is m's index over its own features and its second pass's.
func (m *Model) featureIndex() *featIndex {
	m.indexOnce.Do(func() {
		if m.Second != nil {
			m.index = newFeatIndex(m.Feats, m.Second.Feats)
		} else {
			m.index = newFeatIndex(m.Feats)
		}
	})
	return m.index
}

func hashPieces(a, b, c, d, e string) uint64 {
	return fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvOffset, a), b), c), d), e)
}

// WordCache keeps, per word, what the tagger computes from the word alone:
// its lower-case form, shape and lexicon classes, and the summed scores, in
// both passes of one model, of its own word features and of the features
// it gives each neighbour. It is valid for one model and one Lexicon: make
// one per Context (GazetteerContext does) and share it between goroutines.
type WordCache struct {
	shards [cacheShards]cacheShard
}

// cacheShards spreads the cache over several locks so parallel workers
// seldom wait on one another.
const cacheShards = 16

type cacheShard struct {
	mu    sync.RWMutex
	model *Model
	words map[string]*wordEntry
	_     [32]byte // keep shards' locks on separate cache lines
}

// wordEntry is what a word contributes wherever it occurs. Each score
// slice holds 2T values: first pass, then second pass.
type wordEntry struct {
	low, shp, shpBar string
	title            bool
	lex              []string
	gaz              []string // the gazetteer classes of the word alone, when capitalised
	self             []float64
	asNeighbour      [len(neighbourOffsets)][]float64 // features given to the token at -off
}

// maxCachedWords bounds the cache (about 1 kB a word); when full it starts
// again empty.
const maxCachedWords = 1 << 15

// NewWordCache returns an empty cache.
func NewWordCache() *WordCache { return &WordCache{} }

var cacheSeed = maphash.MakeSeed()

func (c *WordCache) shard(w string) *cacheShard {
	return &c.shards[maphash.String(cacheSeed, w)%cacheShards]
}

func (c *WordCache) get(m *Model, w string) *wordEntry {
	sh := c.shard(w)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	if sh.model != m {
		return nil
	}
	return sh.words[w]
}

func (c *WordCache) put(m *Model, w string, e *wordEntry) {
	sh := c.shard(w)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.model != m || len(sh.words) >= maxCachedWords/cacheShards {
		sh.model = m
		sh.words = make(map[string]*wordEntry, 256)
	}
	// The word is usually a slice of a whole article: keep a copy only.
	sh.words[strings.Clone(w)] = e
}

// adder returns a function adding a feature's rows, in both passes, to v
// (first pass in v[:T], second in v[T:]).
func (m *Model) adder(x *featIndex, v []float64) func(a, b, c, d, e string) {
	T := m.nt()
	return func(a, b, c, d, e string) {
		id1, id2 := x.get(hashPieces(a, b, c, d, e))
		if id1 >= 0 {
			addRow(v[:T], m.W[int(id1)*T:int(id1)*T+T])
		}
		if id2 >= 0 && m.Second != nil {
			addRow(v[T:], m.Second.W[int(id2)*T:int(id2)*T+T])
		}
	}
}

// newEntry computes a word's entry (w is "" for a sentence boundary, whose
// forms are given as low and shp).
func (m *Model) newEntry(x *featIndex, w, low, shp string, title bool, lex []string) *wordEntry {
	T := m.nt()
	k := 1 + len(neighbourOffsets)
	buf := make([]float64, k*2*T)
	e := &wordEntry{low: low, shp: shp, shpBar: "|" + shp + "|", title: title, lex: lex, self: buf[:2*T]}
	if w != "" {
		emitWordFeatures(w, low, shp, lex, m.adder(x, e.self))
	}
	for j, off := range neighbourOffsets {
		v := buf[(j+1)*2*T : (j+2)*2*T]
		e.asNeighbour[j] = v
		// This word sits at offset off from the token that gets these.
		emitNeighbourFeatures(off, low, shp, title, lex, m.adder(x, v))
	}
	return e
}

// entry returns a word's entry: from the document's own table, the shared
// cache, or computed (and then kept in both).
func (m *Model) entry(x *featIndex, w string, ctx Context, cache *WordCache, seen map[string]*wordEntry) *wordEntry {
	if e := seen[w]; e != nil {
		return e
	}
	if e := cache.get(m, w); e != nil {
		seen[w] = e
		return e
	}
	var lex []string
	if ctx.Lexicon != nil {
		lex = ctx.Lexicon(w)
	}
	e := m.newEntry(x, w, strings.ToLower(w), shape(w), isTitle(w), lex)
	if e.title && ctx.Gazetteer != nil {
		e.gaz = ctx.Gazetteer(e.low)
	}
	cache.put(m, w, e)
	seen[w] = e
	return e
}

// boundaries returns the entries of the sentence start and end.
func (m *Model) boundaries() (start, end *wordEntry) {
	m.boundOnce.Do(func() {
		x := m.featureIndex()
		m.bounds[0] = m.newEntry(x, "", "<s>", "<s>", false, nil)
		m.bounds[1] = m.newEntry(x, "", "</s>", "</s>", false, nil)
	})
	return m.bounds[0], m.bounds[1]
}

// sentenceScores holds one sentence's emission scores in both passes.
type sentenceScores struct {
	ps     *prepared
	e1, e2 []float64 // n × T; e2 is nil without a second pass
}

// docBuffers are allocated once per document and handed out per sentence,
// so tagging makes a few large allocations instead of many small ones.
type docBuffers struct {
	f     []float64    // emission scores, both passes
	str   []string     // low, shape, barred shape
	ents  []*wordEntry // word entries
	lex   [][]string
	gaz   [][]string
	seen  map[string]*wordEntry // the document's words: fewer trips to the shared cache
	score []float64             // Viterbi scratch
	back  []int8
}

func newDocBuffers(tokens, T int, second bool) *docBuffers {
	k := 1
	if second {
		k = 2
	}
	return &docBuffers{f: make([]float64, 0, k*tokens*T), str: make([]string, 0, 3*tokens), ents: make([]*wordEntry, 0, tokens), lex: make([][]string, 0, tokens), gaz: make([][]string, 0, tokens),
		seen: make(map[string]*wordEntry, min(tokens, 1024))}
}

// docBufPool keeps documents' buffers for the next document: tagging
// allocated a fifth of the language stage's memory in them.
var docBufPool sync.Pool

// getDocBuffers returns empty buffers for a document of tokens words, from
// the pool when its buffers are big enough.
func getDocBuffers(tokens, T int, second bool) *docBuffers {
	k := 1
	if second {
		k = 2
	}
	if b, ok := docBufPool.Get().(*docBuffers); ok && cap(b.f) >= k*tokens*T && cap(b.str) >= 3*tokens && cap(b.ents) >= tokens {
		b.f, b.str, b.ents, b.lex, b.gaz = b.f[:0], b.str[:0], b.ents[:0], b.lex[:0], b.gaz[:0]
		clear(b.seen)
		return b
	}
	return newDocBuffers(tokens, T, second)
}

func take[E any](b *[]E, n int) []E {
	if len(*b)+n > cap(*b) {
		return make([]E, n)
	}
	*b = (*b)[:len(*b)+n]
	return (*b)[len(*b)-n:]
}

// score computes the first-pass and (if m has one) second-pass emission
// scores of a sentence from its word and context features. The second
// pass's document features are added later (addDocScores).
func (m *Model) score(words []string, ctx Context, cache *WordCache, buf *docBuffers) sentenceScores {
	x := m.featureIndex()
	T := m.nt()
	n := len(words)
	ents := take(&buf.ents, n)
	low, shp, bar := take(&buf.str, n), take(&buf.str, n), take(&buf.str, n)
	var lex [][]string
	if ctx.Lexicon != nil {
		lex = take(&buf.lex, n)
	}
	gaz := take(&buf.gaz, n)
	for i, w := range words {
		e := m.entry(x, w, ctx, cache, buf.seen)
		ents[i] = e
		low[i], shp[i], bar[i] = e.low, e.shp, e.shpBar
		if lex != nil {
			lex[i] = e.lex
		}
		gaz[i] = e.gaz
	}
	ps := prepareWith(words, low, shp, bar, lex, gaz, ctx)
	ss := sentenceScores{ps: ps, e1: take(&buf.f, n*T)}
	if m.Second != nil {
		ss.e2 = take(&buf.f, n*T)
	}
	start, end := m.boundaries()
	var v [64]float64 // 2T ≤ 64 for any tag set CoNLL-style data gives
	if 2*T > len(v) {
		panic("ner: too many tags")
	}
	vv := v[:2*T]
	for i := range n {
		copy(vv, ents[i].self)
		for j, off := range neighbourOffsets {
			var e *wordEntry
			switch k := i + off; {
			case k < 0:
				e = start
			case k >= n:
				e = end
			default:
				e = ents[k]
			}
			row := e.asNeighbour[j][:len(vv)] // one bounds check, not one per tag
			for t := range vv {
				vv[t] += row[t]
			}
		}
		copy(ss.e1[i*T:i*T+T], v[:T])
		if ss.e2 != nil {
			copy(ss.e2[i*T:i*T+T], v[T:2*T])
		}
	}
	emitContextFeatures(ps, ctx, func(i int, a, b, c, d, e string) {
		id1, id2 := x.get(hashPieces(a, b, c, d, e))
		if id1 >= 0 {
			addRow(ss.e1[i*T:i*T+T], m.W[int(id1)*T:int(id1)*T+T])
		}
		if id2 >= 0 && ss.e2 != nil {
			addRow(ss.e2[i*T:i*T+T], m.Second.W[int(id2)*T:int(id2)*T+T])
		}
	})
	return ss
}

// addDocScores adds the document features of ctx to the scores of pass
// (0: first, 1: second).
func (m *Model) addDocScores(ss sentenceScores, ctx Context, pass int) {
	x := m.featureIndex()
	T := m.nt()
	e, w := ss.e1, m.W
	if pass == 1 {
		e, w = ss.e2, m.Second.W
	}
	emitDocFeatures(ss.ps, ctx, func(i int, a, b, c, d, f string) {
		ids := [2]int32{}
		ids[0], ids[1] = x.get(hashPieces(a, b, c, d, f))
		if id := ids[pass]; id >= 0 {
			addRow(e[i*T:i*T+T], w[int(id)*T:int(id)*T+T])
		}
	})
}

func (m *Model) tagNames(path []int) []string {
	out := make([]string, len(path))
	for i, t := range path {
		out[i] = m.Tags[t]
	}
	return out
}

// TagSentence labels one sentence with m alone (no second pass); document
// features in ctx are used if m was trained with them.
func (m *Model) TagSentence(words []string, ctx Context) []string {
	cache := ctx.WordCache
	if cache == nil {
		cache = NewWordCache()
	}
	ss := m.score(words, ctx, cache, newDocBuffers(len(words), m.nt(), m.Second != nil))
	m.addDocScores(ss, ctx, 0)
	return m.tagNames(m.viterbi(ss.e1, len(words), m.Trans))
}

// TagDoc labels every sentence of a document in two passes: the second pass
// knows which entity types the first gave to each capitalised word anywhere
// in the document (a name is usually tagged the same way throughout). The
// word and sentence features are computed once for both passes.
func (m *Model) TagDoc(doc [][]string, base Context) [][]string {
	base.DocLabels = nil
	if m.Meta["sports"] == "true" {
		base.Sports = IsSports(doc)
	}
	cache := base.WordCache
	if cache == nil {
		cache = NewWordCache() // for this document only
	}
	tokens := 0
	for _, s := range doc {
		tokens += len(s)
	}
	buf := getDocBuffers(tokens, m.nt(), m.Second != nil)
	defer docBufPool.Put(buf) // nothing returned points into it
	scores := make([]sentenceScores, len(doc))
	first := make([][]string, len(doc))
	for i, s := range doc {
		scores[i] = m.score(s, base, cache, buf)
		first[i] = m.tagNames(m.viterbiBuf(scores[i].e1, len(s), m.Trans, buf))
	}
	if m.Second == nil {
		return first
	}
	ctx := base
	ctx.DocLabels = docLabels(doc, first)
	out := make([][]string, len(doc))
	for i, s := range doc {
		m.addDocScores(scores[i], ctx, 1)
		out[i] = m.Second.tagNames(m.Second.viterbiBuf(scores[i].e2, len(s), m.Second.Trans, buf))
	}
	return out
}
