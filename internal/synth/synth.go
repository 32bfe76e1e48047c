// Package synth generates synthetic annotated reports for benchmarks: one
// drone-strike sentence per article at a place and day, with the
// annotations the language stage would give it, stored through the store
// interface.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/lang"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
	"sitrep/internal/store"
)

// Places returns n invented towns spread over Ukraine's latitude and longitude range.
func Places(n int, rng *rand.Rand) []model.Location {
	out := make([]model.Location, n)
	for i := range out {
		out[i] = model.Location{Name: fmt.Sprintf("Town%04d", i), Country: "UA", GeoNameID: int64(1_000_000 + i),
			Lat: 44 + rng.Float64()*8, Lon: 22 + rng.Float64()*18, Precision: "city"}
	}
	return out
}

// Report is one synthetic report with its annotations.
func Report(place model.Location, day time.Time, n int) model.Article {
	text := fmt.Sprintf("Drones struck %s early on %s, officials said.", place.Name, day.Weekday())
	ps := len("Drones struck ")
	pe := ps + len(place.Name)
	ts := pe + 1
	te := len(text) - len(", officials said.")
	loc := place
	an := model.Annotations{Version: nlp.AnnotatorVersion, Reference: day, Sentences: [][2]int{{0, len(text)}},
		Entities: []model.Entity{{Start: ps, End: pe, Text: place.Name, Type: "LOC", Canonical: place.Name, Place: &loc}},
		Times: []model.TimeExpr{{Start: ts, End: te, Text: text[ts:te], From: day.Add(5 * time.Hour), To: day.Add(9 * time.Hour),
			Precision: "part of day", Relative: true}},
		Quantities: []model.Quantity{}, Claims: []model.Claim{}}
	en, _ := lang.For("en")
	an.Events = nlp.Events(text, &an, en)
	return model.Article{Hash: fmt.Sprintf("synthetic-%d", n), Path: fmt.Sprintf("synthetic/%d.txt", n), Format: model.FormatText,
		Site: fmt.Sprintf("Outlet %d", n%50), Title: text, Text: text, TextHash: fmt.Sprintf("t%d", n), Version: 1,
		Published: day.Add(12 * time.Hour), DatePrec: model.PrecisionDay, DateSource: model.DateText, Language: "en",
		IngestedAt: time.Now(), Annotations: &an}
}

// Start is the first day of the synthetic reports.
var Start = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

// Days is how many days n reports are spread over: five years per 100,000,
// so that every size has the density of reports per place and day of the
// 100,000-report store. (Packed into five years, a million reports over
// 2,000 towns put five same-morning reports within 60 km of each one, and
// each day chains into a single incident.)
func Days(n int) int { return 5 * 365 * max(1, n/100_000) }

// Fill stores n reports (IDs 1..n in a new store) over the places and
// Days(n) days from Start through the store interface, in transactions of
// a thousand, with their annotations and mentions; their incidents are
// left pending (runner.UpdatePending or runner.Rebuild builds them).
func Fill(ctx context.Context, st store.Store, n int, places []model.Location, rng *rand.Rand) error {
	start, days := Start, Days(n)
	const batch = 1000
	docs := make([][]model.Article, 0, batch)
	for i := 1; i <= n; i++ {
		a := Report(places[rng.IntN(len(places))], start.AddDate(0, 0, rng.IntN(days)), i)
		a.Mentions = incident.ArticleMentions(&a)
		docs = append(docs, []model.Article{a})
		if len(docs) == batch || i == n {
			if _, err := st.PutDocuments(ctx, docs); err != nil {
				return fmt.Errorf("fill: %w", err)
			}
			docs = docs[:0]
		}
	}
	return nil
}
