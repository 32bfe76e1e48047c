package nlp

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/lang"
	"sitrep/internal/model"
	"sitrep/internal/nlp/gazetteer"
)

// annotateLexicon reads the event reports of a text in a language that has
// a lexicon but no full language package (lang.Lexicon): sentences, and
// for each sentence with an event word its kind, its place (a gazetteer
// name after its case ending is undone) and its day. It finds what a
// report needs to join the incident other reports of the same strike make;
// entities, counts and claims of these languages are not read yet.
func annotateLexicon(a *model.Article, lex *lang.Lexicon) model.Annotations {
	text := a.Text
	an := model.Annotations{Version: AnnotatorVersion, Sentences: splitSentences(text), Entities: []model.Entity{},
		Times: []model.TimeExpr{}, Quantities: []model.Quantity{}, Claims: []model.Claim{}, Events: []model.Event{}}
	if a.DatePrec != model.PrecisionNone && !a.Published.IsZero() {
		an.Reference = model.WallClock(a.Published)
	}
	g := gazetteer.Default()
	r := lexReader{lex: lex, g: g, ref: an.Reference}
	if r.ref.IsZero() {
		// No publication date: a date written with its year ("17 июля
		// 2023") stands in, as the English stage infers its reference.
		for _, s := range an.Sentences {
			if t, ok := r.fullDate(strings.ToLower(text[s[0]:s[1]])); ok {
				r.ref, an.Reference, an.ReferenceInferred = t, t, true
				break
			}
		}
	}
	n := len(an.Sentences)
	places := make([]*model.Location, n)
	days := make([]time.Time, n)
	cues := make([]bool, n) // a day is named, resolved or not (no year to put "23 июля" in)
	for i, s := range an.Sentences {
		low := strings.ToLower(text[s[0]:s[1]])
		places[i] = r.place(text[s[0]:s[1]])
		days[i], cues[i] = r.day(low)
	}
	weapon := r.weapon(strings.ToLower(text))
	firstDay, firstCue, firstPlace := time.Time{}, false, (*model.Location)(nil)
	for i := range min(n, 3) { // the headline and lead date and place what follows
		if firstDay.IsZero() && !r.recalled(days[i]) {
			firstDay = days[i]
		}
		firstCue = firstCue || cues[i] && !r.recalled(days[i])
		if firstPlace == nil {
			firstPlace = places[i]
		}
	}
	for i, s := range an.Sentences {
		sub, ok := r.trigger(strings.ToLower(text[s[0]:s[1]]), weapon)
		if !ok {
			continue
		}
		ev := model.Event{Sentence: i, Start: s[0], End: s[1], EventType: model.SubEventTypes[sub], SubEventType: sub,
			Political: model.PoliticalYes}
		ev.Place, ev.PlaceNamed = places[i], places[i] != nil
		if ev.Place == nil && i > 0 && places[i-1] != nil {
			ev.Place = places[i-1]
		}
		if ev.Place == nil {
			ev.Place = firstPlace
		}
		day, cue := days[i], cues[i]
		if !cue && i+1 < n {
			day, cue = days[i+1], cues[i+1]
		}
		if !cue {
			day, cue = firstDay, firstCue
		}
		ev.DayCue = cue
		if !day.IsZero() {
			ev.From, ev.To, ev.Precision, ev.Dated = day, day.AddDate(0, 0, 1), model.TimeDay, true
			ev.Background = r.recalled(day)
		}
		an.Events = append(an.Events, ev)
	}
	if an.Reference.IsZero() {
		backgroundElsewhere(an.Events)
	}
	for _, s := range an.Sentences {
		an.Quantities = append(an.Quantities, r.lexCounts(text, s)...)
	}
	return an
}

