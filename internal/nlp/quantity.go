package nlp

import (
	"math"
	"sitrep/internal/model"
	"strconv"
	"strings"
)

// Quantity is a count found in text and the thing it counts.
type Quantity struct {
	Begin, Finish int // byte offsets of the whole expression
	Text          string
	Value         float64 // the number; for vague amounts the lower bound (dozens → 24)
	Qualifier     string  // "", "at least", "about", "up to", "more than", "fewer than", "dozens", "several"…
	Noun          string  // what is counted, singular ("drone", "person"); "" if unknown
	Ordinal       bool    // "17th attack", "the fourth strike"
	Inferred      bool    // the noun was taken from an earlier count ("the other three")
}

var smallNums = map[string]float64{"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

var scaleNums = map[string]float64{"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}

var ordinalWords = map[string]float64{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20}

// vague amounts: word(s) → (qualifier, lower bound).
var vague = map[string]float64{"dozens": 24, "hundreds": 200, "thousands": 2000, "scores": 40, "several": 3,
	"a few": 2, "a number of": 2, "a dozen": 12, "millions": 2e6, "tens of thousands": 20000}

// bound is what a qualifier makes of the number after it.
type bound int

const (
	boundExact  bound = iota
	boundMin          // "at least 9": 9 or more
	boundAbove        // "more than 10": 11 or more (counts are whole)
	boundMax          // "up to 600": 600 or fewer
	boundBelow        // "fewer than 5": 4 or fewer
	boundApprox       // "about 50": near 50, no bound either way
)

// qualifierBounds is the bound of each qualifier; one missing is exact
// ("the other three", "another two").
var qualifierBounds = map[string]bound{
	"at least": boundMin, "more than": boundAbove, "over": boundAbove,
	"at most": boundMax, "up to": boundMax, "as many as": boundMax,
	"fewer than": boundBelow, "less than": boundBelow,
	"about": boundApprox, "around": boundApprox, "approximately": boundApprox, "roughly": boundApprox,
	"some": boundApprox, "nearly": boundApprox, "almost": boundApprox, "an estimated": boundApprox,
}

// vagueMax is the largest number a vague amount stands for ("dozens":
// 24 to 99); one missing has no upper bound ("a number of").
var vagueMax = map[string]float64{"dozens": 99, "hundreds": 999, "thousands": 9999, "scores": 99, "several": 9,
	"a few": 5, "a dozen": 12, "millions": 999e6, "tens of thousands": 99999}

// countOf turns a quantity's value and qualifier into its bounds.
func countOf(value float64, qualifier string) model.Count {
	if _, ok := vague[qualifier]; ok {
		c := model.Count{Min: value, Approx: qualifier == "a dozen"}
		if hi, ok := vagueMax[qualifier]; ok {
			c.Max = &hi
		}
		return c
	}
	switch qualifierBounds[qualifier] {
	case boundMin:
		return model.Count{Min: value}
	case boundAbove:
		return model.Count{Min: math.Floor(value) + 1}
	case boundMax:
		return model.Count{Min: 0, Max: &value}
	case boundBelow:
		hi := math.Ceil(value) - 1
		return model.Count{Min: 0, Max: &hi}
	case boundApprox:
		return model.Count{Min: value, Max: &value, Approx: true}
	}
	return model.ExactCount(value)
}

var qualifiers = []string{"at least", "at most", "more than", "fewer than", "less than", "up to", "as many as",
	"about", "around", "approximately", "roughly", "some", "nearly", "almost", "over", "an estimated", "the other", "another"}

// countNouns are things news counts. Plurals map to the singular.
var countNouns = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"drone", "uav", "missile", "rocket", "shell", "bomb", "projectile", "mine", "aircraft",
		"plane", "jet", "helicopter", "ship", "boat", "vessel", "tank", "vehicle", "car", "truck", "bus", "train",
		"person", "civilian", "soldier", "troop", "child", "woman", "man", "resident", "worker", "officer", "fighter",
		"serviceman", "casualty", "victim", "body", "hostage", "prisoner", "building", "house", "home", "apartment",
		"tower", "block", "school", "hospital", "bridge", "depot", "tank", "warehouse", "plant", "facility", "village",
		"town", "city", "region", "attack", "strike", "explosion", "blast", "wave", "round", "launcher", "system",
		"battery", "brigade", "battalion", "unit", "kilometre", "kilometer", "mile", "metre", "meter", "percent",
		"rouble", "ruble", "dollar", "hryvnia", "euro", "stop", "day", "week", "month", "year", "hour", "minute",
		"manufacturer", "country", "militia", "official", "injury", "death", "target", "site", "fire", "passenger",
		"pedestrian", "driver", "rescuer", "firefighter", "patient", "student", "nurse", "doctor", "journalist"} {
		m[s] = s
		m[s+"s"] = s
	}
	for pl, sg := range map[string]string{"people": "person", "children": "child", "women": "woman", "men": "man",
		"casualties": "casualty", "bodies": "body", "militias": "militia", "injuries": "injury", "uavs": "uav",
		"servicemen": "serviceman", "facilities": "facility", "cities": "city", "aircraft": "aircraft", "batteries": "battery",
		"countries": "country", "unmanned": ""} {
		m[pl] = sg
	}
	delete(m, "unmanned")
	return m
}()

