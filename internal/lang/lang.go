package lang

import (
	"sync"

	"sitrep/internal/model"
)

// Language is everything one language contributes to the stages that read
// events, counts and speakers. Each method reads text (or an annotation's
// words) of that language and answers in the model's vocabulary.
type Language interface {
	// Code is the ISO 639-1 code ("en").
	Code() string
	Events
	Counts
	Speakers
}

// Events reads event reports. sentence and context are raw text; the
// language does its own case folding.
type Events interface {
	// Classify reads a sentence's event words: its ACLED types, empty when
	// it names no event. context (the sentences around it) lends a weapon
	// to a sentence that reports only an explosion ("residents report
	// explosions … drones were heard"). The flags say when the words do
	// not report one event that happened: a habit ("is shelled almost
	// daily"), a possibility or threat ("drones could strike"), a denial
	// ("no drones hit the city").
	Classify(sentence, context string) Reading
	// Recalled reports that a sentence tells its event only in a clause
	// that recalls an earlier one ("reopened on Monday, a week after
	// shelling killed three").
	Recalled(sentence string) bool
	// Civilian reports that a sentence names a civilian target.
	Civilian(sentence string) bool
	// DayCue reports a word naming a day or night in text ("on Tuesday",
	// "overnight"), resolved or not.
	DayCue(text string) bool
	// MonthCue returns the month (or "month") of a vague in-month time
	// ("earlier in May", "later this month"), or "".
	MonthCue(sentence string) string
	// DatelineEnd is the length in bytes of a wire dateline opening the
	// sentence ("KYIV, Oct 14 (Atlas) - "), or 0.
	DatelineEnd(sentence string) int
	// LaunchSite reports that the text just before a place makes it the
	// place a weapon came from, not where it struck ("launched from the").
	LaunchSite(before string) bool
	// Bearing reports that the text just before a place makes it a
	// landmark another place is told from ("northwest of", "30 km from"):
	// the event is elsewhere.
	Bearing(before string) bool
	// Speaks reports that the text right around a place makes the place
	// stand for its government ("Moscow said", "Kyiv denied"): a speaker,
	// not where an event happened ("residents of Belgorod reported" is a
	// place).
	Speaks(before, after string) bool
	// Office reports that the text right before a place makes it part of
	// an official's title ("governor of Russia's", "the mayor of"): the
	// speaker's office, not where the event happened.
	Office(before string) bool
	// EventWords are the byte spans of the words that report an attack
	// or an interception in a sentence.
	EventWords(sentence string) [][2]int
	// SpeechTime reports that text ends with a verb of speaking, so a
	// time right after it is when something was said ("said on").
	SpeechTime(before string) bool
	// ReleaseTime reports that text ends with the release of pictures, so
	// a time right after it is when they came out, not when what they
	// show happened ("released footage on Monday showing …").
	ReleaseTime(before string) bool
	// Since reports that a time expression is a "since …" span.
	Since(timex string) bool
	// Attacker names the country a word before a weapon points to
	// ("Russian" drones → Russia), or "".
	Attacker(demonym string) string
}

// Reading is what a language reads in a sentence's event words.
type Reading struct {
	Type         model.EventType
	Sub          model.SubEventType
	Political    model.Political // whether the words make it political violence, crime, or neither
	Habitual     bool            // only habitual or generic phrases carry the event words
	Hypothetical bool            // a modal or a threat: "could", "may", "vowed to"
	Negated      bool            // the event is denied: "did not hit", "no drones struck"
}

// Counts names what a count measures.
type Counts interface {
	// FactName names the fact a count states, from the clause around it:
	// "killed", "injured", "drones downed", "buildings damaged"; "" when
	// it states none (or repeats part of another: "including two
	// nurses"). at and n locate the count's text in sentence (bytes).
	FactName(noun, sentence string, at, n int) string
}

// Speakers reads who a speaker stands for.
type Speakers interface {
	// Alias is what other reports may call a speaker with this role: the
	// head of a regional administration is "regional governor", a
	// spokesman speaks for his body ("navy spokesman" → "navy"); "" when
	// none.
	Alias(role string) string
	// Description returns a speaker's description, lower-cased and without
	// article ("the ministry" → "ministry", "Ukraine's navy" → "ukraine's
	// navy"), or "" when the speaker is named ("Russia", "Kremlin").
	Description(speaker string) string
	// Party names the state a speaker's affiliation makes them speak for
	// ("Russian government", "Russian military" → "Russia"): one
	// government's bodies and officials are one party. "" for others
	// (media, bloggers, experts, outlets).
	Party(affiliation string) string
}

var (
	mu    sync.RWMutex
	langs = map[string]Language{}
)

// Register makes a language available; packages call it from init.
func Register(l Language) {
	mu.Lock()
	defer mu.Unlock()
	langs[l.Code()] = l
}

// For returns the language of code, and whether it is supported.
func For(code string) (Language, bool) {
	mu.RLock()
	defer mu.RUnlock()
	l, ok := langs[code]
	return l, ok
}
