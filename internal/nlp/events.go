package nlp

import (
	"sort"
	"strings"
	"time"

	"sitrep/internal/lang"
	_ "sitrep/internal/lang/en" // English registers itself
	_ "sitrep/internal/lang/ru" // Russian and Ukrainian register their lexicons
	_ "sitrep/internal/lang/uk"
	"sitrep/internal/model"
)

// Events finds the sentences that report an event and reads each: its kind
// (by the language's lexicon), the most specific place it (or the sentence
// before) names, the time of the event itself (not of speaking), the cues
// that an undated report names a day or a month, and whether it only
// recalls an earlier event. an must hold the sentences, entities and times
// of text. This is the language-neutral part; every word it weighs comes
// from l.
func Events(text string, an *model.Annotations, l lang.Events) []model.Event {
	out := []model.Event{}
	readings := make([]lang.Reading, len(an.Sentences))
	for i, s := range an.Sentences {
		around, upto := an.Sentences[max(0, i-2)][0], an.Sentences[min(len(an.Sentences)-1, i+2)][1]
		readings[i] = l.Classify(text[s[0]:s[1]], text[around:upto])
	}
	dateline := datelinePlace(text, an, readings, l)
	home := homeCountry(an)
	var unplaced []model.Event
	for i, s := range an.Sentences {
		r := readings[i]
		if r.Type == "" {
			continue
		}
		sentence := text[s[0]:s[1]]
		ev := model.Event{Sentence: i, Start: s[0], End: s[1], EventType: r.Type, SubEventType: r.Sub, Civilian: l.Civilian(sentence), Political: r.Political,
			Habitual: r.Habitual, Hypothetical: r.Hypothetical, Negated: r.Negated}
		ev.Place = bestPlace(text, an, s[0], s[1], home, l)
		ev.PlaceNamed = ev.Place != nil
		if ev.Place == nil && i > 0 {
			ev.Place = bestPlace(text, an, an.Sentences[i-1][0], an.Sentences[i-1][1], home, l)
		}
		if ev.Place == nil && dateline != nil {
			p := *dateline // where a local story was filed, when it names no other place
			ev.Place = &p
		}
		if ev.Place == nil && an.TitlePlace != nil && lead(readings, i) {
			// The lead reports what the headline does: "Strike on the
			// institute in Poltava" over "On September 3, Russian troops
			// hit the institute with two missiles."
			p := *an.TitlePlace
			ev.Place = &p
		}
		if ev.Place == nil {
			ev.Place = placeAfter(text, an, readings, i, home, l)
		}
		if ev.Place == nil && an.SitePlace != nil && !namesPlace(an) {
			p := *an.SitePlace // a local outlet's report that names no place
			ev.Place, ev.SitePlace = &p, true
		}
		if ev.Place == nil {
			unplaced = append(unplaced, ev)
			continue
		}
		out = append(out, eventDetails(ev, text, an, readings, l))
	}
	// A report whose sentences place none of its events ("A boy was shot
	// in the leg Monday afternoon. … Detectives are investigating.") is
	// about the place its headline names ("Boy shot in leg in west
	// Baltimore"), else, when it tells of one kind of event, the place it
	// names most. Only then: in a report that places its event, the
	// unplaced sentences are mostly other events recalled ("On March 2, a
	// naval drone was destroyed"), which the headline's place would date
	// into incidents of their own.
	if len(out) == 0 && len(unplaced) > 0 {
		at := an.TitlePlace
		if at == nil && oneKind(readings, unplaced[0].SubEventType) {
			at = mainPlace(text, an, l)
		}
		for _, ev := range unplaced {
			if at == nil {
				break
			}
			p := *at
			ev.Place = &p
			out = append(out, eventDetails(ev, text, an, readings, l))
		}
	}
	return out
}