// casualtyWords after a bare number say it counts people ("2 dead").
var casualtyWords = map[string]bool{"dead": true, "killed": true, "wounded": true, "injured": true, "hurt": true}

// multiword nouns: the last word is the head.
var nounPhrases = map[string]string{"unmanned aerial vehicles": "drone", "unmanned aerial vehicle": "drone",
	"marine drones": "marine drone", "naval drones": "naval drone", "cruise missiles": "missile", "ballistic missiles": "missile"}

func parseNumberToken(w string) (float64, bool) {
	lw := strings.ToLower(w)
	if v, ok := smallNums[lw]; ok {
		return v, true
	}
	if strings.Contains(lw, "-") { // twenty-five
		parts := strings.SplitN(lw, "-", 2)
		a, ok1 := smallNums[parts[0]]
		b, ok2 := smallNums[parts[1]]
		if ok1 && ok2 && a >= 20 && b < 10 {
			return a + b, true
		}
	}
	if lw == "" || !(lw[0] >= '0' && lw[0] <= '9') {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(lw, ",", ""), 64)
	return v, err == nil
}

func parseOrdinalToken(w string) (float64, bool) {
	lw := strings.ToLower(w)
	if v, ok := ordinalWords[lw]; ok {
		return v, true
	}
	if lw == "" || !(lw[0] >= '0' && lw[0] <= '9' || lw[0] == '+' || lw[0] == '-') {
		return 0, false // no number to read (and no error to allocate for "with", "and")
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(lw, suf) {
			if v, err := strconv.Atoi(strings.TrimSuffix(lw, suf)); err == nil {
				return float64(v), true
			}
		}
	}
	return 0, false
}

// FindQuantities finds counts in a sentence. prevNoun is what the last count
// before this sentence counted; an elided noun ("the other three") takes it.
func FindQuantities(text string, prevNoun string) []Quantity {
	return quantitiesIn(text, Tokenize(text), prevNoun)
}

// quantitiesIn is FindQuantities over tokens already made; offsets are
// those of the tokens (into text).
func quantitiesIn(text string, toks []Token, prevNoun string) []Quantity {
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t.Text)
	}
	var out []Quantity
	lastNoun := prevNoun
	for i := 0; i < len(toks); i++ {
		q, end, ok := quantityAt(text, toks, low, i, lastNoun)
		if !ok {
			continue
		}
		if q.Noun != "" && !q.Inferred && !q.Ordinal {
			lastNoun = q.Noun
		}
		out = append(out, q)
		i = end - 1
	}
	return out
}

