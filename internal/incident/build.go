package incident

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sitrep/internal/model"
)

// Options configure Build.
type Options struct {
	// CountryName turns an ISO 3166-1 code into a name for actors; nil
	// keeps the code.
	CountryName func(code string) string
	// Only, when set, limits the reports built from to those it accepts
	// (an incremental update builds from its neighbourhood only, though
	// the articles it loads report more).
	Only func(model.MentionRef) bool
}

// Build clusters the event reports of annotated articles into incidents,
// newest first. Articles without annotations are ignored.
//
// The articles are read in the order of their ids, whatever order they
// come in: clustering joins reports one at a time (a region's report
// joins the incident it links to nearest in time, counting the region's
// reports that joined before it), so an incremental update, which loads
// its neighbourhood in the order it finds it, built other incidents than
// a batch build from the same reports.
func Build(arts []model.Article, opts Options) []model.Incident {
	byID := map[int64]*model.Article{}
	ix := indexes{}
	var dated, undated []Mention
	order := make([]*model.Article, len(arts))
	for i := range arts {
		order[i] = &arts[i]
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].ID < order[j].ID })
	for _, a := range order {
		byID[a.ID] = a
		for _, m := range Mentions(a) {
			if opts.Only != nil && !opts.Only(model.MentionRef{Article: m.ArticleID, Sentence: m.Sentence}) {
				continue
			}
			if m.Dated {
				dated = append(dated, m)
			} else {
				undated = append(undated, m)
			}
		}
	}
	// Reports of an attack that name no weapon only join incidents.
	var typed, unnamed []Mention
	for _, m := range dated {
		if m.SubEventType == UnnamedWeapon {
			unnamed = append(unnamed, m)
		} else {
			typed = append(typed, m)
		}
	}
	clusters := cluster(typed)
	background := attach(unnamed, clusters)
	more, rest, anchors := joinUndated(undated, clusters)
	background = append(background, more...)
	// Undated reports of a specific event (a day cue) make incidents of
	// their own, grouped by place and kind; reports with no time cue at all
	// (commentary, background) do not.
	var undatedClusters [][]Mention
	for _, m := range rest {
		placed := false
		for ci, c := range undatedClusters {
			if fitsStrict(m, c) {
				undatedClusters[ci] = append(undatedClusters[ci], m)
				placed = true
				break
			}
		}
		if !placed {
			undatedClusters = append(undatedClusters, []Mention{m})
		}
	}
	var out []model.Incident
	seen := map[string]int{}
	for _, c := range undatedClusters {
		cue := false
		for _, m := range c {
			cue = cue || m.DayCue
		}
		if !cue {
			background = append(background, c...) // no time cue: context, not an incident
			continue
		}
		inc := buildIncident(c, byID, ix, opts)
		inferMonth(&inc, c, anchors)
		seen[inc.ID]++
		out = append(out, inc)
	}
	for _, c := range clusters {
		inc := buildIncident(c, byID, ix, opts)
		seen[inc.ID]++
		if n := seen[inc.ID]; n > 1 {
			inc.ID += "-" + strconv.Itoa(n)
		}
		out = append(out, inc)
	}
	// Commentary and background that mention an incident's place and kind
	// stay linked to it as context.
	for i := range out {
		inc := &out[i]
		have := map[int64]bool{}
		for _, a := range inc.Articles {
			have[a.ID] = true
		}
		for _, m := range background {
			if have[m.Article.ID] || !strictPlace(&m.Place, &inc.Location) || !compatibleTypes(m.SubEventType, inc.SubEventType) || !reaches(m.Mention, inc.From) {
				continue
			}
			have[m.Article.ID] = true
			inc.Context = append(inc.Context, articleRef(m.Article))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].From.Equal(out[j].From) {
			return out[i].From.After(out[j].From)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// cluster groups dated mentions that share a place, a time (within 3 h) and the
// same kind of event, transitively. Mentions are compared only with those
// starting within two days, so the cost grows with the density of reports,
// not with their square.
//
// Mentions placed only in a sea or a region ("over the Black Sea") never
// bridge two incidents: each joins the one incident of finer places it
// fits best (nearest in time), and only those that fit none are grouped
// among themselves.
func cluster(ms []Mention) [][]Mention {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].From.Before(ms[j].From) })
	var fine, coarse []Mention
	for _, m := range ms {
		if m.Place.Precision == "region" {
			coarse = append(coarse, m)
		} else {
			fine = append(fine, m)
		}
	}
	out := unionCluster(fine)
	left := attach(coarse, out)
	return append(out, unionCluster(left)...)
}

// attach adds each mention to the cluster it links to nearest in time
// (clusters stay in time order) and returns those that link to none.
func attach(ms []Mention, clusters [][]Mention) (left []Mention) {
	for _, m := range ms {
		ci := bestCluster(m, clusters)
		if ci < 0 {
			left = append(left, m)
			continue
		}
		c := append(clusters[ci], m)
		sort.SliceStable(c, func(i, j int) bool { return c[i].From.Before(c[j].From) })
		clusters[ci] = c
	}
	return left
}

// bestCluster is the cluster a mention links to nearest in time, or -1.
func bestCluster(m Mention, cs [][]Mention) int {
	best, bestGap := -1, time.Duration(0)
	for ci, c := range cs {
		for _, x := range c {
			// Two dated reports link only when their times meet (within
			// closeInTime's slack): a cheap test before Linked's places.
			if m.Dated && x.Dated && (x.From.After(m.To.Add(timeSlack)) || m.From.After(x.To.Add(timeSlack))) {
				continue
			}
			if x.SubEventType == UnnamedWeapon || !Linked(m.Mention, x.Mention) {
				continue
			}
			if gap := timeGap(m.Mention, x.Mention); best < 0 || gap < bestGap {
				best, bestGap = ci, gap
			}
		}
	}
	return best
}