// headlineEvent reads the event a headline reports ("Teen killed in
// accidental DeKalb shooting"), for a page whose text tells none: many
// stored pages are a sign-up or cookie box under the story's title. Its
// place is the headline's, its time the headline's own ("early Thursday"),
// else none: a report without a time, which joins an incident and starts
// none unless it names a day.
func headlineEvent(title string, ref time.Time, at *model.Location, l lang.Events) (model.Event, bool) {
	r := l.Classify(title, title)
	if r.Type == "" || r.Habitual || r.Hypothetical || r.Negated {
		return model.Event{}, false
	}
	p := *at
	ev := model.Event{Sentence: model.HeadlineSentence, Headline: true, EventType: r.Type, SubEventType: r.Sub, Civilian: l.Civilian(title),
		Political: r.Political, Place: &p, PlaceNamed: true, DayCue: l.DayCue(title), MonthCue: l.MonthCue(title)}
	if l.Recalled(title) {
		ev.Background = true
		return ev, true
	}
	var tan model.Annotations
	for _, t := range FindTimex(title, ref) {
		tan.Times = append(tan.Times, t.model())
	}
	t, coarse := bestTime(&tan, 0, len(title), title, true, l)
	switch {
	case t != nil:
		ev.From, ev.To, ev.Precision, ev.Dated = t.From, t.To, t.Precision, true
	case coarse:
		ev.Background = true
	}
	return ev, true
}

// leadReach is how many sentences may open a report before the one that
// reports its headline's event: a standfirst or a byline line.
const leadReach = 2

// lead reports whether sentence i is a report's lead: the first that
// reports an event, among its first sentences.
func lead(readings []lang.Reading, i int) bool {
	if i >= leadReach {
		return false
	}
	for k := 0; k < i; k++ {
		if readings[k].Type != "" {
			return false
		}
	}
	return true
}

// eventDetails reads the rest of a placed event: its day and month cues,
// its time and its attackers.
func eventDetails(ev model.Event, text string, an *model.Annotations, readings []lang.Reading, l lang.Events) model.Event {
	i, s := ev.Sentence, an.Sentences[ev.Sentence]
	next := s[1]
	if i+1 < len(an.Sentences) {
		next = an.Sentences[i+1][1]
	}
	ev.DayCue = l.DayCue(withoutReleaseTimes(text, s[0], next, an, l))
	ev.MonthCue = l.MonthCue(text[s[0]:s[1]])
	eventTime(&ev, text, an, readings, l)
	ev.Attackers = attackers(an, s[0], s[1], l)
	return ev
}

// datelinePlace is the place of the dateline opening the story ("SPRINGFIELD,
// Ill. — "), or nil: where the story was filed, which a report that names
// no other place is about. The story may open after a page's leftovers
// ("Click photo to enlarge « 1 2 3 »"): the dateline is looked for past
// such short lines, up to the first sentence that reports an event. (Past
// any sentence, it placed events of stories filed elsewhere: gva-dev
// precision 0.839 → 0.826.)
func datelinePlace(text string, an *model.Annotations, readings []lang.Reading, l lang.Events) *model.Location {
	var s [2]int
	end := -1
	for i, x := range an.Sentences {
		if n := l.DatelineEnd(text[x[0]:x[1]]); n > 0 {
			s, end = x, x[0]+n
			break
		}
		if readings[i].Type != "" || i >= datelineReach || len(strings.Fields(text[x[0]:x[1]])) > leftoverWords {
			break
		}
	}
	if end < 0 {
		return nil
	}
	var best *model.Location
	for _, e := range an.Entities {
		if e.Start >= s[0] && e.End <= end && e.Place != nil && e.Place.Precision.EventRank() > 0 &&
			(best == nil || e.Place.Precision.EventRank() > best.Precision.EventRank()) {
			best = e.Place
		}
	}
	return best
}

// datelineReach is how many sentences of a page's leftovers may come
// before the dateline that opens its story.
const datelineReach = 12

// leftoverWords is the most words a sentence before the dateline may have:
// a caption's "Click photo to enlarge", a gallery's "1", not a sentence of
// the story.
const leftoverWords = 5