// quantityAt reads the count that starts at token start, if one does:
// a qualifier ("at least"), an amount (a number, a vague amount, an
// ordinal) and the noun it counts. end is the token after it.
func quantityAt(text string, toks []Token, low []string, start int, lastNoun string) (q Quantity, end int, ok bool) {
	i := start + qualifierAt(toks, low, start, &q)
	var j int
	if n := vagueAt(low, i); n > 0 {
		j = vagueAmount(toks, low, i, n, &q)
	} else if v, isNum := parseNumberToken(low[i]); isNum {
		if j, ok = numberAmount(toks, low, i, v, &q); !ok {
			return q, 0, false
		}
	} else if v, isOrd := parseOrdinalToken(low[i]); isOrd && i+1 < len(toks) {
		noun, n := nounAt(low, i+1)
		if n == 0 {
			return q, 0, false
		}
		q.Value, q.Ordinal, q.Noun = v, true, noun
		q.Begin, q.Finish = toks[start].Start, toks[i+n].End
		q.Text = text[q.Begin:q.Finish]
		return q, i + n + 1, true
	} else {
		return q, 0, false
	}
	end = countedNoun(toks, low, i, j, lastNoun, &q)
	if end <= start {
		return q, 0, false
	}
	q.Begin, q.Finish = toks[start].Start, toks[end-1].End
	q.Text = text[q.Begin:q.Finish]
	return q, end, true
}

// qualifierAt reads a qualifier before a number or a vague amount ("at
// least 10", "more than a dozen") into q and returns how many tokens it
// takes.
func qualifierAt(toks []Token, low []string, i int, q *Quantity) int {
	for qi, ql := range qualifiers {
		qw := qualifierWords[qi]
		if i+len(qw) < len(toks) && wordsAt(low, i, qw) {
			if _, ok := parseNumberToken(toks[i+len(qw)].Text); ok || vagueAt(low, i+len(qw)) > 0 {
				q.Qualifier = ql
				return len(qw)
			}
		}
	}
	return 0
}

// vagueAmount reads the n-word vague amount at i ("dozens of") into q and
// returns the token after it.
func vagueAmount(toks []Token, low []string, i, n int, q *Quantity) int {
	phrase := strings.Join(low[i:i+n], " ") // rare: only for vague amounts
	q.Value = vague[phrase]
	if q.Qualifier == "" {
		q.Qualifier = phrase
	}
	j := i + n
	if j < len(toks) && low[j] == "of" {
		j++
	}
	return j
}

// numberAmount reads the number v at i with its scale words ("4.2
// billion", "two hundred") into q and returns the token after it; not ok
// for years, clock times and dates, which are not counts.
func numberAmount(toks []Token, low []string, i int, v float64, q *Quantity) (int, bool) {
	j := i + 1
	for j < len(toks) {
		s, ok := scaleNums[low[j]]
		if !ok {
			break
		}
		v *= s
		j++
	}
	if isYearLike(toks[i].Text, v) || (j < len(toks) && isClockWord(low[j])) || (i > 0 && isMonthWord(low[i-1])) ||
		(j < len(toks) && isMonthWord(low[j])) || (j < len(toks) && (low[j] == ":" || low[j] == "%")) {
		return 0, false
	}
	q.Value = v
	return j, true
}

// countedNoun finds what the amount at i (ending before token j) counts
// and returns the token after the count: the noun right after the number,
// or after up to three modifiers ("two unmanned aerial vehicles", "dozens
// of ballistic cruise missiles"); a casualty word ("2 dead"); else the
// noun counted last ("the other three").
func countedNoun(toks []Token, low []string, i, j int, lastNoun string, q *Quantity) int {
	for k := j; k < len(toks) && k <= j+3; k++ {
		if noun, n := nounAt(low, k); n > 0 {
			// A compound ("drone manufacturers") counts its last noun.
			for k+n < len(low) {
				next, m := nounAt(low, k+n)
				if m == 0 {
					break
				}
				noun, n = next, n+m
			}
			q.Noun = noun
			return k + n
		}
		if !isModifier(toks[k].Text, low[k]) {
			break
		}
	}
	// Headline and bulletin style: "2 dead, several wounded".
	if j < len(toks) && casualtyWords[low[j]] && !q.Ordinal {
		q.Noun = "person"
		return j
	}
	if lastNoun != "" && (q.Value > 0 || strings.EqualFold(toks[i].Text, "none")) && !q.Ordinal {
		q.Noun, q.Inferred = lastNoun, true
	}
	return j
}