// timeGap is the time between two mentions' intervals (0 if they overlap).
func timeGap(a, b model.Mention) time.Duration {
	switch {
	case a.To.Before(b.From):
		return b.From.Sub(a.To)
	case b.To.Before(a.From):
		return a.From.Sub(b.To)
	}
	return 0
}

// unionCluster links mentions (sorted by start) transitively.
func unionCluster(ms []Mention) [][]Mention {
	parent := make([]int, len(ms))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for i := range ms {
		for j := i + 1; j < len(ms) && ms[j].From.Sub(ms[i].From) <= chainGap; j++ {
			if Linked(ms[i].Mention, ms[j].Mention) {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]Mention{}
	var order []int
	for i := range ms {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], ms[i])
	}
	var out [][]Mention
	for _, r := range order {
		out = append(out, groups[r])
	}
	return out
}

// joinUndated puts each undated report in the one dated cluster it fits,
// and returns the reports that are background, those left to make
// incidents of their own, and the month anchors of undated articles
// (article → the start of an incident it also reports).
//
// An undated report joins the one dated incident at the very same place
// and of the same kind, unless it names a day of its own that could not
// be resolved ("early on Tuesday"): then it is another event. An undated
// article with no time cue at all is commentary: it becomes context.
func joinUndated(undated []Mention, clusters [][]Mention) (background, rest []Mention, anchors map[int64]time.Time) {
	anchors = map[int64]time.Time{}
	for _, m := range undated {
		if m.Background {
			background = append(background, m)
			continue
		}
		if m.MonthDay != "" {
			// A page without a date that names the day ("on Oct. 5")
			// reports the one incident at its place on that day of some
			// year; else an event of its own, when its weapon is named.
			if fit := onlyFitDay(m, clusters); fit >= 0 {
				clusters[fit] = append(clusters[fit], m)
			} else if m.SubEventType == UnnamedWeapon {
				background = append(background, m)
			} else {
				rest = append(rest, m)
			}
			continue
		}
		if m.SubEventType == UnnamedWeapon {
			// A report that names neither the weapon nor a time but names
			// its place ("the attack on the military school in Poltava")
			// reports the one dated incident at that very place its
			// article could speak of; it never makes one of its own. One
			// that takes its place from another sentence ("the strikes buy
			// time") is commentary.
			if fit := onlyFit(m, clusters); fit >= 0 && m.PlaceNamed && !m.ArticleUndated {
				clusters[fit] = append(clusters[fit], m)
			} else {
				background = append(background, m)
			}
			continue
		}
		fit := -1
		// A landmark is specific enough to join despite a day cue of its
		// own ("the Kremlin … overnight"); a whole city is not.
		// An article without a date cannot resolve its day ("on Saturday,
		// 19 August"): its cue says nothing against joining either.
		if !m.DayCue || m.Place.Precision == "landmark" || m.ArticleUndated {
			fit = onlyFit(m, clusters)
		}
		if fit >= 0 && !m.DayCue && m.MonthCue == "" && m.ArticleUndated {
			// An undated article with no time cue at all: commentary or
			// background about the incident.
			background = append(background, m)
			continue
		}
		if fit >= 0 {
			clusters[fit] = append(clusters[fit], m)
			if m.MonthCue != "" {
				anchors[m.Article.ID] = clusterStart(clusters[fit])
			}
			continue
		}
		rest = append(rest, m)
	}
	return background, rest, anchors
}

// onlyFit is the one cluster an undated mention fits, or -1 when none or
// several do.
func onlyFit(m Mention, clusters [][]Mention) int {
	return onlyCluster(clusters, func(c []Mention) bool { return fits(m, c) })
}

// onlyCluster is the one cluster ok holds for, or -1 when none or several.
func onlyCluster(clusters [][]Mention, ok func(c []Mention) bool) int {
	fit := -1
	for ci, c := range clusters {
		if ok(c) {
			if fit >= 0 {
				return -1
			}
			fit = ci
		}
	}
	return fit
}

// onlyFitDay is the one cluster an undated mention with a day but no year
// fits (onlyFit) whose reports at its place span that day, or -1.
func onlyFitDay(m Mention, clusters [][]Mention) int {
	return onlyCluster(clusters, func(c []Mention) bool { return fits(m, c) && onDay(m, c) })
}

// onDay reports whether a dated report of c at m's place spans, give or
// take a day, the day and month m names in the report's own year.
func onDay(m Mention, c []Mention) bool {
	mon, day, ok := monthDay(m.MonthDay)
	if !ok {
		return false
	}
	for _, x := range c {
		if !x.Dated || !strictPlace(&m.Place, &x.Place) {
			continue
		}
		for _, y := range []int{x.From.Year(), x.To.Year()} {
			d := time.Date(y, mon, day, 0, 0, 0, 0, time.UTC)
			if !d.Before(x.From.Add(-24*time.Hour)) && d.Before(x.To.Add(24*time.Hour)) {
				return true
			}
		}
	}
	return false
}

// monthDay reads "MM-DD".
func monthDay(s string) (time.Month, int, bool) {
	t, err := time.Parse("2006-01-02", "2000-"+s) // a leap year: 02-29 too
	if err != nil {
		return 0, 0, false
	}
	return t.Month(), t.Day(), true
}

// fits reports whether an undated mention can belong to a dated cluster:
// a report of it at the same place exactly, of a compatible kind, that
// the mention's article could speak of (not after it was written). The
// report itself must be in reach, not only the cluster's start: that is
// the link an incremental update follows (Linked), and a cluster begun a
// day earlier elsewhere took in an article written before its own report.
func fits(m Mention, c []Mention) bool {
	for _, x := range c {
		// A member whose weapon is not named says nothing about the kind.
		if x.Dated && x.SubEventType != UnnamedWeapon && strictPlace(&m.Place, &x.Place) && (compatible(m, x) || bothRemote(m.Mention, x.Mention)) &&
			reaches(m.Mention, x.From) {
			return true
		}
	}
	return false
}