// placeAfter is the place of the sentences right after an event that
// names none, up to the next event of another kind: "A boy was shot in
// the head Tuesday night. It happened at an apartment complex in
// Louisville."
func placeAfter(text string, an *model.Annotations, readings []lang.Reading, i int, home string, l lang.Events) *model.Location {
	for k := i + 1; k < len(an.Sentences) && k <= i+placeReach; k++ {
		if readings[k].Type != "" && readings[k].Sub != readings[i].Sub {
			return nil
		}
		if p := bestPlace(text, an, an.Sentences[k][0], an.Sentences[k][1], home, l); p != nil {
			return p
		}
	}
	return nil
}

// withoutReleaseTimes is text[start:end] with the times pictures came out
// blanked: "released footage on Monday showing …" names no day of the
// event it shows.
func withoutReleaseTimes(text string, start, end int, an *model.Annotations, l lang.Events) string {
	out := []byte(text[start:end])
	for _, t := range an.Times {
		if t.Start >= start && t.End <= end && l.ReleaseTime(text[max(start, t.Start-50):t.Start]) {
			for k := t.Start; k < t.End; k++ {
				out[k-start] = ' '
			}
		}
	}
	return string(out)
}

// placeReach is how many sentences after an event that names no place
// may name it.
const placeReach = 2

// timeReach is how many sentences after an event's own a time may come
// from, when no other event is told in between: "A man was shot on Elm
// Street. Police said he was taken to hospital. It happened around 2 a.m.
// Thursday."
const timeReach = 3

// eventTime dates an event from its sentence, else the sentences after it
// up to the next event; a recollection or a coarse time beside the event
// words makes it background.
func eventTime(ev *model.Event, text string, an *model.Annotations, readings []lang.Reading, l lang.Events) {
	i, s := ev.Sentence, an.Sentences[ev.Sentence]
	set := func(t *model.TimeExpr) {
		ev.From, ev.To, ev.Precision, ev.Dated = t.From, t.To, t.Precision, true
	}
	if l.Recalled(text[s[0]:s[1]]) {
		// "reopened on Monday, a week after Russian shelling killed
		// three people there": the attack is an earlier one, recalled.
		ev.Background = true
		return
	}
	t, coarse := bestTime(an, s[0], s[1], text, true, l)
	switch {
	case t != nil:
		set(t)
		return
	case coarse:
		ev.Background = true
		return
	}
	if md := monthDayIn(an, s[0], s[1]); md != "" {
		// A page without a date: "on Oct. 5" names the day, not the year.
		ev.MonthDay, ev.DayCue = md, true
		return
	}
	for k := i + 1; k < len(an.Sentences) && k <= i+timeReach; k++ {
		if k > i+1 && readings[k].Type != "" && readings[k].Sub != readings[i].Sub {
			return // another kind of event: its times are its own
		}
		next := an.Sentences[k]
		if t, _ := bestTime(an, next[0], next[1], text, false, l); t != nil {
			set(t)
			return
		}
	}
}

// oneKind reports whether every event a text reports is of sub-type sub:
// then the place it names most is the event's (a story of a shooting and
// a protest in another town has no one place).
func oneKind(readings []lang.Reading, sub model.SubEventType) bool {
	for _, r := range readings {
		if r.Type != "" && r.Sub != sub {
			return false
		}
	}
	return true
}

// mainPlace is the place a text names most often (finer than a country;
// the first named of those named as often), or nil: where a local report
// is, when the sentences around an event name no place ("A boy was shot
// Monday afternoon. … Detectives are investigating." in a story that
// names its town further on). Datelines, launch sites and offices do not
// count, as in bestPlace.
func mainPlace(text string, an *model.Annotations, l lang.Events) *model.Location {
	type tally struct {
		n     int
		first int
		loc   *model.Location
	}
	counts := map[string]*tally{}
	si := 0 // the sentence of the entity (both are in text order)
	for _, e := range an.Entities {
		if e.Place == nil || e.Place.Precision.EventRank() == 0 {
			continue
		}
		for si < len(an.Sentences) && an.Sentences[si][1] < e.End {
			si++
		}
		if si == len(an.Sentences) {
			break
		}
		s := an.Sentences[si]
		if e.Start < s[0]+l.DatelineEnd(text[s[0]:s[1]]) ||
			l.LaunchSite(text[max(s[0], e.Start-60):e.Start]) || l.Office(text[max(s[0], e.Start-40):e.Start]) {
			continue
		}
		k := e.Place.PlaceKey()
		if counts[k] == nil {
			counts[k] = &tally{first: e.Start, loc: e.Place}
		}
		counts[k].n++
	}
	var best *tally
	for _, t := range counts {
		if best == nil || t.n > best.n || t.n == best.n && t.first < best.first {
			best = t
		}
	}
	if best == nil {
		return nil
	}
	p := *best.loc
	return &p
}

