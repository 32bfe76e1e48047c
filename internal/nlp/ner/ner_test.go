package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCoNLLAndSpans(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER"
	docs, err := ParseCoNLL(strings.NewReader(in))
	if err != nil || len(docs) != 1 || len(docs[0]) != 2 {
		t.Fatalf("docs %v, err %v", docs, err)
	}
	if got := Spans(docs[0][1].Labels); !reflect.DeepEqual(got, []Span{{0, 2, "PER"}}) {
		t.Errorf("Spans = %v", got)
	}
	// A stray I- starts a new entity, as conlleval reads it.
	if got := Spans([]string{"O", "I-LOC", "I-LOC", "B-PER"}); !reflect.DeepEqual(got, []Span{{1, 3, "LOC"}, {3, 4, "PER"}}) {
		t.Errorf("Spans(stray I-) = %v", got)
	}
}

// A tiny synthetic corpus: the trainer must learn it, Viterbi must never
// produce an invalid IOB2 sequence, and the model must survive Save/Load.
func TestTrainSaveLoad(t *testing.T) {
	var docs []Doc
	names := []string{"Anna Berg", "Ivan Petrov", "Maria Costa", "Lena Wolf"}
	places := []string{"Kharkiv", "Odesa", "Lviv", "Dnipro"}
	for i := range 40 {
		n := strings.Fields(names[i%4])
		words := append(append([]string{}, n...), "visited", places[i%4], "on", "Monday", ".")
		labels := []string{"B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"}
		docs = append(docs, Doc{{Words: words, Labels: labels}})
	}
	m := TrainTwoPass(docs, TrainOptions{Epochs: 5, Seed: 1}, 2)
	var buf strings.Builder
	if err := m.Save(&buf, 0); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	got := m2.TagDoc([][]string{{"Ivan", "Petrov", "visited", "Lviv", "on", "Monday", "."}}, Context{})
	if want := []string{"B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"}; !reflect.DeepEqual(got[0], want) {
		t.Errorf("tagged %v, want %v", got[0], want)
	}
	for a := -1; a < len(m2.Tags); a++ {
		for b := range m2.Tags {
			if strings.HasPrefix(m2.Tags[b], "I-") && (a < 0 || m2.Tags[a] == "O") && m2.allowed(a, b) {
				t.Errorf("transition %d→%s allowed", a, m2.Tags[b])
			}
		}
	}
}

// referenceTagDoc tags the slow, obvious way: feature names built as
// strings (as in training), looked up in the model's map, two passes.
func referenceTagDoc(m *Model, doc [][]string, ctx Context) [][]string {
	ctx.WordCache = nil
	ctx.DocLabels = nil
	if m.Meta["sports"] == "true" {
		ctx.Sports = IsSports(doc)
	}
	tag := func(m *Model, words []string, ctx Context) []string {
		emit := emissionsFromIDs(m.featureIDs(sentenceFeatures(words, ctx)), m.W, m.nt(), nil)
		return m.tagNames(m.viterbi(emit, len(words), m.Trans))
	}
	first := make([][]string, len(doc))
	for i, s := range doc {
		first[i] = tag(m, s, ctx)
	}
	if m.Second == nil {
		return first
	}
	ctx.DocLabels = docLabels(doc, first)
	out := make([][]string, len(doc))
	for i, s := range doc {
		out[i] = tag(m.Second, s, ctx)
	}
	return out
}