// fitsStrict groups undated mentions: same place exactly, compatible kinds
// (a strike and the interception of its drones).
//
// Every member must lie within reach of the new one, not just one of them:
// in a stream that runs for months, reports of a place chained a month at
// a time would otherwise make one undated incident of a year of news.
func fitsStrict(m Mention, c []Mention) bool {
	fit := false
	for _, x := range c {
		if !closeAnchors(m.Mention, x.Mention) {
			return false
		}
		fit = fit || strictPlace(&m.Place, &x.Place) && compatible(m, x)
	}
	return fit
}

func clusterStart(c []Mention) time.Time {
	var t time.Time
	for _, m := range c {
		if m.Dated && (t.IsZero() || m.From.Before(t)) {
			t = m.From
		}
	}
	return t
}

// inferMonth dates an undated incident from another incident its articles
// also report: "Earlier in May, two drones attacked the Kremlin" in an
// article about a later strike means that article was written later in the
// month of the Kremlin attack, so its own incident happened in that month
// too. The date is then the month's first day at month precision.
func inferMonth(inc *model.Incident, c []Mention, anchors map[int64]time.Time) {
	for _, m := range c {
		t, ok := anchors[m.Article.ID]
		if !ok {
			continue
		}
		// The month, from the recalled incident's day: the date lies in the
		// window, not on the 1st of the month.
		first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		inc.Date, inc.DatePrecision = t.Format("2006-01-02"), model.TimeMonth
		inc.From, inc.To = t, first.AddDate(0, 1, 0)
		return
	}
	inc.DatePrecision = model.TimeUnknown
}

// compatible: events of one kind, a strike and the interception of its
// weapons, or any violence and an attack whose weapon is not named.
func compatible(a, b Mention) bool { return compatibleTypes(a.SubEventType, b.SubEventType) }

func compatibleTypes(a, b model.SubEventType) bool {
	switch {
	case a == b:
		return true
	case a == UnnamedWeapon || b == UnnamedWeapon:
		return a.Violent() && b.Violent()
	case a == DisruptedWeapons:
		return model.SubEventTypes[b] == RemoteViolence
	case b == DisruptedWeapons:
		return model.SubEventTypes[a] == RemoteViolence
	}
	return false
}

// evidence is what one claim says about an incident.
type evidence struct {
	claim model.IncidentClaim
	start int // byte offsets of the claimed text, to place quantities
	end   int
	sent  [2]int
}

// buildIncident makes one incident of a cluster of reports: its kind,
// date, place and reports, then its evidence (claims), origins, facts and
// contradictions, then actors, title and id.
func buildIncident(ms []Mention, byID map[int64]*model.Article, ix indexes, opts Options) model.Incident {
	inc := model.Incident{Actors: []model.Actor{}, Claims: []model.IncidentClaim{}, Facts: []model.Fact{},
		Contradictions: []model.Contradiction{}, Origins: []string{}}
	setKind(&inc, ms)
	setDate(&inc, ms)
	setPlace(&inc, ms)
	setMembers(&inc, ms)
	stated := append(ms[:len(ms):len(ms)], countReports(ms, ix)...)
	evs, dateClaims := gatherEvidence(&inc, stated, byID, ix)
	setOrigins(&inc, evs, byID)
	values, counts := factValues(stated, evs, dateClaims)
	mergeFacts(&inc, values, counts, evs, byID)
	setResponsibility(&inc, evs)
	inc.Actors = actors(ms, inc.Location, opts)
	inc.Title = fmt.Sprintf("%s in %s", inc.SubEventType, inc.Location.Name)
	sum := sha1.Sum([]byte(inc.Date + "|" + inc.Location.Name + "|" + string(inc.SubEventType)))
	inc.ID = "inc-" + hex.EncodeToString(sum[:])[:10]
	return inc
}

// setKind: the kind most reports give, leaving out attacks that name no
// weapon and interceptions (those only say that weapons were used); an
// interception when that is all the reports tell. Civilian targeting if
// any report names it; political when any report says so, else crime
// when one says that.
func setKind(inc *model.Incident, ms []Mention) {
	inc.EventType, inc.SubEventType = StrategicDev, DisruptedWeapons
	subs := map[model.SubEventType]int{}
	yes, no := false, false
	for _, m := range ms {
		if m.SubEventType != UnnamedWeapon && m.SubEventType != DisruptedWeapons {
			subs[m.SubEventType]++
		}
		inc.CivilianTargeting = inc.CivilianTargeting || m.Civilian
		yes = yes || m.Political == model.PoliticalYes
		no = no || m.Political == model.PoliticalNo
	}
	if len(subs) > 0 {
		inc.SubEventType = argmax(subs)
		inc.EventType = model.SubEventTypes[inc.SubEventType]
	}
	switch {
	case yes || inc.EventType != model.ViolenceCivilians:
		inc.Political = model.PoliticalYes
	case no:
		inc.Political = model.PoliticalNo
	default:
		inc.Political = model.PoliticalUnknown
	}
}

// setDate: the day most reports put the event's midpoint on, at the finest
// precision among them.
func setDate(inc *model.Incident, ms []Mention) {
	days := map[string]int{}
	for _, m := range ms {
		if m.Dated {
			days[midDay(m)]++
		}
	}
	inc.Date = argmax(days)
	for _, m := range ms {
		if m.Dated && midDay(m) == inc.Date && (inc.DatePrecision == "" || m.Precision.EventRank() > inc.DatePrecision.EventRank()) {
			inc.DatePrecision, inc.From, inc.To = m.Precision, m.From, m.To
		}
	}
}

