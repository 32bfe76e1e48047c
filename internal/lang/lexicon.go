package lang

import (
	"sync"
	"time"
	"unicode"

	"sitrep/internal/model"
)

// Lexicon is what the language stage needs to read the event reports of a
// language that has no full package behind the seam yet (Russian and
// Ukrainian today): which words report an event and of what kind, how
// dates and relative days are written, which case endings to undo before
// a place name is looked up, and the names of regions the gazetteer
// knows only in English. It makes a report of such a language join the
// incident the English reports of the same strike build; entities, counts
// and claims of these languages are not read yet.
type Lexicon struct {
	Code   string
	Script *unicode.RangeTable   // the script its names are written in
	Months map[string]time.Month // month names as dates write them ("30 мая")
	// Today and Yesterday date an event on the day of publication or the
	// day before ("ночью", "вчера"); NightOf before a date means the night
	// that ends on it ("в ночь на 30 мая").
	Today, Yesterday, NightOf []string
	Triggers                  []Trigger
	// Endings are case endings (longest first) undone before a name is
	// looked up, Nominative the endings then tried in their place.
	Endings, Nominative []string
	// Adjectival endings mark a word as an adjective ("Крымском" in
	// "Крымском мосту"): no case ending is undone on it, or the bridge
	// would become the town of Krymsk.
	Adjectival []string
	// Oblast begins the words for a first-level region or its
	// administration ("област" of "области", "ова" of "ОВА"): an adjective
	// from a town's name before one names the town's region.
	Oblast  []string
	Regions map[string]string // lower-cased forms → a name the gazetteer knows ("крым" → "Crimea")
	// Negation before a trigger in the same clause ("не было") makes the
	// sentence no report.
	Negation []string
	// Numbers are number words in the case forms counts take ("двух",
	// "одного", "двоє"). FactCues are stems that say what a count near
	// them counts ("погиб" → killed). AtLeast, Above and About are the
	// words before a number that bound it.
	Numbers               map[string]float64
	FactCues              []FactCue
	AtLeast, Above, About []string
	// Weapons are noun stems a count of drones or missiles takes
	// ("беспилотник" → "drones"); Downed are the verb stems that make it
	// a count of those shot down ("сбит"), else it counts those sent.
	Weapons []FactCue
	Downed  []string
}

// FactCue is a stem that names the fact a count beside it states.
type FactCue struct {
	Stem string
	Fact string
}

// Trigger is a word stem that reports an event of a kind.
type Trigger struct {
	Stem string
	Sub  model.SubEventType
	Why  string
	// With, when set, are stems one of which the sentence must also hold
	// ("захват" reports a seizure only of a ship: "судн", "танкер").
	With []string
}

var (
	lexMu sync.RWMutex
	lexes = map[string]*Lexicon{}
)

// RegisterLexicon makes a lexicon available to the language stage.
func RegisterLexicon(l *Lexicon) {
	lexMu.Lock()
	defer lexMu.Unlock()
	lexes[l.Code] = l
}

// LexiconFor returns the lexicon of a language code, if there is one.
func LexiconFor(code string) (*Lexicon, bool) {
	lexMu.RLock()
	defer lexMu.RUnlock()
	l, ok := lexes[code]
	return l, ok
}