// backgroundElsewhere marks as background the events of an undated text
// at places other than the one most of its events are at: without a date
// to tell them apart, a report that names a second town ("earlier, Sumy
// was struck too") recalls it, and joining that town's incident by its day
// cue alone put a Chernihiv report in the Sumy incident.
func backgroundElsewhere(evs []model.Event) {
	n := map[string]int{}
	for _, ev := range evs {
		if ev.Place != nil {
			n[ev.Place.Name]++
		}
	}
	main := ""
	for name, c := range n {
		if c > n[main] || c == n[main] && name < main {
			main = name
		}
	}
	for i := range evs {
		if evs[i].Place != nil && evs[i].Place.Name != main {
			evs[i].Background = true
		}
	}
}

// splitSentences cuts at ".", "!", "?" or "…" before white space, and at
// line ends; byte offsets.
func splitSentences(text string) [][2]int {
	out := [][2]int{}
	start := 0
	flush := func(end int) {
		seg := text[start:end]
		lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		trail := len(seg) - len(strings.TrimRightFunc(seg, unicode.IsSpace))
		if s, e := start+lead, end-trail; e > s {
			out = append(out, [2]int{s, e})
		}
		start = end
	}
	for i, r := range text {
		switch {
		case r == '\n':
			flush(i)
		case r == '.' || r == '!' || r == '?' || r == '…':
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if unicode.IsSpace(next) {
				flush(i + utf8.RuneLen(r))
			}
		}
	}
	flush(len(text))
	return out
}

type lexReader struct {
	lex *lang.Lexicon
	g   *gazetteer.Gazetteer
	ref time.Time
}

// words are the lower-cased words of s.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && !isApostrophe(r)
	})
}

// isApostrophe: Ukrainian writes an apostrophe inside words ("Куп’янськ"),
// in any of three characters.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// trigger reports whether a sentence reports an event, and of what kind: a
// weapon word in it decides, else the article's weapon; a generic word
// ("удар", "атака") alone reports an event only when the article names a
// weapon. An event word right after a negation ("не атаковали") makes the
// sentence no report.
func (r lexReader) trigger(low string, weapon model.SubEventType) (model.SubEventType, bool) {
	ws := words(low)
	var found model.SubEventType
	generic := false
	for i, w := range ws {
		for _, t := range r.lex.Triggers {
			if !strings.HasPrefix(w, t.Stem) || !holdsAny(ws, t.With) {
				continue
			}
			if i > 0 && negated(ws[i-1], r.lex.Negation) {
				return "", false // "не атаковали": the sentence says it did not happen
			}
			if t.Sub == "" {
				generic = true
			} else if found == "" {
				found = t.Sub
			}
		}
	}
	switch {
	case found != "":
		return found, true
	case generic && weapon != "":
		return weapon, true
	}
	return "", false
}

// holdsAny reports whether a word starts with one of stems (true when
// there are none).
func holdsAny(ws, stems []string) bool {
	if len(stems) == 0 {
		return true
	}
	for _, w := range ws {
		for _, st := range stems {
			if strings.HasPrefix(w, st) {
				return true
			}
		}
	}
	return false
}

func negated(w string, negs []string) bool {
	for _, n := range negs {
		if w == strings.TrimSpace(n) {
			return true
		}
	}
	return false
}

// weapon is the kind of the article's most named weapon, or "".
func (r lexReader) weapon(low string) model.SubEventType {
	n := map[model.SubEventType]int{}
	for _, w := range words(low) {
		for _, t := range r.lex.Triggers {
			if t.Sub != "" && model.SubEventTypes[t.Sub] == model.RemoteViolence && strings.HasPrefix(w, t.Stem) {
				n[t.Sub]++ // a weapon: what a bare "удар" or "атака" was made with
			}
		}
	}
	best := model.SubEventType("")
	for s, c := range n {
		if c > n[best] || c == n[best] && s < best {
			best = s
		}
	}
	return best
}