// setPlace: the most specific place reported, the most often. When that
// is a first-level region, a finer place the reports name inside it (a
// district, a town) is where in the region it happened: "a missile hit
// a café in Hroza, Kupiansk district, Kharkiv region" reported by five
// outlets as "the Kharkiv region" is in the Kupiansk district.
func setPlace(inc *model.Incident, ms []Mention) {
	// Each article counts once for a place (its strongest report of it):
	// an article that repeats its place in every sentence does not outvote
	// the others.
	type artPlace struct {
		article int64
		place   string
	}
	strongest := map[artPlace]int{}
	placeOf := map[string]model.Location{}
	for _, m := range ms {
		k := m.Place.Name
		w := 1 + 10*m.Place.Precision.EventRank()
		if !m.PlaceNamed {
			w = (w + 1) / 2 // taken from a sentence around: weaker evidence
		}
		ap := artPlace{m.ArticleID, k}
		strongest[ap] = max(strongest[ap], w)
		placeOf[k] = m.Place
	}
	places := map[string]int{}
	for ap, w := range strongest {
		places[ap.place] += w
	}
	best := placeOf[argmax(places)]
	if best.Precision == model.PlaceRegion && best.Admin1 != "" && !best.Subregion() {
		inside := map[string]int{}
		for k, n := range places {
			if p := placeOf[k]; p.Country == best.Country && p.Admin1 == best.Admin1 && (p.Subregion() || p.Precision.EventRank() > best.Precision.EventRank()) {
				inside[k] = n + 100*p.Precision.EventRank()
			}
		}
		if len(inside) > 0 {
			best = placeOf[argmax(inside)]
		}
	}
	inc.Location = best
}

// Counts stated beside a report: how far (in sentences) a sentence that
// states a count without reporting an event may lie after the event its
// article reported last, or before the first one.
const (
	countAfter  = 6
	countBefore = 2
)

// countReports are the sentences of the incident's articles that state a
// count (killed, injured, drones downed…) or quote a named speaker without
// reporting an event themselves: "Seven people have lost their lives, including a child." Such
// a sentence speaks of the event its article reported last (before the
// first report, of the next one), so its counts belong to this incident
// when that event is one of its reports. They add evidence and facts, not
// members: they neither place nor date the incident.
func countReports(ms []Mention, ix indexes) []Mention {
	member := map[model.MentionRef]bool{}
	byArticle := map[int64][]Mention{}
	var arts []*model.Article
	for _, m := range ms {
		byArticle[m.ArticleID] = append(byArticle[m.ArticleID], m)
		if !member[model.MentionRef{Article: m.ArticleID}] {
			member[model.MentionRef{Article: m.ArticleID}] = true
			arts = append(arts, m.Article)
		}
		member[model.MentionRef{Article: m.ArticleID, Sentence: m.Sentence}] = true
	}
	var out []Mention
	for _, a := range arts {
		x := ix.of(a)
		isMember := func(si int) bool { return member[model.MentionRef{Article: a.ID, Sentence: si}] }
		// A sentence that tells an event is a report of its own: it counts
		// here only when it tells one of this incident's again, without a
		// time ("the governor said the attack caused no damage").
		done := map[int]bool{}
		// add states sentence si when the event of sentence owner is one
		// of this incident's reports or tells one of them again ("at the
		// time of the attack, sixty people were inside"; a count after it
		// is still this incident's).
		add := func(si, owner int) {
			if si < 0 || owner < 0 || done[si] || x.report[si] || x.tells[si] && isMember(si) {
				return
			}
			if isMember(owner) || sameAsMember(x.events[owner], byArticle[a.ID]) {
				done[si] = true
				s := a.Annotations.Sentences[si]
				out = append(out, Mention{Article: a, Mention: model.Mention{ArticleID: a.ID, Sentence: si, Start: s[0], End: s[1]}})
			}
		}
		for _, c := range x.counts {
			add(c.sentence, c.owner)
		}
		// What a named speaker says anywhere in the article is about the
		// event it reports (the nearest, when it reports several), unless
		// it dates another day: "Klymenko said rescuers were still
		// searching the rubble." So is a denial or an accusation, even when
		// it names neither place nor time: "Ukraine does not attack
		// targets on Russian territory."
		for _, c := range x.claims {
			add(c.sentence, c.owner)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].ArticleID < out[j].ArticleID || out[i].ArticleID == out[j].ArticleID && out[i].Sentence < out[j].Sentence
	})
	return out
}

// indexes holds, per article, what countReports asks of it for every
// incident it reports: a live blog of thousands of events asked it once
// per incident, each time over all its events, and one page stalled an
// update for minutes.
type indexes map[*model.Article]*articleIndex

type articleIndex struct {
	events map[int][]*model.Event // sentence → its events
	tells  map[int]bool           // sentences that tell an event
	report map[int]bool           // sentences that tell a dated or background event
	counts []owned                // sentences with a count, and the event each speaks of
	claims []owned                // sentences of claims that speak of an event
	// claimSent is the sentence of each claim; byteAt and runeAt the
	// byte and code-point offsets of each sentence's start.
	claimSent      []int
	byteAt, runeAt []int
}

// owned is a sentence and the sentence of the event it speaks of.
type owned struct{ sentence, owner int }

