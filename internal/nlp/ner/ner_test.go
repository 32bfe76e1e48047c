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

// Tagging hashes feature pieces instead of building names; both must give
// the same feature IDs, or the model would be applied to other features
// than it was trained on.
func TestHashedFeaturesMatchNames(t *testing.T) {
	docs := []Doc{{{Words: strings.Fields("EU rejects German call to boycott British lamb ."), Labels: strings.Fields("B-ORG O B-MISC O O O B-MISC O O")}},
		{{Words: strings.Fields("Peter Blackburn met UN officials in Kyiv on Tuesday"), Labels: strings.Fields("B-PER I-PER O B-ORG O O B-LOC O O")}}}
	ctx := Context{
		Gazetteer: func(p string) []string {
			if p == "kyiv" {
				return []string{"city"}
			}
			return nil
		},
		Lexicon:   func(w string) []string { return []string{"dict"} },
		DocLabels: map[string]string{"kyiv": "LOC"},
	}
	m := Train(docs, TrainOptions{Epochs: 1, Gazetteer: ctx.Gazetteer, Lexicon: ctx.Lexicon})
	for _, d := range docs {
		words := d[0].Words
		want := m.featureIDs(sentenceFeatures(words, ctx))
		got := m.featureIDsFast(words, ctx)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("hashed feature IDs differ:\n got %v\nwant %v", got, want)
		}
	}
}
