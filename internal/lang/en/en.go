// Package en is English for sitrep's language-neutral stages: the event
// lexicon (what reports an attack, an interception, a habit or a
// recollection), what counts measure, and who speakers stand for. It
// registers itself with package lang; importing it (as nlp does) is enough.
package en

import "sitrep/internal/lang"

// English implements lang.Language.
type English struct{}

// Code implements lang.Language.
func (English) Code() string { return "en" }

func init() { lang.Register(English{}) }
