package ner

import (
	"sitrep/internal/nlp/gazetteer"
	"sitrep/internal/nlp/ner/clusters"
)

// GazetteerContext is the feature context backed by the embedded gazetteer,
// with a word cache of its own (share the context, not just the cache).
func GazetteerContext(g *gazetteer.Gazetteer) Context {
	return Context{
		WordCache:       NewWordCache(),
		Gazetteer:       g.Classes,
		GazetteerStarts: g.StartsName,
		Lexicon: func(w string) []string {
			var out []string
			if isTitle(w) {
				if g.IsWord(w) {
					out = append(out, "dict")
				}
				if g.IsPersonName(w) {
					out = append(out, "pername")
				}
			}
			out = append(out, clusters.Classes(w)...)
			return out
		},
	}
}
