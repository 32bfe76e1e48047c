package nlp

import (
	"strings"
	"time"

	"sitrep/internal/lang"
	"sitrep/internal/model"
	"sitrep/internal/nlp/gazetteer"
)

// AnnotatorVersion changes whenever Annotate's output changes meaning, so
// stored annotations from an older annotator can be recomputed.
const AnnotatorVersion = 62

// Model converts the annotations to the stored domain types.
func (an *Annotations) Model() model.Annotations {
	m := model.Annotations{Version: AnnotatorVersion, Reference: an.Reference, ReferenceInferred: an.ReferenceInferred,
		Sentences: [][2]int{}, Entities: []model.Entity{}, Times: []model.TimeExpr{}, Quantities: []model.Quantity{}, Claims: []model.Claim{}, Events: []model.Event{}}
	for _, s := range an.Sentences {
		m.Sentences = append(m.Sentences, [2]int{s.Start, s.End})
	}
	for _, e := range an.Entities {
		me := model.Entity{Start: e.Start, End: e.End, Text: e.Text, Type: e.Type, Canonical: e.Canonical}
		if p := e.Place; p != nil {
			me.Place = p.location()
		}
		m.Entities = append(m.Entities, me)
	}
	for _, t := range an.Times {
		m.Times = append(m.Times, t.model())
	}
	for _, q := range an.Quantities {
		m.Quantities = append(m.Quantities, model.Quantity{Start: q.Begin, End: q.Finish, Text: q.Text, Value: q.Value,
			Qualifier: q.Qualifier, Count: countOf(q.Value, q.Qualifier), Noun: q.Noun, Ordinal: q.Ordinal, Inferred: q.Inferred})
	}
	for _, c := range an.Claims {
		m.Claims = append(m.Claims, model.Claim{
			Speaker: model.Speaker{Name: c.Speaker.Name, Role: c.Speaker.Role, Affiliation: c.Speaker.Affiliation},
			Cue:     c.Cue, Stance: c.Stance, Text: c.Text, Direct: c.Direct, Hedged: c.Hedged, Channel: c.Channel,
			Start: c.Content.Start, End: c.Content.End, SentenceStart: c.Sentence.Start, SentenceEnd: c.Sentence.End,
			SourceStart: c.Source.Start, SourceEnd: c.Source.End,
		})
	}
	return m
}

// AnnotateArticle annotates an article's text against its publication date.
// The models are English: an article detected as another language gets
// empty annotations that say so.
func AnnotateArticle(a *model.Article) model.Annotations {
	if a.Language != "" && a.Language != "en" {
		if lex, ok := lang.LexiconFor(a.Language); ok {
			return annotateLexicon(a, lex)
		}
		return model.Annotations{Version: AnnotatorVersion, Skipped: "language " + a.Language, Sentences: [][2]int{},
			Entities: []model.Entity{}, Times: []model.TimeExpr{}, Quantities: []model.Quantity{}, Claims: []model.Claim{}}
	}
	var pub time.Time
	if a.DatePrec != model.PrecisionNone {
		pub = a.Published
	}
	m := Annotate(a.Text, pub).Model()
	m.SitePlace = SitePlace(a.Site)
	l, _ := lang.For("en") // the models are English (see above)
	m.TitlePlace = titlePlace(a.Title, homeCountry(&m), l)
	readCounts(a.Text, &m, l)
	readSpeakers(&m, l)
	m.Events = Events(a.Text, &m, l)
	if len(m.Events) == 0 && m.TitlePlace != nil {
		if ev, ok := headlineEvent(a.Title, pub, m.TitlePlace, l); ok {
			m.Events = append(m.Events, ev)
		}
	}
	return m
}

// model is the stored form of a time expression.
func (t Timex) model() model.TimeExpr {
	te := model.TimeExpr{Start: t.Begin, End: t.Finish, Text: t.Text, Precision: t.Precision, Relative: t.Relative, Future: t.Future, Ref: t.Ref, MonthDay: t.MonthDay}
	if t.Ref == "" && t.MonthDay == "" {
		te.From, te.To = model.WallClock(t.Start), model.WallClock(t.End)
	}
	return te
}

// titlePlace is the most specific place a headline names, or nil. Only
// its entities are read (the whole language stage ran on every headline):
// places do not depend on the day, which picks officeholders only.
func titlePlace(title, home string, l lang.Language) *model.Location {
	if strings.TrimSpace(title) == "" {
		return nil
	}
	an := (&Annotations{Entities: entitiesIn(gazetteer.Default(), title, Sentences(title), "")}).Model()
	return bestPlace(title, &an, 0, len(title), home, l)
}

// SitePlace is the town of 50,000 or more people that an outlet's name
// contains ("Poltava Vechirnia", "Sumy Herald"), or nil.
func SitePlace(site string) *model.Location {
	g := gazetteer.Default()
	for _, w := range strings.Fields(site) {
		w = strings.Trim(w, ".,:;!?\"'()")
		if len(w) < 3 || w[0] < 'A' || w[0] > 'Z' || !isTown(g, w, 50_000) {
			continue
		}
		if p := resolvePlace(g, w, placeContext{}, nil, false); p != nil && p.Precision == "city" {
			return p.location()
		}
	}
	return nil
}

// location is the place in the domain model's form.
func (p *Place) location() *model.Location {
	return &model.Location{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeoNameID: p.GeoNameID, Precision: p.Precision, BBox: p.BBox}
}