// place is the first place the sentence names: a capitalised word (or a
// region form the lexicon knows) that, as written or with its case ending
// undone, is a town of the gazetteer or a region.
func (r lexReader) place(sentence string) *model.Location {
	ws := words(sentence)
	if p := r.pairPlace(ws); p != nil {
		return p
	}
	if p := r.wordPlace(ws); p != nil {
		return p
	}
	// No place named, but an adjective made from a town's name
	// ("Полтавського інституту"): the event is in that town.
	for _, w := range ws {
		if capitalised(w) && sameScript(w, r.lex.Script) {
			if town := r.townOf(w); town != nil {
				return town.location()
			}
		}
	}
	return nil
}

// pairPlace reads places written in two words: a sea ("Красном море"), a
// town ("Кривой Рог").
func (r lexReader) pairPlace(ws []string) *model.Location {
	for i := 0; i+1 < len(ws); i++ {
		pair := ws[i] + " " + ws[i+1]
		if en, ok := r.lex.Regions[strings.ToLower(pair)]; ok {
			if p := resolvePlace(r.g, en, placeContext{}, nil, false); p != nil {
				return p.location()
			}
		}
		if capitalised(ws[i]) && capitalised(ws[i+1]) && sameScript(pair, r.lex.Script) {
			if p := resolvePlace(r.g, pair, placeContext{}, nil, false); p != nil && p.Precision == model.PlaceCity {
				return p.location()
			}
		}
	}
	return nil
}

// wordPlace reads a place in one word: a region form the lexicon knows, an
// adjective before the word for a region, or a town.
func (r lexReader) wordPlace(ws []string) *model.Location {
	for i, w := range ws {
		if en, ok := r.lex.Regions[strings.ToLower(w)]; ok {
			if p := resolvePlace(r.g, en, placeContext{}, nil, false); p != nil {
				return p.location()
			}
		}
		if !capitalised(w) || utf8.RuneCountInString(w) < 3 || !sameScript(w, r.lex.Script) {
			continue
		}
		if i+1 < len(ws) && r.regionWord(ws[i+1]) {
			if p := r.oblast(w); p != nil {
				return p
			}
		}
		// A capitalised word before another is a first name before a
		// surname ("Володимир Зеленський"), not a town.
		if i+1 < len(ws) && capitalised(ws[i+1]) {
			continue
		}
		for _, cand := range r.forms(w) {
			if p := resolvePlace(r.g, cand, placeContext{}, nil, false); p != nil && p.Precision == model.PlaceCity {
				return p.location()
			}
		}
	}
	return nil
}

// regionWord reports whether w names a first-level region or its
// administration ("области", "ОВА").
func (r lexReader) regionWord(w string) bool {
	low := strings.ToLower(w)
	for _, o := range r.lex.Oblast {
		if strings.HasPrefix(low, o) {
			return true
		}
	}
	return false
}

// townOf is the town an adjective is made from ("Полтавської" → Poltava),
// or nil.
func (r lexReader) townOf(adj string) *Place {
	low := strings.ToLower(adj)
	for _, a := range r.lex.Adjectival {
		stem, ok := strings.CutSuffix(low, a)
		if !ok || utf8.RuneCountInString(stem) < 3 {
			continue
		}
		rs := []rune(stem)
		stem = strings.ToUpper(string(rs[0])) + string(rs[1:])
		for _, n := range r.lex.Nominative {
			if town := resolvePlace(r.g, stem+n, placeContext{}, nil, false); town != nil && town.Precision == model.PlaceCity {
				return town
			}
		}
	}
	return nil
}

// oblast reads "Харківської області": the adjective made from a town's
// name, before the word for a region, is the region of that town.
func (r lexReader) oblast(adj string) *model.Location {
	town := r.townOf(adj)
	if town == nil {
		return nil
	}
	for _, name := range []string{town.Name + " Oblast", town.Admin1} {
		if p := resolvePlace(r.g, name, placeContext{}, nil, false); name != "" && p != nil && p.Precision == model.PlaceRegion {
			return p.location()
		}
	}
	return nil
}