// namesPlace reports whether the annotations name any place finer than a
// country.
func namesPlace(an *model.Annotations) bool {
	for _, e := range an.Entities {
		if e.Place != nil && e.Place.Precision.EventRank() > 0 {
			return true
		}
	}
	return false
}

// bestPlace is the most specific place named in [start, end), leaving out
// a wire dateline (where the story was filed) and launch sites; a place
// others are told from ("in the Tver region, northwest of Moscow") only
// when the sentence names no other.
//
// Of two places alike in rank, one in home (the country the text names
// most) wins: "near a Dorchester school, Boston police said" is not about
// the English town.
func bestPlace(text string, an *model.Annotations, start, end int, home string, l lang.Events) *model.Location {
	var best, bearing *model.Location
	dateline := start + l.DatelineEnd(text[start:end])
	for _, e := range an.Entities {
		if e.Start < dateline || e.End > end || e.Place == nil || e.Place.Precision.EventRank() == 0 {
			continue
		}
		if l.LaunchSite(text[max(start, e.Start-60):e.Start]) || l.Office(text[max(start, e.Start-40):e.Start]) || l.Speaks(text[max(start, e.Start-16):e.Start], text[e.End:min(end, e.End+24)]) {
			continue
		}
		at := &best
		if l.Bearing(text[max(start, e.Start-40):e.Start]) {
			at = &bearing
		}
		if *at == nil || e.Place.Precision.EventRank() > (*at).Precision.EventRank() ||
			e.Place.Precision.EventRank() == (*at).Precision.EventRank() && home != "" && e.Place.Country == home && (*at).Country != home {
			p := *e.Place
			*at = &p
		}
	}
	if best == nil {
		return bearing
	}
	return best
}