func (ix indexes) of(a *model.Article) *articleIndex {
	if x, ok := ix[a]; ok {
		return x
	}
	an := a.Annotations
	x := &articleIndex{events: map[int][]*model.Event{}, tells: map[int]bool{}, report: map[int]bool{}}
	sents := make([]int, 0, len(an.Events))
	for i, ev := range an.Events {
		x.events[ev.Sentence] = append(x.events[ev.Sentence], &an.Events[i])
		x.tells[ev.Sentence] = true
		x.report[ev.Sentence] = x.report[ev.Sentence] || ev.Dated || ev.Background
		sents = append(sents, ev.Sentence)
	}
	sort.Ints(sents)
	for _, q := range an.Quantities {
		if q.Fact != "" && !q.Ordinal {
			si := sentenceIndex(a, q.Start)
			owner := countOwner(sents, si)
			if x.tells[si] {
				owner = si
			}
			x.counts = append(x.counts, owned{si, owner})
		}
	}
	x.byteAt, x.runeAt = make([]int, len(an.Sentences)), make([]int, len(an.Sentences))
	runes, at := 0, 0
	for i, sn := range an.Sentences {
		runes += utf8.RuneCountInString(a.Text[at:sn[0]])
		at = sn[0]
		x.byteAt[i], x.runeAt[i] = sn[0], runes
	}
	x.claimSent = make([]int, len(an.Claims))
	for i, c := range an.Claims {
		si := sentenceIndex(a, c.SentenceStart)
		x.claimSent[i] = si
		owner := nearestEvent(sents, si)
		named := strings.TrimSpace(c.Speaker.Name) != "" && c.Speaker.Description == ""
		if c.Stance.Disputes() || named && !otherDay(an, si, owner) {
			x.claims = append(x.claims, owned{si, owner})
		}
	}
	ix[a] = x
	return x
}

// otherDay reports whether sentence si dates something to a day other
// than the event of sentence owner: "On March 2, a naval drone was
// destroyed, the fleet said at the time" speaks of an earlier event.
func otherDay(an *model.Annotations, si, owner int) bool {
	if si < 0 || owner < 0 {
		return false
	}
	var ev *model.Event
	for i := range an.Events {
		if an.Events[i].Sentence == owner {
			ev = &an.Events[i]
			break
		}
	}
	s := an.Sentences[si]
	for _, t := range an.Times {
		if t.Start < s[0] || t.End > s[1] || t.Ref != "" || t.MonthDay != "" || t.Precision.EventRank() == 0 {
			continue
		}
		if ev == nil || !ev.Dated || t.To.Before(ev.From) || t.From.After(ev.To) || t.To.Equal(ev.From) {
			return true
		}
	}
	return false
}

// sameAsMember reports whether one of the events told in a sentence is
// at the very place and of the kind of one of the article's reports of
// this incident (the article tells it again without a time: "the drones
// that attacked the Kremlin").
func sameAsMember(events []*model.Event, ms []Mention) bool {
	for _, ev := range events {
		if ev.Place == nil {
			continue
		}
		for _, m := range ms {
			if strictPlace(ev.Place, &m.Place) && compatibleTypes(ev.SubEventType, m.SubEventType) {
				return true
			}
		}
	}
	return false
}

// nearestEvent is the nearest of the sorted event sentences to sentence
// si, the earlier at equal distance, or -1 when there are none.
func nearestEvent(sents []int, si int) int {
	i := sort.SearchInts(sents, si) // first at or after si
	switch {
	case len(sents) == 0:
		return -1
	case i == len(sents):
		return sents[i-1]
	case i == 0 || sents[i] == si:
		return sents[i]
	case si-sents[i-1] <= sents[i]-si:
		return sents[i-1]
	}
	return sents[i]
}

// countOwner is the sentence of the event a count in sentence si speaks
// of, or -1: the nearest of the sorted event sentences before it (at most
// countAfter sentences), else the nearest after it (at most countBefore).
func countOwner(sents []int, si int) int {
	i := sort.SearchInts(sents, si) // first at or after si
	if i > 0 && si-sents[i-1] <= countAfter {
		return sents[i-1]
	}
	for i < len(sents) && sents[i] == si {
		i++
	}
	if i < len(sents) && sents[i]-si <= countBefore {
		return sents[i]
	}
	return -1
}

// setMembers lists the reports, in article and sentence order.
func setMembers(inc *model.Incident, ms []Mention) {
	for _, m := range ms {
		inc.Members = append(inc.Members, model.MentionRef{Article: m.ArticleID, Sentence: m.Sentence})
	}
	sort.Slice(inc.Members, func(i, j int) bool {
		a, b := inc.Members[i], inc.Members[j]
		return a.Article < b.Article || a.Article == b.Article && a.Sentence < b.Sentence
	})
}

// gatherEvidence lists the incident's articles and the evidence of each
// report: the claims of its sentence (else the outlet's own sentence), and
// the denials and accusations near it. dateClaims are the claims that date
// the incident, by day.
func gatherEvidence(inc *model.Incident, ms []Mention, byID map[int64]*model.Article, ix indexes) ([]evidence, map[string][]string) {
	arts := map[int64]bool{}
	var evs []evidence
	have := map[string]bool{}
	dateClaims := map[string][]string{}
	add := func(e evidence) {
		if !have[e.claim.ID] {
			have[e.claim.ID] = true
			evs = append(evs, e)
		}
	}
	dates := func(m Mention, e evidence) {
		add(e)
		if m.Dated && overlapsDay(m, inc.Date) {
			dateClaims[inc.Date] = appendUnique(dateClaims[inc.Date], e.claim.ID)
		} else if m.Dated {
			dateClaims[midDay(m)] = appendUnique(dateClaims[midDay(m)], e.claim.ID)
		}
	}
	for _, m := range ms {
		a := m.Article
		if !arts[a.ID] {
			arts[a.ID] = true
			inc.Articles = append(inc.Articles, articleRef(a))
		}
		x := ix.of(a)
		covered := false
		for ci, c := range a.Annotations.Claims {
			if c.SentenceEnd <= m.Start || c.SentenceStart >= m.End {
				continue
			}
			covered = true
			dates(m, claimEvidence(a, x, ci, c, byID))
		}
		if !covered {
			dates(m, reportedEvidence(a, x, m, byID))
		}
		// Denials and accusations near the report belong to the incident too.
		for ci, c := range a.Annotations.Claims {
			if c.Stance.Disputes() && abs(x.claimSent[ci]-m.Sentence) <= 3 && !have[claimID(a, ci)] {
				add(claimEvidence(a, x, ci, c, byID))
			}
		}
	}
	sort.Slice(inc.Articles, func(i, j int) bool { return inc.Articles[i].ID < inc.Articles[j].ID })
	sort.Slice(evs, func(i, j int) bool { return evs[i].claim.ID < evs[j].claim.ID })
	return evs, dateClaims
}