// forms are a word as written, then with each case ending replaced by
// each nominative ending ("Москве" → "Москва").
func (r lexReader) forms(w string) []string {
	out := []string{w}
	if strings.ContainsFunc(w, isApostrophe) { // the gazetteer writes it one way
		for _, a := range []string{"'", "’", "ʼ", ""} {
			out = append(out, strings.Map(func(r rune) rune {
				if isApostrophe(r) {
					if a == "" {
						return -1
					}
					return []rune(a)[0]
				}
				return r
			}, w))
		}
	}
	low := strings.ToLower(w)
	for _, a := range r.lex.Adjectival {
		if strings.HasSuffix(low, a) {
			return out // an adjective ("Крымском мосту"): only a town written so
		}
	}
	for _, e := range r.lex.Endings {
		stem, ok := strings.CutSuffix(w, e)
		if !ok || utf8.RuneCountInString(stem) < 3 {
			continue
		}
		for _, n := range r.lex.Nominative {
			out = append(out, stem+n)
		}
		// A vowel that drops in the other cases ("Торжка" of "Торжок").
		if rs := []rune(stem); len(rs) > 3 && (rs[len(rs)-1] == 'к' || rs[len(rs)-1] == 'ц') && !isVowel(rs[len(rs)-2]) {
			head := string(rs[:len(rs)-1])
			out = append(out, head+"о"+string(rs[len(rs)-1]), head+"е"+string(rs[len(rs)-1]))
		}
	}
	return out
}

func isVowel(r rune) bool {
	return strings.ContainsRune("аеёиоуыэюяієїАЕЁИОУЫЭЮЯІЄЇ", r)
}

// recalled: a date a month or more before the text's own recalls an
// earlier event ("8 октября 2022" in a report of 2023); it neither dates
// the report nor the sentences around it.
func (r lexReader) recalled(day time.Time) bool {
	return !day.IsZero() && !r.ref.IsZero() && day.Before(r.ref.AddDate(0, 0, -30))
}

// fullDate finds a date written with its year ("17 июля 2023").
func (r lexReader) fullDate(low string) (time.Time, bool) {
	ws := words(low)
	for i := 0; i+2 < len(ws); i++ {
		m, ok := r.lex.Months[ws[i+1]]
		d, err := strconv.Atoi(ws[i])
		y, yerr := strconv.Atoi(ws[i+2])
		if ok && err == nil && yerr == nil && d >= 1 && d <= 31 && y >= 1900 && y <= 2100 {
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// day is the day a sentence dates its event: "30 мая" (the year of the
// reference, the year before when that is in the future), "в ночь на 30
// мая" (that day), else a word for today or yesterday; zero when none.
func (r lexReader) day(low string) (time.Time, bool) {
	ws := words(low)
	for i := 0; i+1 < len(ws); i++ {
		m, ok := r.lex.Months[ws[i+1]]
		d, err := strconv.Atoi(ws[i])
		if !ok || err != nil || d < 1 || d > 31 {
			continue
		}
		if i+2 < len(ws) {
			if y, err := strconv.Atoi(ws[i+2]); err == nil && y >= 1900 && y <= 2100 {
				return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
			}
		}
		if r.ref.IsZero() {
			return time.Time{}, true // a day and month, and no year to put them in
		}
		t := time.Date(r.ref.Year(), m, d, 0, 0, 0, 0, time.UTC)
		if t.After(r.ref.AddDate(0, 0, 2)) {
			t = t.AddDate(-1, 0, 0)
		}
		return t, true
	}
	padded := " " + strings.Join(ws, " ") + " "
	for k, list := range [][]string{r.lex.Yesterday, r.lex.Today} {
		for _, w := range list {
			if !strings.Contains(padded, " "+w+" ") {
				continue
			}
			if r.ref.IsZero() {
				return time.Time{}, true
			}
			today := time.Date(r.ref.Year(), r.ref.Month(), r.ref.Day(), 0, 0, 0, 0, time.UTC)
			return today.AddDate(0, 0, k-1), true // yesterday, then today
		}
	}
	return time.Time{}, false
}

func capitalised(w string) bool {
	first, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(first)
}

// sameScript: a name written in another script than the language's (a
// Latin "Baza", the Telegram channel, in a Russian text) is left to
// others.
func sameScript(w string, script *unicode.RangeTable) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return script == nil || unicode.Is(script, r)
		}
	}
	return false
}

