package nlp

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/nlp/gazetteer"
	"sitrep/internal/nlp/ner"
	nermodel "sitrep/internal/nlp/ner/model"
)

// Entity types (model's, under the names this package uses).
const (
	Person    = model.EntPerson
	Org       = model.EntOrg
	Loc       = model.EntLoc
	Norp      = model.EntNORP // nationalities and groups: "Ukrainian", "pro-war bloggers"
	Equipment = model.EntEquipment
	Misc      = model.EntMisc
)

// Place is where a location mention was resolved to.
type Place struct {
	Name      string               `json:"name"`
	Country   string               `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Admin1    string               `json:"admin1,omitempty"`  // first-level region name (GeoNames English), as in model.Location
	Lat       float64              `json:"lat"`
	Lon       float64              `json:"lon"`
	GeoNameID int64                `json:"geonameid,omitempty"`
	Precision model.PlacePrecision `json:"precision"`
	BBox      []float64            `json:"bbox,omitempty"` // west, south, east, north: a sea's or region's extent
}

// Entity is a named mention with byte offsets.
type Entity struct {
	Start, End int
	Text       string
	Type       model.EntityType
	Canonical  string // the name all mentions of one entity share ("Vladimir Putin", "Kyiv")
	Place      *Place // for locations that resolved
}

// Speaker is who a claim is attributed to.
type Speaker struct {
	Name        string `json:"name"`
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
}

// Claim is an attribution with its speaker resolved.
type Claim struct {
	Attribution
	Speaker Speaker
	Text    string // the content
	Cue     string // the cue words
}

// Annotations is everything the language stage finds in one text.
type Annotations struct {
	Sentences         []Span
	Entities          []Entity
	Times             []Timex
	Quantities        []Quantity
	Claims            []Claim
	Reference         time.Time // what relative dates were resolved against
	ReferenceInferred bool      // no publication date: inferred from dates in the text
}

var (
	// Both run on ASCII-lower-cased text (see asciiLower).
	equipmentRe = regexp.MustCompile(`\b(?:(?:marine|naval|sea|kamikaze|attack|combat|reconnaissance|small|long-range)\s+)?(?:drones?|uavs?|unmanned aerial vehicles?|unmanned boats?)\b|\b(?:shahed(?:-\d+)?|lancet|bayraktar(?: tb2)?|pantsir(?:-s1)?|patriot(?: systems?| missiles?| air defen[cs]e system)?|s-[2345]00|iskander(?:-m)?|kinzhal|kalibr|himars|atacms|storm shadow|iris-t|nasams|tor-m\d|buk-m\d|tochka-u)\b|\b(?:ballistic|cruise|guided|anti-aircraft|hypersonic)\s+missiles?\b|\b(?:anti-aircraft|air defen[cs]e|radar(?: defen[cs]e)?|electronic warfare)\s+systems?\b|\bjamming\b|\bdirty bomb\b|\btactical nuclear weapons\b`)
	groupRe     = regexp.MustCompile(`\b(?:pro-war\s+(?:nationalist\s+)?(?:bloggers?|commentators|channels)|(?:nationalist|military)\s+bloggers|(?:russian|ukrainian)\s+(?:rebels|partisans|volunteers)|mercenar(?:y|ies)|militias?|local resistance forces|neo-nazis)\b`)
	pronounSrc  = set("he", "she", "they", "it", "we", "i")
	// Words one of which every match of the rules above contains: the
	// regexes only run on sentences that have one.
	equipmentHints = []string{"drone", "uav", "unmanned", "missile", "anti-aircraft", "air defen", "radar", "electronic warfare",
		"jamming", "dirty bomb", "nuclear", "shahed", "lancet", "bayraktar", "pantsir", "patriot", "s-2", "s-3", "s-4", "s-5",
		"iskander", "kinzhal", "kalibr", "himars", "atacms", "storm shadow", "iris-t", "nasams", "tor-m", "buk-m", "tochka"}
	groupHints = []string{"blogger", "rebels", "partisans", "volunteers", "mercenar", "militia", "resistance", "neo-nazi", "commentators", "channels"}
	platforms  = set("telegram", "twitter", "x", "facebook", "youtube", "vkontakte", "vk", "whatsapp", "instagram", "tiktok", "truth social")
)

var typeMap = map[string]model.EntityType{"PER": Person, "ORG": Org, "LOC": Loc, "MISC": Misc}

// Annotate runs the whole language stage over clean article text.
// published may be zero; the reference for relative dates is then inferred
// from full dates in the text, if any.
func Annotate(text string, published time.Time) *Annotations {
	an := &Annotations{Reference: published}
	if published.IsZero() {
		if ref, ok := InferReference(text); ok {
			an.Reference, an.ReferenceInferred = ref, true
		}
	}
	g := gazetteer.Default()
	sents := Sentences(text)
	for _, s := range sents {
		an.Sentences = append(an.Sentences, Span{s.Start, s.End})
	}
	// The reference day picks officeholders for names and roles.
	date := ""
	if !an.Reference.IsZero() {
		date = an.Reference.Format(time.DateOnly)
	}
	ents := entitiesIn(g, text, sents, date)
	an.Entities = ents

	// Without a reference only expressions that carry their year resolve.
	an.Times = timexIn(text, an.Sentences, an.Reference)
	an.Quantities = quantitiesOf(text, sents)
	an.Claims = claimsOf(g, text, sents, ents, date)
	return an
}

// entitiesIn finds the named entities of text's sentences and resolves
// them (places, canonical names; date picks officeholders).
func entitiesIn(g *gazetteer.Gazetteer, text string, sents []Sentence, date string) []Entity {
	words := make([][]string, len(sents))
	for i, s := range sents {
		for _, t := range s.Tokens {
			words[i] = append(words[i], t.Text)
		}
	}
	labels := nermodel.Default().TagDoc(words, nermodel.DefaultContext())
	ents := taggedEntities(g, text, sents, labels)
	sort.SliceStable(ents, func(a, b int) bool { return ents[a].Start < ents[b].Start })
	lower := asciiLower(text)
	ents = ruleEntities(text, lower, sents, ents)
	ents = landmarkEntities(text, lower, ents)
	sortEntities(ents)
	ents = mergeAdjacent(text, ents, Equipment)
	resolveEntities(g, text, ents, date)
	return ents
}

// taggedEntities reads the tagger's spans as entities, typed by the rules
// that know better than the tagger (typeSpan), and adds the capitalised
// words it left out that are large towns ("El-Fasher").
func taggedEntities(g *gazetteer.Gazetteer, text string, sents []Sentence, labels [][]string) []Entity {
	var ents []Entity
	for i, s := range sents {
		for _, sp := range ner.Spans(labels[i]) {
			e := Entity{Start: s.Tokens[sp.Start].Start, End: s.Tokens[sp.End-1].End, Type: typeMap[sp.Type]}
			e.Text = text[e.Start:e.End]
			typeSpan(g, &e)
			// "Parts of Sumy", "Mayor of Kharkiv": a large city closing an
			// "X of City" name is also a place mention.
			if k := strings.LastIndex(e.Text, " of "); k > 0 && e.Type != Loc {
				city := e.Text[k+4:]
				if isTown(g, city, 100_000) {
					ents = append(ents, Entity{Start: e.Start + k + 4, End: e.End, Text: city, Type: Loc})
					e.End, e.Text = e.Start+k, e.Text[:k]
				}
			}
			ents = append(ents, e)
		}
		// A capitalised word the tagger left out that is no English word
		// and names a town of 100,000 or more is that town ("El-Fasher").
		for j, tok := range s.Tokens {
			if labels[i][j] != "O" || !startsUpper(tok.Text) || len(tok.Text) < 4 || g.IsWord(tok.Text) || g.IsPersonName(tok.Text) {
				continue
			}
			if isTown(g, tok.Text, 100_000) {
				ents = append(ents, Entity{Start: tok.Start, End: tok.End, Text: tok.Text, Type: Loc})
			}
		}
	}
	return ents
}

// typeSpan corrects the tagger's type of a span where the gazetteer and
// the word lists know better.
func typeSpan(g *gazetteer.Gazetteer, e *Entity) {
	if e.Type == Misc && isNationality(g, e.Text) {
		e.Type = Norp
	}
	if g.Landmark(e.Text) != nil {
		e.Type = Loc // the curated list knows better than the tagger
	}
	// One word tagged MISC, or PERSON without being a name, that is a town
	// of 50,000 or more is that town ("a drone attack on Engels", "Kyiv
	// said").
	if (e.Type == Misc || e.Type == Person && !g.IsPersonName(e.Text)) && !strings.Contains(e.Text, " ") {
		if isTown(g, e.Text, 50_000) {
			e.Type = Loc
		}
	}
	if platforms[strings.ToLower(e.Text)] {
		e.Type = Org // "Telegram" is not a person
	}
}

// ruleEntities adds the equipment and armed groups the rules find; they
// take precedence over overlapping tagger output (but a person stays).
func ruleEntities(text, lower string, sents []Sentence, ents []Entity) []Entity {
	for _, rule := range []struct {
		re    *regexp.Regexp
		typ   model.EntityType
		hints []string
	}{{equipmentRe, Equipment, equipmentHints}, {groupRe, Norp, groupHints}} {
		for _, m := range findInSentences(rule.re, rule.hints, lower, sents) {
			// "Patriot" is equipment, "patriot" is a word; "Grad" was dropped
			// for the same reason.
			if strings.HasPrefix(lower[m[0]:m[1]], "patriot") && !startsUpper(text[m[0]:m[1]]) {
				continue
			}
			kept := ents[:0]
			for _, e := range ents {
				if e.End <= m[0] || e.Start >= m[1] || e.Type == Person {
					kept = append(kept, e)
				}
			}
			ents = append(kept, Entity{Start: m[0], End: m[1], Text: text[m[0]:m[1]], Type: rule.typ})
		}
	}
	return ents
}

// landmarkEntities finds the curated landmarks in the text itself,
// whatever the tagger made of them ("Moscow’s business district" is not
// "Moscow"), replacing what overlaps them.
func landmarkEntities(text, lower string, ents []Entity) []Entity {
	for _, lm := range gazetteer.Landmarks {
		for _, name := range lm.Names {
			forms := []string{name}
			if strings.Contains(name, "'") {
				forms = append(forms, strings.ReplaceAll(name, "'", "’"))
			}
			for _, form := range forms {
				ents = landmarkForm(text, lower, form, ents)
			}
		}
	}
	return ents
}

// landmarkForm adds every whole-word occurrence of one spelling of a
// landmark.
func landmarkForm(text, lower, form string, ents []Entity) []Entity {
	for off := 0; ; {
		k := strings.Index(lower[off:], form)
		if k < 0 {
			return ents
		}
		s, e := off+k, off+k+len(form)
		off = e
		if (s > 0 && isWordByte(lower[s-1])) || (e < len(lower) && isWordByte(lower[e])) {
			continue
		}
		// "Black Sea Fleet" is a name of its own, not the sea.
		if e+1 < len(text) && text[e] == ' ' && startsUpper(text[e+1:]) {
			continue
		}
		kept := ents[:0]
		for _, x := range ents {
			if x.End <= s || x.Start >= e {
				kept = append(kept, x)
			}
		}
		ents = append(kept, Entity{Start: s, End: e, Text: text[s:e], Type: Loc})
	}
}

// quantitiesOf reads the counts of every sentence; a count without its
// noun takes the last one named ("two were killed").
func quantitiesOf(text string, sents []Sentence) []Quantity {
	var out []Quantity
	prev := ""
	for _, s := range sents {
		for _, q := range quantitiesIn(text, s.Tokens, prev) {
			if q.Noun != "" {
				prev = q.Noun
			}
			out = append(out, q)
		}
	}
	return out
}

// claimsOf reads the attributed claims, each speaker resolved against the
// entities and the speakers before it ("he said").
func claimsOf(g *gazetteer.Gazetteer, text string, sents []Sentence, ents []Entity, date string) []Claim {
	var out []Claim
	var history []Speaker
	for _, a := range attributionsIn(text, sents) {
		c := Claim{Attribution: a, Text: text[a.Content.Start:a.Content.End], Cue: text[a.Cue.Start:a.Cue.End]}
		c.Speaker = fillFromEarlier(resolveSpeaker(g, text, a.Source, ents, history, date), history)
		if c.Speaker.Name != "" {
			history = append(history, c.Speaker)
		}
		out = append(out, c)
	}
	return out
}

// findInSentences runs re over the sentences of lower that contain one of
// hints and returns match offsets into lower.
func findInSentences(re *regexp.Regexp, hints []string, lower string, sents []Sentence) [][]int {
	var out [][]int
	for _, s := range sents {
		seg := lower[s.Start:s.End]
		if !containsAny(seg, hints) {
			continue
		}
		for _, m := range re.FindAllStringIndex(seg, -1) {
			out = append(out, []int{m[0] + s.Start, m[1] + s.Start})
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// isTown reports whether a name is, first of all, a populated place of at
// least minPop people, and not a country.
func isTown(g *gazetteer.Gazetteer, name string, minPop int64) bool {
	ps := g.Places(name)
	return len(ps) > 0 && ps[0].Population >= minPop && g.Country(name) == nil
}

func isNationality(g *gazetteer.Gazetteer, s string) bool {
	if g.Demonym(s) != nil {
		return true
	}
	ls := strings.ToLower(s)
	for _, suf := range []string{"ian", "ese", "ish", "ean", "an", "i"} {
		if strings.HasSuffix(ls, suf) && !strings.Contains(ls, " ") && len(ls) > 4 {
			return suf != "an" && suf != "i" || g.Country(strings.TrimSuffix(ls, suf)) != nil || strings.HasSuffix(ls, "ican")
		}
	}
	return false
}

// mergeAdjacent joins mentions of one type separated by a single space:
// "Pantsir" + "anti-aircraft systems".
func mergeAdjacent(text string, es []Entity, typ model.EntityType) []Entity {
	var out []Entity
	for _, e := range es {
		if n := len(out); n > 0 && out[n-1].Type == typ && e.Type == typ && strings.TrimSpace(text[out[n-1].End:e.Start]) == "" && e.Start-out[n-1].End <= 1 {
			out[n-1].End = e.End
			out[n-1].Text = text[out[n-1].Start:e.End]
			continue
		}
		out = append(out, e)
	}
	return out
}

func sortEntities(es []Entity) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// resolveEntities gives each mention a canonical name: a surname alone takes
// the full name mentioned elsewhere in the text ("Putin" → "Vladimir
// Putin"); places take their gazetteer name ("Kiev" → "Kyiv") and
// coordinates, disambiguated by the countries the text mentions.
func resolveEntities(g *gazetteer.Gazetteer, text string, ents []Entity, date string) {
	full := map[string]string{} // last token → longest full name
	for _, e := range ents {
		if e.Type != Person {
			continue
		}
		name := strings.TrimSuffix(strings.TrimSuffix(e.Text, "'s"), "’s")
		f := strings.Fields(name)
		if len(f) >= 2 && len(name) > len(full[f[len(f)-1]]) {
			full[f[len(f)-1]] = name
		}
	}
	ctx := placeContextOf(g, text, ents)
	for i := range ents {
		e := &ents[i]
		switch e.Type {
		case Person:
			if len(g.Counties(e.Text)) > 0 {
				// "Harris County" tagged as a person: a county is a place.
				e.Type, e.Canonical = Loc, e.Text
				e.Place = resolvePlace(g, e.Text, ctx, ctx.within[i], false)
				continue
			}
			name := strings.TrimSuffix(strings.TrimSuffix(e.Text, "'s"), "’s")
			f := strings.Fields(name)
			e.Canonical = name
			if len(f) == 1 && full[f[0]] != "" {
				e.Canonical = full[f[0]]
			} else if len(f) == 1 {
				// A surname the article never expands: the officeholder
				// of that name, so "Putin" here is "Vladimir Putin" in
				// every other report.
				if o := g.OfficeholderNamed(name, date); o != nil {
					e.Canonical = o.Name
				}
			}
		case Loc, Org:
			e.Canonical = e.Text
			within := ctx.within[i]
			if p := resolvePlace(g, e.Text, ctx, within, dotted(text, e.End)); p != nil && !streetName(g, text, e.Text, p) && (e.Type == Loc || p.Precision == "landmark" || p.Precision == "region" || localAuthorityRe.MatchString(text[e.End:min(len(text), e.End+16)])) {
				// "the Kursk region", "Kharkiv Oblast": the region around
				// the city, not the city.
				if p.Precision == "city" && regionWordRe.MatchString(text[e.End:min(len(text), e.End+12)]) {
					q := *p
					q.Precision, q.GeoNameID, q.Name = "region", 0, p.Name+" region"
					p = &q
				}
				e.Place = p
				e.Canonical = p.Name
			}
		case Norp:
			e.Canonical = e.Text
			// "Russian", "Palestinians": the country a people's name stands
			// for, as a place at country level (it never places an event).
			if c := demonymCountry(g, e.Text); c != nil {
				e.Place = countryPlace(g, c)
			}
		default:
			e.Canonical = e.Text
		}
	}
}

// streetWords close a street's name.
var streetWords = []string{" Street", " St.", " Avenue", " Ave.", " Road", " Boulevard", " Blvd", " Drive", " Lane", " Highway"}

// streetName reports whether a name resolved to a small town is rather
// the street the same text names with it ("a shooting on Bourbon Street …
// the Bourbon bar district" is no town in Indiana). A large town keeps its
// name ("Washington Street" does not move Washington).
func streetName(g *gazetteer.Gazetteer, text, name string, p *Place) bool {
	if p.Precision != model.PlaceCity || isTown(g, name, 50_000) {
		return false
	}
	for _, w := range streetWords {
		if strings.Contains(text, name+w) {
			return true
		}
	}
	return false
}

// demonymCountry is the country of a nationality word or its plural,
// listed or formed from the country's name the regular ways ("Palestine"
// → "Palestinian", "Israel" → "Israeli", "Sudan" → "Sudanese").
func demonymCountry(g *gazetteer.Gazetteer, word string) *gazetteer.Country {
	word = strings.TrimSuffix(word, "s")
	if c := g.Demonym(word); c != nil {
		return c
	}
	for _, f := range demonymForms {
		if stem, ok := strings.CutSuffix(word, f[0]); ok && len(stem) >= 3 {
			if c := g.Country(stem + f[1]); c != nil {
				return c
			}
		}
	}
	return nil
}

// demonymForms turn a people's name back into its country's: the ending
// to drop and the one to put back.
var demonymForms = [][2]string{{"ian", "e"}, {"ian", "ia"}, {"ian", ""}, {"an", "a"}, {"n", ""}, {"i", ""}, {"ese", ""}, {"ish", ""}, {"ean", "ea"}, {"ian", "y"}}

// dotted reports whether the text has a full stop right after end: "Ky."
// (the tagger leaves the dot out of the entity).
func dotted(text string, end int) bool { return end < len(text) && text[end] == '.' }

// placeContext is what a text says about where it is: the countries and
// first-level regions it names, and for each entity the region that
// contains it when the text says so ("Covington, Ky.", "Paris, Texas").
type placeContext struct {
	countries map[string]int            // country code → mentions
	peoples   map[string]int            // country code → mentions of its people ("Georgian")
	regions   map[[2]string]int         // (country, admin1 code) → mentions
	within    map[int]*gazetteer.Region // entity index → its containing region
}

func placeContextOf(g *gazetteer.Gazetteer, text string, ents []Entity) placeContext {
	ctx := placeContext{countries: map[string]int{}, peoples: map[string]int{}, regions: map[[2]string]int{}, within: map[int]*gazetteer.Region{}}
	for i, e := range ents {
		switch e.Type {
		case Loc:
			if c := g.Country(e.Text); c != nil {
				ctx.countries[c.Code]++
				continue
			}
			// A town followed by its region: "Covington, Ky.", "Paris, TX".
			if i+1 < len(ents) && ents[i+1].Type == Loc && strings.TrimSpace(text[e.End:ents[i+1].Start]) == "," {
				if rs := containerRegions(g, ents[i+1].Text, dotted(text, ents[i+1].End)); len(rs) > 0 {
					ctx.within[i] = rs[0]
				}
			}
			if rs := standaloneRegions(g, e.Text, dotted(text, e.End)); len(rs) == 1 {
				ctx.regions[[2]string{rs[0].Country, rs[0].Code}]++
				ctx.countries[rs[0].Country]++
			}
		case Norp:
			if c := demonymCountry(g, e.Text); c != nil {
				ctx.countries[c.Code]++
				ctx.peoples[c.Code]++
			}
		case Org:
			// "Pennsylvania State Police are investigating a shooting in
			// Perry County": a state's own body names the state a story is
			// in, as much as the state's name would.
			if r := authorityRegion(g, e.Text); r != nil {
				ctx.regions[[2]string{r.Country, r.Code}]++
				ctx.countries[r.Country]++
			}
		}
	}
	return ctx
}

// authorityWords open the rest of the name of a region's own body after
// the region's name: its police, courts, offices and services.
var authorityWords = map[string]bool{"state": true, "police": true, "highway": true, "department": true, "attorney": true,
	"bureau": true, "national": true, "supreme": true, "superior": true, "court": true, "governor": true, "governor's": true,
	"sheriff": true, "fire": true, "office": true, "division": true, "emergency": true, "regional": true, "oblast": true}

// authorityRegion is the one region whose name opens an organisation's
// name before an authority word ("Pennsylvania State Police", "Texas
// Department of Public Safety", "Kharkiv Oblast Military Administration"),
// or nil.
func authorityRegion(g *gazetteer.Gazetteer, org string) *gazetteer.Region {
	words := strings.Fields(org)
	for n := min(3, len(words)-1); n >= 1; n-- {
		if !authorityWords[strings.ToLower(words[n])] {
			continue
		}
		if rs := standaloneRegions(g, strings.Join(words[:n], " "), false); len(rs) == 1 {
			return rs[0]
		}
	}
	return nil
}

// standaloneRegions are the regions a name may be on its own: its name or
// a dotted abbreviation ("Ky."), never a bare postal code ("IN", "OR",
// "ME" are words, "LA" a city).
func standaloneRegions(g *gazetteer.Gazetteer, name string, dot bool) []*gazetteer.Region {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	if len(name) == 2 && strings.ToUpper(name) == name {
		return nil
	}
	if rs := g.Regions(name); len(rs) > 0 {
		return rs
	}
	if dot {
		return g.Regions(name + ".")
	}
	return nil
}

// containerRegions are the regions a name after a town and a comma may
// be: as standaloneRegions, and a postal code as well.
func containerRegions(g *gazetteer.Gazetteer, name string, dot bool) []*gazetteer.Region {
	if rs := standaloneRegions(g, name, dot); len(rs) > 0 {
		return rs
	}
	if len(name) == 2 && strings.ToUpper(name) == name {
		return g.Regions(name)
	}
	return nil
}

// localAuthorityRe follows a town's name that the tagger took for an
// organisation but that names the town itself: its police or officials
// ("Cedar Rapids police said"), or a part of it ("Cleveland's west side").
var localAuthorityRe = regexp.MustCompile(`^(?:'s|’s|\s+(?:police|sheriff|fire|officials|authorities|mayor|city council|county))\b`)

// regionWordRe follows a city name that stands for its region.
var regionWordRe = regexp.MustCompile(`(?i)^[ -](region|oblast|province|governorate|krai|district)\b`)

// cityPartPop is the fewest people a city must have for "East X" to be a
// part of it: a small town's name after a compass word is more likely a
// place of its own the gazetteer lacks.
const cityPartPop = 100_000

// cityPart is the city a name of one of its parts names ("South
// Philadelphia" → "Philadelphia"), or "": a compass word before a name.
func cityPart(name string) string {
	first, rest, ok := strings.Cut(name, " ")
	if !ok || rest == "" {
		return ""
	}
	switch strings.ToLower(strings.ReplaceAll(first, "-", "")) {
	case "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest":
		return rest
	}
	return ""
}

// resolvePlace finds where a place name is: a curated landmark, a
// country, a first-level region or the populated place that best fits the
// text's context (its countries and regions; within, when the text says
// which region holds it), by population and standing. dot says a full
// stop follows the name ("Ky.").
func resolvePlace(g *gazetteer.Gazetteer, name string, ctx placeContext, within *gazetteer.Region, dot bool) *Place {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	if lm := g.Landmark(name); lm != nil {
		prec := model.PlaceLandmark
		if lm.Kind == "sea" || lm.Kind == "region" {
			prec = model.PlaceRegion
		}
		return &Place{Name: lm.Name, Country: lm.Country, Lat: lm.Lat, Lon: lm.Lon, Precision: prec, BBox: lm.BBox}
	}
	var regions []*gazetteer.Region
	if within == nil {
		regions = standaloneRegions(g, name, dot)
		if len(regions) > 0 && dot && len(name) == 2 {
			return regionPlace(regions[0]) // "Ga.", "Pa.": a state, not Gabon or Panama
		}
		if c := g.Country(name); c != nil {
			// "Georgia" beside "Alabama" is the state, unless the text
			// names its people too ("Georgian troops").
			for _, r := range regions {
				if r.Country != c.Code && regionsNamedIn(ctx, r.Country) && ctx.peoples[c.Code] == 0 {
					return regionPlace(r)
				}
			}
			return countryPlace(g, c)
		}
	}
	if cs := g.Counties(name); len(cs) > 0 {
		return countyPlace(g, cs, ctx, within)
	}
	var best *gazetteer.Place
	bestScore := -1.0
	for _, c := range g.Places(name) {
		if within != nil && (c.Country != within.Country || c.Admin1 != within.Code) {
			continue
		}
		score := float64(c.Population) * contextWeight(ctx, c.Country, c.Admin1)
		if c.Feature == "PPLC" || c.Feature == "PPLA" {
			score *= 3
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	// A region's population is that of all its towns, so it outweighs a
	// namesake town abroad unless the context favours the town; a big
	// town of the same country (a tenth of the region's people or more)
	// keeps the bare name ("Sumy" is the city, its region "the Sumy
	// region"; "California" is the state, not the Maryland town).
	for _, r := range regions {
		if best != nil && best.Country == r.Country && best.Population*10 >= r.Population {
			break
		}
		if score := float64(r.Population) * contextWeight(ctx, r.Country, ""); score > bestScore {
			return regionPlace(r)
		}
		break // most populous first
	}
	if best == nil {
		// "South Philadelphia", "East Oakland": a part of the city the
		// gazetteer does not list by itself.
		if rest := cityPart(name); rest != "" && isTown(g, rest, cityPartPop) {
			if p := resolvePlace(g, rest, ctx, within, false); p != nil && p.Precision == model.PlaceCity {
				return p
			}
		}
		return nil
	}
	return &Place{Name: best.Name, Country: best.Country, Admin1: g.Admin1Name(best), Lat: best.Lat, Lon: best.Lon, GeoNameID: best.ID, Precision: model.PlaceCity}
}

// contextWeight favours places in the countries the text names (×100)
// and, more, in the regions it names (×100,000): "Paris" in a story that
// names Texas is the Texan town.
func contextWeight(ctx placeContext, country, admin1 string) float64 {
	w := 1.0
	if ctx.countries[country] > 0 {
		w *= 100
	}
	if admin1 != "" && ctx.regions[[2]string{country, admin1}] > 0 {
		w *= 1000
	}
	return w
}

// regionsNamedIn reports whether the text names a region of a country.
func regionsNamedIn(ctx placeContext, country string) bool {
	for k := range ctx.regions {
		if k[0] == country {
			return true
		}
	}
	return false
}

// countyPlace picks among namesake counties the one in the region that
// holds it or that the text names, else the weightiest (most postal codes),
// in a country the text names if any.
func countyPlace(g *gazetteer.Gazetteer, cs []*gazetteer.County, ctx placeContext, within *gazetteer.Region) *Place {
	best, bestScore := cs[0], -1.0
	for _, c := range cs {
		if within != nil && (c.Country != within.Country || c.Admin1 != within.Code) {
			continue
		}
		if score := float64(c.Weight) * contextWeight(ctx, c.Country, c.Admin1); score > bestScore {
			best, bestScore = c, score
		}
	}
	admin1 := ""
	if r := g.Region(best.Country, best.Admin1); r != nil {
		admin1 = r.Name
	}
	return &Place{Name: best.Name, Country: best.Country, Admin1: admin1, Lat: best.Lat, Lon: best.Lon, Precision: model.PlaceRegion}
}

func regionPlace(r *gazetteer.Region) *Place {
	return &Place{Name: r.DisplayName(), Country: r.Country, Admin1: r.Name, Lat: r.Lat, Lon: r.Lon, Precision: model.PlaceRegion}
}

// countryPlace is a country at its own point (its mainland's centre; the
// capital when the outlines lack it).
func countryPlace(g *gazetteer.Gazetteer, c *gazetteer.Country) *Place {
	p := &Place{Name: c.Name, Country: c.Code, Precision: model.PlaceCountry, Lat: c.Lat, Lon: c.Lon}
	if p.Lat == 0 && p.Lon == 0 {
		if cap := g.Capital(c.Code); cap != nil {
			p.Lat, p.Lon = cap.Lat, cap.Lon
		} else if big := g.LargestPlace(c.Code); big != nil {
			p.Lat, p.Lon = big.Lat, big.Lon
		}
	}
	return p
}

var (
	govWords = regexp.MustCompile(`(?i)\b(president|prime minister|minister|ministry|government|kremlin|spokes(?:man|woman|person)|official|mayor|governor|foreign secretary|secretary|adviser|advisor|embassy|envoy|diplomat|presidency|parliament|lawmaker|deputy)\b`)
	milWords = regexp.MustCompile(`(?i)\b(army|military|air force|navy|forces|general|commander|defen[cs]e ministry|ministry of defen[cs]e|troops|intelligence|fleet|brigade|command)\b`)
	sides    = []struct {
		re  *regexp.Regexp
		adj string
	}{
		{regexp.MustCompile(`(?i)\b(russia(?:'s|’s)?|russian|moscow(?:'s|’s)?|kremlin)\b`), "Russian"},
		{regexp.MustCompile(`(?i)\b(ukraine(?:'s|’s)?|ukrainian|kyiv(?:'s|’s)?|kiev)\b`), "Ukrainian"},
		{regexp.MustCompile(`(?i)\b(uk|britain(?:'s|’s)?|british|london|downing street)\b`), "UK"},
		{regexp.MustCompile(`(?i)\b(us|u\.s\.|united states|american|washington|white house|pentagon)\b`), "US"},
	}
)

// affiliation names the side a source speaks for, from its own words.
func affiliation(src string) string {
	ls := strings.ToLower(src)
	switch {
	case strings.Contains(ls, "pro-war") || strings.Contains(ls, "blogger"):
		return "pro-war blogger"
	case strings.Contains(ls, "wagner"):
		return "Wagner Group"
	}
	for _, s := range sides {
		if !s.re.MatchString(src) {
			continue
		}
		switch {
		case milWords.MatchString(src):
			return s.adj + " military"
		case govWords.MatchString(src) || strings.Contains(ls, "kremlin"):
			return s.adj + " government"
		case strings.Contains(ls, "media") || strings.Contains(ls, "news"):
			return s.adj + " media"
		}
		return s.adj + " government" // a country speaking: "Russia claims", "Kyiv says"
	}
	return ""
}

// resolvePronoun is the speaker a pronoun source stands for: the nearest
// person named before "he" or "she", the organisation or country that
// opened the sentence before "it", else the last speaker.
func resolvePronoun(text, lst string, src Span, ents []Entity, history []Speaker) Speaker {
	// The nearest person named before the pronoun, else the last speaker.
	if lst == "he" || lst == "she" {
		for i := len(ents) - 1; i >= 0; i-- {
			e := ents[i]
			if e.Type == Person && e.End <= src.Start && src.Start-e.End < 600 {
				// "Podolyak, a senior advisor to President Zelensky,
				// claimed … He said": the person named in the last
				// speaker's role is not the one speaking.
				if n := len(history); n > 0 && history[n-1].Name != e.Canonical && strings.Contains(history[n-1].Role, e.Canonical) {
					return history[n-1]
				}
				for j := len(history) - 1; j >= 0; j-- {
					if history[j].Name == e.Canonical {
						return history[j]
					}
				}
				return Speaker{Name: e.Canonical, Role: roleAround(text, ents, i), Affiliation: affiliation(text[max(0, e.Start-60):e.End])}
			}
		}
	}
	// "Russia describes the attack as terrorism. It asserts that …":
	// "it" is the organisation or country that opened the sentence
	// before, not the last person quoted.
	if lst == "it" {
		if sp, ok := subjectBefore(text, src, ents, history); ok {
			return sp
		}
	}
	if len(history) > 0 {
		return history[len(history)-1]
	}
	return Speaker{}
}

// earlierSpeaker is the latest speaker before whose name or role holds
// the head word of a definite description ("the ministry").
func earlierSpeaker(lst string, history []Speaker) (Speaker, bool) {
	head := lst[strings.LastIndexByte(lst, ' ')+1:]
	for j := len(history) - 1; j >= 0; j-- {
		if strings.Contains(strings.ToLower(history[j].Name+" "+history[j].Role), head) {
			return history[j], true
		}
	}
	return Speaker{}, false
}

// personSpeaker is a source that names a person: the name, the rest of
// the source as the role ("Ukraine's foreign minister"), and the side the
// person speaks for (the source's words, the officeholders the gazetteer
// knows, else the speakers before).
func personSpeaker(g *gazetteer.Gazetteer, text string, src Span, st string, person *Entity, history []Speaker, date string) Speaker {
	sp := Speaker{Name: person.Canonical}
	role := strings.TrimSpace(text[src.Start:person.Start] + " " + strings.TrimLeft(text[person.End:src.End], ", "))
	role = trimArticle(role, "a", "an")
	if honorifics[strings.TrimSuffix(strings.ToLower(role), ".")] {
		role = "" // "Mr Putin": a courtesy title, not a role
	}
	sp.Role = strings.Trim(role, " ,")
	sp.Affiliation = affiliation(st)
	if o := g.Officeholder(sp.Role, date); o != nil && o.Name == sp.Name {
		sp.Affiliation = o.Affiliation
	} else if o := g.OfficeholderNamed(sp.Name, date); o != nil && sp.Affiliation == "" {
		sp.Affiliation = o.Affiliation
	}
	if sp.Affiliation == "" {
		sp.Affiliation = sideFromHistory(st, history)
	}
	return sp
}

// resolveSpeaker turns a source span into a speaker: the person named in
// it (with the rest of the span as the role), an office the curated list
// knows, an organisation or a country speaking, or, for a pronoun, the last
// speaker.
func resolveSpeaker(g *gazetteer.Gazetteer, text string, src Span, ents []Entity, history []Speaker, date string) Speaker {
	if src.Empty() {
		return Speaker{}
	}
	st := strings.TrimSpace(text[src.Start:src.End])
	// "Russia on Monday said", "Russia on July 17, 2023 said": the time of
	// speaking is not part of the speaker.
	if m := speakingTimeRe.FindStringIndex(st); m != nil && m[0] > 0 {
		st = strings.TrimSpace(st[:m[0]])
		src.End = src.Start + strings.Index(text[src.Start:src.End], st) + len(st)
	}
	lst := strings.ToLower(st)
	if pronounSrc[lst] {
		return resolvePronoun(text, lst, src, ents, history)
	}
	// "the ministry", "the statement": a definite description of an earlier
	// speaker; but "the Kremlin", "the Pentagon" are names of their own.
	if strings.HasPrefix(lst, "the ") && len(strings.Fields(lst)) <= 3 && !namesItself(src, ents) {
		if sp, ok := earlierSpeaker(lst, history); ok {
			return sp
		}
	}
	// A relative clause closing the source (", who represents the city")
	// describes the speaker but is neither their name nor their role.
	for _, rel := range []string{", who ", ", which "} {
		if k := strings.Index(st, rel); k > 0 {
			st = st[:k]
			src.End = src.Start + strings.Index(text[src.Start:src.End], rel)
			break
		}
	}
	var person, other *Entity
	for i := range ents {
		e := &ents[i]
		if e.Start >= src.Start && e.End <= src.End {
			if e.Type == Person && person == nil {
				person = e
			} else if (e.Type == Org || e.Type == Loc) && other == nil {
				other = e
			}
		}
	}
	if person != nil {
		return personSpeaker(g, text, src, st, person, history, date)
	}
	sp := Speaker{}
	if o := g.Officeholder(st, date); o != nil {
		// The role as written, without its article: "Russia's president".
		return Speaker{Name: o.Name, Role: trimArticle(st, "the"), Affiliation: o.Affiliation}
	}
	// An organisation or a country speaking: the source's own words name it
	// ("Russia's defence ministry"), or the entity when it is the whole
	// source ("Russia claims", "the Kremlin alleges").
	sp.Name = strings.TrimPrefix(strings.TrimPrefix(st, "The "), "the ")
	if other != nil && other.Start <= src.Start+4 && other.End >= src.End-1 {
		sp.Name = strings.TrimSuffix(strings.TrimSuffix(other.Text, "'s"), "’s")
		if other.Place != nil && other.Place.Name == "Moscow Kremlin" {
			sp.Name = "Kremlin"
		}
	}
	sp.Affiliation = affiliation(st)
	if sp.Affiliation == "" {
		sp.Affiliation = sideFromHistory(st, history)
	}
	return sp
}

// subjectBefore is the organisation or country that opens one of the
// two sentences before src, as a speaker (the one it was quoted as, if
// any).
func subjectBefore(text string, src Span, ents []Entity, history []Speaker) (Speaker, bool) {
	for i := len(ents) - 1; i >= 0; i-- {
		e := ents[i]
		if e.End > src.Start {
			continue
		}
		if src.Start-e.End > 400 {
			break
		}
		if e.Type != Org && !(e.Type == Loc && e.Place != nil && e.Place.Precision == model.PlaceCountry) {
			continue
		}
		before := strings.TrimRight(text[max(0, e.Start-3):e.Start], " \t")
		if !(e.Start == 0 || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "?") || strings.HasSuffix(before, "!") || strings.HasSuffix(before, "\n")) {
			continue
		}
		name := strings.TrimSuffix(strings.TrimSuffix(e.Text, "'s"), "’s")
		for j := len(history) - 1; j >= 0; j-- {
			if history[j].Name == name {
				return history[j], true
			}
		}
		return Speaker{Name: name, Affiliation: affiliation(name)}, true
	}
	return Speaker{}, false
}

// speakingTimeRe ends a source with the time it spoke: " on Monday", " late
// on Sunday", " on July 17, 2023", " on 3 May".
var speakingTimeRe = regexp.MustCompile(`(?i),?\s+(?:(?:early|late)\s+)?on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\d)[\w ,.]*$`)

// sideFromHistory gives an official or a body whose own words name no side
// ("Defence Minister Andrei Belousov" after "Russia's defence ministry
// said") the side of the last speaker for a state whose name or role
// shares a word with theirs ("defence"); "" when none does.
func sideFromHistory(src string, history []Speaker) string {
	if !govWords.MatchString(src) && !milWords.MatchString(src) {
		return ""
	}
	words := strings.Fields(strings.ToLower(src))
	for j := len(history) - 1; j >= 0; j-- {
		h := history[j]
		if !strings.HasSuffix(h.Affiliation, " government") && !strings.HasSuffix(h.Affiliation, " military") {
			continue
		}
		prev := strings.ToLower(h.Name + " " + h.Role)
		for _, w := range words {
			if genericOffice[w] {
				continue // every state has a minister: "defence", "foreign", "interior" tell which
			}
			if len(w) >= 5 && (strings.Contains(prev, w) || len(w) >= 7 && strings.Contains(prev, w[:len(w)-2])) {
				return h.Affiliation
			}
		}
	}
	return ""
}

var genericOffice = set("minister", "ministry", "president", "government", "official", "officials", "spokesman", "spokeswoman",
	"spokesperson", "governor", "mayor", "secretary", "military", "forces", "army", "general", "commander", "deputy", "prime", "head")

// trimArticle drops one leading article of arts (lower case), in either
// case: trimArticle("A Kremlin spokesman", "a", "an") is "Kremlin spokesman".
func trimArticle(s string, arts ...string) string {
	for _, a := range arts {
		if len(s) > len(a) && s[len(a)] == ' ' && strings.EqualFold(s[:len(a)], a) {
			return s[len(a)+1:]
		}
	}
	return s
}

var honorifics = set("mr", "mrs", "ms", "miss", "dr", "sir", "madam")

// namesItself reports whether an organisation or place ends the source
// span: "the Kremlin" is a speaker in its own right, not a description of
// "a Kremlin spokesman" quoted before it.
func namesItself(src Span, ents []Entity) bool {
	for _, e := range ents {
		if (e.Type == Org || e.Type == Loc) && e.Start >= src.Start && e.End >= src.End-1 && e.End <= src.End {
			return true
		}
	}
	return false
}

// fillFromEarlier completes a speaker the sentence names without role or
// affiliation ("Putin said") from the same speaker's earlier claim in the
// article ("Russian President Vladimir Putin said").
func fillFromEarlier(sp Speaker, history []Speaker) Speaker {
	if sp.Name == "" || sp.Role != "" && sp.Affiliation != "" {
		return sp
	}
	for j := len(history) - 1; j >= 0; j-- {
		if h := history[j]; h.Name == sp.Name {
			if sp.Role == "" {
				sp.Role = h.Role
			}
			if sp.Affiliation == "" {
				sp.Affiliation = h.Affiliation
			}
			break
		}
	}
	return sp
}

// roleAround returns the words just before a person's name that describe
// them ("mayor", "Russia's defence minister").
func roleAround(text string, ents []Entity, i int) string {
	e := ents[i]
	start := max(0, e.Start-60)
	before := text[start:e.Start]
	if k := strings.LastIndexAny(before, ".,;:\n\"“”"); k >= 0 {
		before = before[k+1:]
	}
	return strings.TrimSpace(before)
}
