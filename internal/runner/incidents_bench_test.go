package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
	"sitrep/internal/store/sqlite"
)

// syntheticReport is a one-sentence drone-strike report at a place and day,
// with the annotations the language stage would give it.
func syntheticReport(place model.Location, day time.Time, n int) model.Article {
	text := fmt.Sprintf("Drones struck %s early on %s, officials said.", place.Name, day.Weekday())
	ps := len("Drones struck ")
	pe := ps + len(place.Name)
	ts := pe + 1
	te := len(text) - len(", officials said.")
	loc := place
	an := model.Annotations{Version: nlp.AnnotatorVersion, Reference: day, Sentences: [][2]int{{0, len(text)}},
		Entities:   []model.Entity{{Start: ps, End: pe, Text: place.Name, Type: "LOC", Canonical: place.Name, Place: &loc}},
		Times:      []model.TimeExpr{{Start: ts, End: te, Text: text[ts:te], From: day.Add(5 * time.Hour), To: day.Add(9 * time.Hour), Precision: "part of day", Relative: true}},
		Quantities: []model.Quantity{}, Claims: []model.Claim{}}
	return model.Article{Hash: fmt.Sprintf("synthetic-%d", n), Path: fmt.Sprintf("synthetic/%d.txt", n), Format: model.FormatText,
		Site: fmt.Sprintf("Outlet %d", n%50), Title: text, Text: text, TextHash: fmt.Sprintf("t%d", n), Version: 1,
		Published: day.Add(12 * time.Hour), DatePrec: model.PrecisionDay, DateSource: model.DateText, Language: "en",
		IngestedAt: time.Now(), Annotations: &an}
}

// BenchmarkUpdateIncidents100k adds one report to a store of 100,000
// annotated reports (2,000 places, five years) and updates the incidents it
// touches: store the article and its mentions, then UpdateIncidents.
func BenchmarkUpdateIncidents100k(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, b.TempDir()+"/100k.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	places := make([]model.Location, 2000)
	for i := range places {
		places[i] = model.Location{Name: fmt.Sprintf("Town%04d", i), Country: "UA", GeoNameID: int64(1_000_000 + i),
			Lat: 44 + rng.Float64()*8, Lon: 22 + rng.Float64()*18, Precision: "city"}
	}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	const n = 100_000
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		a := syntheticReport(places[rng.IntN(len(places))], start.AddDate(0, 0, rng.IntN(5*365)), i)
		anJSON, _ := json.Marshal(a.Annotations)
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, hash, path, format, site, title, text, text_hash, version, ingested_at, published, date_precision, language)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'day', 'en')`, i, a.Hash, a.Path, a.Format, a.Site, a.Title, a.Text, a.TextHash,
			a.IngestedAt.Format(time.RFC3339Nano), a.Published.Format(time.RFC3339Nano)); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?)`, i, a.Annotations.Version, string(anJSON)); err != nil {
			b.Fatal(err)
		}
		a.ID = int64(i)
		for _, m := range incident.ArticleMentions(&a) {
			mj, _ := json.Marshal(m)
			if _, err := tx.ExecContext(ctx, `INSERT INTO mentions (article_id, sentence, from_unix, place_key, data) VALUES (?, ?, ?, ?, ?)`,
				i, m.Sentence, m.From.Unix(), m.Place.PlaceKey(), string(mj)); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	k := n
	b.ResetTimer()
	for b.Loop() {
		k++
		a := syntheticReport(places[rng.IntN(len(places))], start.AddDate(0, 0, rng.IntN(5*365)), k)
		ids, _, err := st.PutDocument(ctx, []model.Article{a})
		if err != nil {
			b.Fatal(err)
		}
		if err := storeMentions(ctx, st, []model.Article{a}, ids); err != nil {
			b.Fatal(err)
		}
		incs, err := UpdateIncidents(ctx, st, ids, incident.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(incs) != 1 {
			b.Fatalf("new report in %d incidents", len(incs))
		}
	}
}