// lexCounts reads the counts of a sentence that say what they count:
// a number (in digits or a number word of the lexicon) with a fact cue at
// most four words away ("погибли два человека", "22 людини отримали
// поранення"), bounded by the words before it ("не менее", "щонайменше",
// "около"). Days of a month and years are no counts.
func (r lexReader) lexCounts(text string, s [2]int) []model.Quantity {
	toks := wordSpans(text[s[0]:s[1]])
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(text[s[0]+t[0] : s[0]+t[1]])
	}
	var out []model.Quantity
	for i, w := range low {
		v, ok := r.number(w)
		if !ok || i+1 < len(low) && r.lex.Months[low[i+1]] != 0 {
			continue
		}
		fact := r.factNear(low, i)
		if fact == "" {
			fact = r.weaponFact(low, i)
		}
		if fact == "" {
			continue
		}
		q := model.Quantity{Start: s[0] + toks[i][0], End: s[0] + toks[i][1], Value: v, Fact: fact, Count: model.ExactCount(v)}
		q.Text = text[q.Start:q.End]
		before := " " + strings.Join(low[max(0, i-3):i], " ") + " "
		switch {
		case endsWithAny(before, r.lex.AtLeast):
			q.Count = model.Count{Min: v}
		case endsWithAny(before, r.lex.Above):
			q.Count = model.Count{Min: v + 1}
		case endsWithAny(before, r.lex.About):
			q.Count.Approx = true
		}
		out = append(out, q)
	}
	return out
}

// number reads a count: digits (not a year), or a number word.
func (r lexReader) number(w string) (float64, bool) {
	if d, _, ok := strings.Cut(w, "-"); ok && d != "" {
		w = d // "19-ю": a numeral with its case ending
	}
	if n, err := strconv.Atoi(w); err == nil {
		return float64(n), n > 0 && n < 1900
	}
	v, ok := r.lex.Numbers[strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return '\''
		}
		return r
	}, w)]
	return v, ok
}

// factNear is the fact of the nearest cue at most four words from i.
func (r lexReader) factNear(low []string, i int) string {
	for d := 1; d <= 4; d++ {
		for _, j := range []int{i + d, i - d} {
			if j < 0 || j >= len(low) {
				continue
			}
			for _, c := range r.lex.FactCues {
				if strings.HasPrefix(low[j], c.Stem) {
					return c.Fact
				}
			}
		}
	}
	return ""
}

// weaponFact reads a count of drones or missiles ("сбиты 8
// беспилотников", "двумя баллистическими ракетами"): a weapon noun at most
// four words after the number (adjectives between), counted as shot down
// when a verb of downing is within five words, else as sent.
func (r lexReader) weaponFact(low []string, i int) string {
	kind := ""
	for j := i + 1; j <= i+4 && j < len(low) && kind == ""; j++ {
		for _, w := range r.lex.Weapons {
			if strings.HasPrefix(low[j], w.Stem) {
				kind = w.Fact
				break
			}
		}
	}
	if kind == "" {
		return ""
	}
	for j := max(0, i-5); j <= min(len(low)-1, i+5); j++ {
		for _, d := range r.lex.Downed {
			if strings.HasPrefix(low[j], d) {
				return kind + " downed"
			}
		}
	}
	return kind + " launched"
}

func endsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, " "+w+" ") {
			return true
		}
	}
	return false
}

// wordSpans are the byte spans of the words of s (as words cuts them).
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || isApostrophe(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}