// setOrigins folds the evidence's origins (a role into the person holding
// it, a surname into the full name) and lists the claims and origins.
func setOrigins(inc *model.Incident, evs []evidence, byID map[int64]*model.Article) {
	var all []model.Claim
	for _, a := range inc.Articles {
		all = append(all, byID[a.ID].Annotations.Claims...)
	}
	foldOrigins(evs, all)
	origins, parties := map[string]bool{}, map[string]bool{}
	for i := range evs {
		c := &evs[i].claim
		// A state's bodies and officials are one party (the Kremlin, its
		// spokesman, the defence ministry, a governor); anyone else, and
		// an outlet for its own reporting, is a party of their own.
		c.Party = c.Speaker.Party
		if c.Party == "" {
			c.Party = c.Origin
		}
		inc.Claims = append(inc.Claims, *c)
		if !origins[c.Origin] {
			origins[c.Origin] = true
			inc.Origins = append(inc.Origins, c.Origin)
		}
		if !parties[c.Party] {
			parties[c.Party] = true
			inc.Parties = append(inc.Parties, c.Party)
		}
	}
	sort.Strings(inc.Origins)
	sort.Strings(inc.Parties)
	inc.IndependentOrigins = len(inc.Parties)
}

// factValues collects each fact's values and the claims stating them: the
// dates, and every count in a report that the language stage named (a
// count only counts inside the claim whose sentence holds it). counts
// gives each value's bounds.
func factValues(ms []Mention, evs []evidence, dateClaims map[string][]string) (values map[string]map[string][]string, counts map[string]model.Count) {
	values = map[string]map[string][]string{} // fact → value → claims
	counts = map[string]model.Count{}         // value → its bounds (a value's words fix them)
	put := func(fact, value, claim string) {
		if values[fact] == nil {
			values[fact] = map[string][]string{}
		}
		values[fact][value] = appendUnique(values[fact][value], claim)
	}
	for day, cs := range dateClaims {
		for _, c := range cs {
			put("date", day, c)
		}
	}
	for _, m := range ms {
		a := m.Article
		for _, q := range a.Annotations.Quantities {
			if q.Start < m.Start || q.End > m.End || q.Ordinal || q.Fact == "" {
				continue
			}
			if claim := claimHolding(evs, a.ID, q); claim != "" {
				v := quantityValue(q)
				counts[v] = q.Count
				put(q.Fact, v, claim)
			}
		}
	}
	return values, counts
}

// claimHolding is the evidence whose claimed text and sentence hold q.
func claimHolding(evs []evidence, article int64, q model.Quantity) string {
	for _, e := range evs {
		if e.claim.Article == article && q.Start >= e.start && q.End <= e.end && e.sent[0] <= q.Start && q.End <= e.sent[1] {
			return e.claim.ID
		}
	}
	return ""
}

// mergeFacts turns each fact's values into facts with a status, and
// contradictions where origins disagree.
func mergeFacts(inc *model.Incident, values map[string]map[string][]string, counts map[string]model.Count, evs []evidence, byID map[int64]*model.Article) {
	origin := map[string]string{}
	published := map[string]time.Time{} // claim → its article's publication time
	for _, e := range evs {
		origin[e.claim.ID] = e.claim.Origin
		if a := byID[e.claim.Article]; a != nil && a.DatePrec != model.PrecisionNone {
			published[e.claim.ID] = a.Published
		}
	}
	var names []string
	for n := range values {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		return factOrder(names[i]) < factOrder(names[j]) || factOrder(names[i]) == factOrder(names[j]) && names[i] < names[j]
	})
	for _, n := range names {
		vals := values[n]
		var vs []string
		for v := range vals {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		status := model.SingleSource
		if len(vs) > 1 && disagree(n, vs, vals, counts, origin, published) {
			status = model.Contradicted
			con := model.Contradiction{Fact: n}
			for _, v := range vs {
				con.Values = append(con.Values, model.ContradictionValue{Value: v, Claims: vals[v]})
			}
			inc.Contradictions = append(inc.Contradictions, con)
		}
		for _, v := range vs {
			st := status
			if st != model.Contradicted && distinctOrigins(vals[v], origin) >= 2 {
				st = model.Corroborated
			}
			f := model.Fact{Name: n, Value: v, Unit: factUnit(n), Claims: vals[v], Status: st}
			if c, ok := counts[v]; ok {
				f.Count = &c
			}
			inc.Facts = append(inc.Facts, f)
		}
	}
}

// disagree reports whether a fact's values contradict each other. Values
// disagree only when different origins give them: one origin revising its
// own count is not a contradiction between sources, nor are a bound and a
// number inside it, nor a casualty toll that rose in later reports.
func disagree(fact string, vs []string, vals map[string][]string, counts map[string]model.Count, origin map[string]string, published map[string]time.Time) bool {
	valueOrigins := map[string]bool{}
	for _, v := range vs {
		for _, c := range vals[v] {
			valueOrigins[v+"\x00"+origin[c]] = true
		}
	}
	toll := fact == "killed" || fact == "injured"
	for _, v := range vs {
		for _, w := range vs {
			cv, cw := counts[v], counts[w]
			if v == w || countsAgree(cv, cw) || toll && (tollRose(vals[v], vals[w], cv, cw, published) || tollRose(vals[w], vals[v], cw, cv, published)) {
				continue
			}
			for _, c := range vals[v] {
				if !valueOrigins[w+"\x00"+origin[c]] && !sharesOrigin(vals[w], origin, origin[c]) {
					return true
				}
			}
		}
	}
	return false
}