// Tagging hashes feature pieces, shares one index between the passes and
// caches word features; it must tag exactly as the slow path with named
// features does, or the model would be applied to other features than it
// was trained on. Checked on a trained two-pass model over its own data
// (where it is confident) and over unseen sentences (where it is not),
// with a cold and a warm word cache.
func TestFastTaggingMatchesNamedFeatures(t *testing.T) {
	var docs []Doc
	for _, d := range []struct{ words, labels string }{
		{"EU rejects German call to boycott British lamb .", "B-ORG O B-MISC O O O B-MISC O O"},
		{"Peter Blackburn met UN officials in Kyiv on Tuesday", "B-PER I-PER O B-ORG O O B-LOC O O"},
		{"JAPAN BEAT SYRIA 2-1 IN ASIAN CUP", "B-LOC O B-LOC O O B-MISC I-MISC"},
		{"Kyiv said Russian drones hit Odesa .", "B-LOC O B-MISC O O B-LOC O"},
	} {
		docs = append(docs, Doc{{Words: strings.Fields(d.words), Labels: strings.Fields(d.labels)}})
	}
	gaz := func(p string) []string {
		if p == "kyiv" || p == "odesa" || p == "syria" {
			return []string{"city"}
		}
		return nil
	}
	lex := func(w string) []string {
		if isTitle(w) && len(w) > 4 {
			return []string{"dict"}
		}
		return nil
	}
	m := TrainTwoPass(docs, TrainOptions{Epochs: 3, Seed: 1, Gazetteer: gaz, Lexicon: lex, Sports: true}, 2)
	ctx := Context{Gazetteer: gaz, Lexicon: lex, WordCache: NewWordCache()}
	test := [][]string{
		strings.Fields("Blackburn told the EU in Kyiv that Syria rejects the call ."),
		strings.Fields("Officials in Odesa said German lamb was British ."),
		strings.Fields("Blackburn left ."),
	}
	for round := range 2 { // cold cache, then warm
		for _, d := range append([][][]string{test}, docWords(docs)...) {
			want := referenceTagDoc(m, d, ctx)
			if got := m.TagDoc(d, ctx); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: fast tagging %v, named features %v", round, got, want)
			}
		}
	}
	// The fast scores themselves equal the sums over named features.
	for _, words := range test {
		ss := m.score(words, ctx, NewWordCache(), newDocBuffers(len(words), m.nt(), true))
		want := emissionsFromIDs(m.featureIDs(sentenceFeatures(words, Context{Gazetteer: gaz, Lexicon: lex})), m.W, m.nt(), nil)
		for k := range want {
			if d := ss.e1[k] - want[k]; d > 1e-9 || d < -1e-9 {
				t.Fatalf("score %d: %v, named %v", k, ss.e1[k], want[k])
			}
		}
	}
}

func docWords(docs []Doc) [][][]string {
	var out [][][]string
	for _, d := range docs {
		var ws [][]string
		for _, s := range d {
			ws = append(ws, s.Words)
		}
		out = append(out, ws)
	}
	return out
}

func TestDocLabels(t *testing.T) {
	doc := [][]string{
		{"Magna", "International", "Inc", "bought", "Lear", "."},
		{"MAGNA", "rose", ";", "Magna", "said", "Magna", "grew", "."},
		{"the", "magna", "carta"},
	}
	labels := [][]string{
		{"B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O"},
		{"B-LOC", "O", "O", "B-LOC", "O", "B-PER", "O", "O"},
		{"O", "O", "O"},
	}
	got := docLabels(doc, labels)
	want := map[string]DocLabel{
		"magna":         {Types: "LOC+ORG+PER", Major: "LOC", First: "ORG"},
		"international": {Types: "ORG", Major: "ORG", First: "ORG"},
		"inc":           {Types: "ORG", Major: "ORG", First: "ORG"},
		"lear":          {Types: "ORG", Major: "ORG", First: "ORG"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("docLabels = %v, want %v", got, want)
	}
	// The second pass reads the majority only when there was a choice.
	var feats []string
	emitDocFeatures(prepare([]string{"Magna", "and", "Lear"}, Context{}), Context{DocLabels: got}, func(i int, a, b, c, d, e string) {
		feats = append(feats, a+b+c+d+e)
	})
	wantFeats := []string{"doc=LOC+ORG+PER", "doc=LOC+ORG+PER|sh=Xx", "docmaj=LOC", "docfirst=ORG", "doc=ORG", "doc=ORG|sh=Xx", "docfirst=ORG"}
	if !reflect.DeepEqual(feats, wantFeats) {
		t.Errorf("doc features %v, want %v", feats, wantFeats)
	}
}