// homeCountry is the country whose places the text names most (each
// naming counted), or "" when two tie or none is named.
func homeCountry(an *model.Annotations) string {
	n := map[string]int{}
	for _, e := range an.Entities {
		if e.Place != nil && e.Place.Country != "" && e.Place.Precision.EventRank() > 0 {
			n[e.Place.Country]++
		}
	}
	best, top, tie := "", 0, false
	for c, k := range n {
		switch {
		case k > top:
			best, top, tie = c, k, false
		case k == top:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// monthDayIn is the first day without a year that [start, end) names and
// no reference date could place ("on Oct. 5" in a page without a date), or
// "".
func monthDayIn(an *model.Annotations, start, end int) string {
	for _, t := range an.Times {
		if t.Start >= start && t.End <= end && t.MonthDay != "" && !t.Future {
			return t.MonthDay
		}
	}
	return ""
}

// bestTime picks the time of the event a sentence [start, end) reports.
// When byWords is set the event words of the sentence decide which time is
// the event's; else (a time borrowed from the next sentence) the finest.
//
// It returns nil with coarse set when a week, month or year beside the
// event words dates the event instead.
func bestTime(an *model.Annotations, start, end int, text string, byWords bool, l lang.Events) (best *model.TimeExpr, coarse bool) {
	var words [][2]int
	if byWords {
		words = l.EventWords(text[start:end])
	}
	dist := func(t *model.TimeExpr) int {
		if !byWords {
			return 0
		}
		return eventDistance(words, text[start:t.Start], t.Start-start, t.End-t.Start, l)
	}
	bestDist := 0
	for i := range an.Times {
		t := &an.Times[i]
		if t.Start < start || t.End > end || t.Future || t.Ref != "" || t.MonthDay != "" || t.Precision.EventRank() == 0 {
			continue
		}
		// "released footage on Monday showing gunmen seizing a ship": the
		// day the pictures came out, not the day they show.
		if l.ReleaseTime(text[max(start, t.Start-50):t.Start]) {
			continue
		}
		// The time nearest the words that report the event is its time
		// ("gathered on Tuesday to remember those killed when a missile
		// struck … on 13 June 2023"); without such words, or at the same
		// distance, the finer time. A clock time only says which hour on
		// the reference day: a day or part of day is preferred to it.
		d := dist(t)
		switch {
		case best == nil:
		case t.Precision == model.TimeHour && best.Precision != model.TimeHour:
			continue
		case best.Precision == model.TimeHour && t.Precision != model.TimeHour:
		case d < bestDist:
		case d == bestDist && t.Precision.EventRank() > best.Precision.EventRank():
		default:
			continue
		}
		best, bestDist = t, d
	}
	if !byWords {
		return best, false
	}
	// "repairs to a station damaged in a drone attack last week, sources
	// said on Thursday": a coarser time right beside the event words, and
	// nearer than the chosen one, dates the event; it is not that day.
	// Without a finer time at all, such a coarse time within about ten
	// words of the event makes the sentence background too ("when a drone
	// struck the Saudi Hospital in El Fasher earlier this month").
	for i := range an.Times {
		t := &an.Times[i]
		if t.Start < start || t.End > end || t.Ref != "" || t.MonthDay != "" || t.Precision == model.TimeQuarter || t.Precision.EventRank() > 0 || l.Since(t.Text) {
			continue
		}
		if d := dist(t); d <= 3 && (best == nil || d < bestDist) || best == nil && d <= 60 {
			return nil, true
		}
	}
	return best, false
}

// eventDistance is how far the span at pos (length n) of a sentence lies
// from its nearest event word; 0 without one. A time after the event words
// ("struck … on 13 June") is nearer than one as far before them ("gathered
// on Tuesday to remember those killed"), and the time of speaking ("the
// governor said on Wednesday") is the farthest. before is the sentence up
// to the span.
func eventDistance(words [][2]int, before string, pos, n int, l lang.Events) int {
	best := -1
	for _, m := range words {
		d := 0
		switch {
		case m[0] >= pos+n:
			d = 2 * (m[0] - (pos + n))
		case m[1] <= pos:
			d = pos - m[1]
		}
		if best < 0 || d < best {
			best = d
		}
	}
	if best < 0 {
		best = 0
	}
	if l.SpeechTime(before[max(0, len(before)-30):]) {
		best += 1000
	}
	return best
}

// attackers are the countries a sentence names right before a weapon
// ("Ukrainian drones", "a Russian missile"), in order, once each.
func attackers(an *model.Annotations, start, end int, l lang.Events) []string {
	var out []string
	seen := map[string]bool{}
	ents := an.Entities
	for i, e := range ents {
		if e.Type != model.EntNORP || e.Start < start || e.End > end || i+1 >= len(ents) {
			continue
		}
		if next := ents[i+1]; next.Type == model.EntEquipment && next.Start-e.End <= 2 {
			if c := l.Attacker(e.Text); c != "" && !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// readCounts names the fact each count states, read in its sentence.
func readCounts(text string, an *model.Annotations, l lang.Counts) {
	for i := range an.Quantities {
		q := &an.Quantities[i]
		si := sort.Search(len(an.Sentences), func(k int) bool { return an.Sentences[k][1] > q.Start })
		if si == len(an.Sentences) || q.Ordinal {
			continue
		}
		s := an.Sentences[si]
		if q.Start < s[0] || q.End > s[1] {
			continue
		}
		q.Fact = l.FactName(q.Noun, text[s[0]:s[1]], q.Start-s[0], len(q.Text))
	}
}

// readSpeakers gives each claim's speaker the alias its role makes it, and
// says whether the speaker is described rather than named.
func readSpeakers(an *model.Annotations, l lang.Speakers) {
	for i := range an.Claims {
		sp := &an.Claims[i].Speaker
		sp.Alias = l.Alias(sp.Role)
		who := strings.TrimSpace(sp.Name)
		if who == "" {
			who = sp.Affiliation
		}
		sp.Description = l.Description(who)
		sp.Party = l.Party(sp.Affiliation)
	}
}