// distinctOrigins counts the origins of claims.
func distinctOrigins(claims []string, origin map[string]string) int {
	distinct := map[string]bool{}
	for _, c := range claims {
		distinct[origin[c]] = true
	}
	return len(distinct)
}

// setResponsibility: one side accusing while another denies is a
// contradiction on responsibility.
func setResponsibility(inc *model.Incident, evs []evidence) {
	var deny, accuse []string
	for _, e := range evs {
		switch e.claim.Stance {
		case model.Denies:
			deny = append(deny, e.claim.ID)
		case model.Accuses:
			accuse = append(accuse, e.claim.ID)
		}
	}
	if len(deny) > 0 && len(accuse) > 0 {
		inc.Contradictions = append(inc.Contradictions, model.Contradiction{Fact: "responsibility",
			Values: []model.ContradictionValue{{Value: "accused", Claims: accuse}, {Value: "denied", Claims: deny}}})
	}
}

// foldOrigins merges origins that are one source under two descriptions:
// a role without a name ("the regional governor") takes the name of the
// person who holds that role in the same report set ("Governor Igor
// Malykhin"); an institution ("the regional military administration")
// takes the person speaking as its head.
func foldOrigins(evs []evidence, claims []model.Claim) {
	type named struct{ name, role, alias string }
	var people []named
	bySurname := map[string]string{} // "Peskov" → "Dmitry Peskov"; "" when two people share it
	for _, c := range claims {
		sp := c.Speaker
		f := strings.Fields(sp.Name)
		fullName := len(f) >= 2 && startsUpperWord(sp.Name) // "Dmitry Peskov", not "Peskov" or "the ministry"
		if fullName && !strings.ContainsAny(sp.Name, "'’") {
			last := f[len(f)-1]
			if full, seen := bySurname[last]; seen && full != sp.Name {
				bySurname[last] = ""
			} else {
				bySurname[last] = sp.Name
			}
		}
		if fullName && sp.Role != "" {
			// The alias is what other reports call this role ("regional
			// governor" for the head of a regional administration; the
			// body a spokesman speaks for).
			people = append(people, named{name: sp.Name, role: strings.ToLower(sp.Role), alias: sp.Alias})
		}
	}
	for i := range evs {
		c := &evs[i].claim
		if c.Reported {
			continue
		}
		// A surname alone ("Peskov said") is the person another report of
		// the incident names in full, when only one fits.
		if full := bySurname[c.Origin]; full != "" {
			c.Origin = full
			continue
		}
		o := c.Speaker.Description
		if o == "" || c.Origin != strings.TrimSpace(c.Speaker.Name) && c.Origin != c.Speaker.Affiliation {
			continue // a name ("Russia", "Kremlin") is its own origin
		}
		words := strings.Fields(o)
		head := words[len(words)-1]
		for _, p := range people {
			if p.name == c.Origin {
				break
			}
			if describes(p.role, o, head, len(words)) || describes(p.alias, o, head, len(words)) {
				c.Origin = p.name
				break
			}
		}
	}
}

// describes reports whether a named person's role (lower case) fits a bare
// origin o: it contains o, or o is one or two words ending in the role's
// last word ("the ministry", "regional administration").
func describes(role, o, head string, words int) bool {
	return role != "" && (strings.Contains(role, o) || words <= 2 && strings.HasSuffix(role, head))
}

func startsUpperWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 'A' && r <= 'Z' || r > 127
}

// sharesOrigin reports whether any of claims traces to o.
func sharesOrigin(claims []string, origin map[string]string, o string) bool {
	for _, c := range claims {
		if origin[c] == o {
			return true
		}
	}
	return false
}

func articleRef(a *model.Article) model.IncidentArticle {
	r := model.IncidentArticle{ID: a.ID, Path: a.Path, URL: a.URL, Site: a.Site, Title: a.Title, DuplicateOf: a.DuplicateOf}
	if !a.Published.IsZero() {
		r.Published = a.Published.UTC().Format(time.RFC3339)
	}
	return r
}

// originSite is the outlet an article's own reporting traces back to: a
// syndicated copy's original outlet.
func originSite(a *model.Article, byID map[int64]*model.Article) string {
	if o := byID[a.DuplicateOf]; o != nil {
		a = o
	}
	if a.Site != "" {
		return a.Site
	}
	return filepath.Base(a.Path)
}

func claimEvidence(a *model.Article, x *articleIndex, i int, c model.Claim, byID map[int64]*model.Article) evidence {
	origin := strings.TrimSpace(c.Speaker.Name)
	if origin == "" {
		origin = c.Speaker.Affiliation
	}
	if origin == "" {
		origin = "outlet:" + originSite(a, byID)
	}
	return evidence{
		claim: model.IncidentClaim{
			ID: claimID(a, i), Article: a.ID, Speaker: c.Speaker, Cue: c.Cue, Stance: c.Stance, Text: c.Text,
			Sentence: a.Text[c.SentenceStart:c.SentenceEnd], Start: x.runeOffset(a.Text, c.Start), End: x.runeOffset(a.Text, c.End), Origin: origin,
		},
		start: c.Start, end: c.End, sent: [2]int{c.SentenceStart, c.SentenceEnd},
	}
}