// qualifierWords, vagueWords and nounPhraseWords are the phrases above
// split into words once, so matching does not build strings per token.
var (
	qualifierWords  = splitAll(qualifiers)
	vagueWords      = splitKeys(vague)
	nounPhraseWords = splitKeys(nounPhrases)
)

func splitAll(ps []string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = strings.Fields(p)
	}
	return out
}

func splitKeys[V any](m map[string]V) map[string][][]string {
	out := map[string][][]string{} // first word → phrases starting with it
	for p := range m {
		f := strings.Fields(p)
		out[f[0]] = append(out[f[0]], f)
	}
	return out
}

// wordsAt reports whether low[i:] starts with the words ws.
func wordsAt(low []string, i int, ws []string) bool {
	if i+len(ws) > len(low) {
		return false
	}
	for k, w := range ws {
		if low[i+k] != w {
			return false
		}
	}
	return true
}

// longestAt returns the longest phrase of byFirst that starts at low[i].
func longestAt(low []string, i int, byFirst map[string][][]string) []string {
	var best []string
	if i >= len(low) {
		return nil
	}
	for _, ws := range byFirst[low[i]] {
		if len(ws) > len(best) && wordsAt(low, i, ws) {
			best = ws
		}
	}
	return best
}

func vagueAt(low []string, i int) int {
	return len(longestAt(low, i, vagueWords))
}

func nounAt(low []string, i int) (string, int) {
	if ws := longestAt(low, i, nounPhraseWords); len(ws) >= 2 {
		return nounPhrases[strings.Join(ws, " ")], len(ws)
	}
	if i < len(low) {
		if sg, ok := countNouns[low[i]]; ok && sg != "" {
			return sg, 1
		}
	}
	return "", 0
}

// isModifier: a word that may sit between a number and its noun.
func isModifier(word, low string) bool {
	switch low {
	case "of", "more", "other", "additional", "further", "small", "large", "long-range", "unmanned", "aerial",
		"ballistic", "cruise", "guided", "armed", "civilian", "ukrainian", "russian", "enemy", "military",
		"residential", "apartment", "minor", "seriously", "injured", "wounded", "hostile", "kamikaze", "attack",
		"high-rise", "multi-storey", "private", "new", "old":
		return true
	}
	if strings.HasSuffix(low, "-made") || strings.HasSuffix(low, "-range") || strings.HasSuffix(low, "-based") {
		return true
	}
	// Another lower-case adjective ("domestic"): not a function word, not a
	// verb or adverb form.
	if word != low || stopWords[low] || strings.HasSuffix(low, "ed") || strings.HasSuffix(low, "ing") || strings.HasSuffix(low, "ly") {
		return false
	}
	for _, r := range low {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

var stopWords = set("a", "an", "the", "in", "on", "at", "to", "by", "for", "from", "with", "into", "onto", "after",
	"before", "and", "or", "but", "as", "than", "that", "which", "who", "were", "was", "are", "is", "be", "been",
	"had", "have", "has", "will", "would", "could", "should", "may", "might", "did", "do", "does", "not", "no",
	"over", "under", "near", "outside", "inside", "across", "during", "since", "per", "each", "this", "these",
	"those", "its", "their", "his", "her", "our", "your", "my", "they", "them", "he", "she", "it", "we", "you",
	"i", "if", "so", "then", "there", "here", "when", "while", "where", "whether", "more", "less", "most", "least",
	"times", "others", "other", "still", "also", "only", "just", "about", "against", "between", "through")

func isYearLike(tok string, v float64) bool {
	return len(tok) == 4 && !strings.ContainsAny(tok, ".,") && v >= 1800 && v <= 2100
}

func isClockWord(w string) bool {
	return w == "a.m." || w == "p.m." || w == "am" || w == "pm" || w == "o'clock" || w == "gmt" || w == "utc"
}

func isMonthWord(w string) bool {
	_, ok := monthNames[strings.TrimSuffix(w, ".")]
	return ok
}