func claimID(a *model.Article, i int) string { return fmt.Sprintf("a%d-c%d", a.ID, i) }

// reportedEvidence is a report in the outlet's own voice.
func reportedEvidence(a *model.Article, x *articleIndex, m Mention, byID map[int64]*model.Article) evidence {
	site := originSite(a, byID)
	if m.Sentence == model.HeadlineSentence {
		// The headline is the report: no sentence of the text holds it.
		return evidence{claim: model.IncidentClaim{ID: fmt.Sprintf("a%d-h", a.ID), Article: a.ID, Speaker: model.Speaker{Name: site, Role: "reporting outlet"},
			Stance: model.Asserts, Text: a.Title, Sentence: a.Title, Origin: "outlet:" + site, Reported: true}}
	}
	return evidence{
		claim: model.IncidentClaim{
			ID: fmt.Sprintf("a%d-s%d", a.ID, m.Sentence), Article: a.ID, Speaker: model.Speaker{Name: site, Role: "reporting outlet"},
			Stance: model.Asserts, Text: a.Text[m.Start:m.End], Sentence: a.Text[m.Start:m.End],
			Start: x.runeOffset(a.Text, m.Start), End: x.runeOffset(a.Text, m.End), Origin: "outlet:" + site, Reported: true,
		},
		start: m.Start, end: m.End, sent: [2]int{m.Start, m.End},
	}
}

// runeOffset turns byte offset b of the article's text into a code-point
// offset, counting from the start of its sentence (counting from the start
// of the text made a long page quadratic).
func (x *articleIndex) runeOffset(text string, b int) int {
	i := sort.SearchInts(x.byteAt, b+1) - 1 // last sentence starting at or before b
	if i < 0 {
		return utf8.RuneCountInString(text[:b])
	}
	return x.runeAt[i] + utf8.RuneCountInString(text[x.byteAt[i]:b])
}

func sentenceIndex(a *model.Article, start int) int {
	ss := a.Annotations.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i][1] > start })
	if i < len(ss) && ss[i][0] <= start {
		return i
	}
	return -100
}

// overlapsDay reports whether a mention's time span reaches into a day
// (YYYY-MM-DD): "Thursday night" and "overnight" told on Friday both state
// a night that touches Thursday and Friday, and do not contradict each
// other.
func overlapsDay(m Mention, day string) bool {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return false
	}
	return m.From.UTC().Before(d.AddDate(0, 0, 1)) && m.To.UTC().After(d)
}

func midDay(m Mention) string {
	mid := m.From.Add(m.To.Sub(m.From) / 2)
	if m.To.Sub(m.From) >= 24*time.Hour {
		mid = m.From
	}
	return mid.UTC().Format("2006-01-02")
}

// countsAgree reports whether two stated values of a count can both be true:
// a bound and a number inside it ("at least 9" and "9", "more than 10" and
// "12", "up to 5" and "3", "dozens" and "30"). Approximate figures are not
// compared.
func countsAgree(v, w model.Count) bool {
	return v.Exact() && w.Admits(v.Min) || w.Exact() && v.Admits(w.Min)
}

// tollRose reports whether a casualty count rose from v to w between
// reports: w is larger and every report of it was published after every
// report of v ("two killed" on Thursday, "the death toll rose to three" on
// Friday is an update, not a contradiction).
func tollRose(vClaims, wClaims []string, v, w model.Count, published map[string]time.Time) bool {
	if w.Min <= v.Min {
		return false
	}
	var lastV, firstW time.Time
	for _, c := range vClaims {
		t, ok := published[c]
		if !ok {
			return false
		}
		if t.After(lastV) {
			lastV = t
		}
	}
	for _, c := range wClaims {
		t, ok := published[c]
		if !ok {
			return false
		}
		if firstW.IsZero() || t.Before(firstW) {
			firstW = t
		}
	}
	return firstW.After(lastV)
}

func quantityValue(q model.Quantity) string {
	v := strconv.FormatFloat(q.Value, 'f', -1, 64)
	switch q.Qualifier {
	case "", "the other", "another":
		return v
	case "dozens", "hundreds", "thousands", "several", "a few", "a number of", "scores", "a dozen":
		return q.Qualifier
	}
	return q.Qualifier + " " + v
}

func factUnit(name string) string {
	switch {
	case name == "date" || name == "place":
		return ""
	case name == "killed" || name == "injured" || name == "missing":
		return "people"
	}
	return strings.Fields(name)[0]
}

func factOrder(n string) int {
	switch {
	case n == "date":
		return 0
	case strings.HasSuffix(n, "launched"), strings.HasSuffix(n, "reported"):
		return 1
	case strings.HasSuffix(n, "downed"), strings.HasSuffix(n, "jammed"):
		return 2
	case strings.HasSuffix(n, "hit"):
		return 3
	case n == "killed", n == "injured", n == "missing":
		return 4
	}
	return 5
}

// actors: the side named with the weapon ("Ukrainian drones", "a Russian
// missile") as the reported attacker, the place's country as the location.
func actors(ms []Mention, loc model.Location, opts Options) []model.Actor {
	out := []model.Actor{}
	seen := map[string]bool{}
	for _, m := range ms {
		for _, ev := range m.Article.Annotations.Events {
			if ev.Sentence != m.Sentence {
				continue
			}
			for _, c := range ev.Attackers {
				if !seen[c] {
					seen[c] = true
					out = append(out, model.Actor{Name: c, Role: "attacker (as reported)"})
				}
			}
		}
	}
	if loc.Country != "" {
		name := loc.Country
		if opts.CountryName != nil {
			name = opts.CountryName(loc.Country)
		}
		out = append(out, model.Actor{Name: name, Role: "location"})
	}
	return out
}

func argmax[K ~string](m map[K]int) K {
	var best K
	n := -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
