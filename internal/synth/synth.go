// Package synth generates synthetic annotated reports for benchmarks: one
// drone-strike sentence per article at a place and day, with the
// annotations the language stage would give it, written straight into a
// SQLite store in one transaction.
package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
	"sitrep/internal/store/sqlite"
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
	return model.Article{Hash: fmt.Sprintf("synthetic-%d", n), Path: fmt.Sprintf("synthetic/%d.txt", n), Format: model.FormatText,
		Site: fmt.Sprintf("Outlet %d", n%50), Title: text, Text: text, TextHash: fmt.Sprintf("t%d", n), Version: 1,
		Published: day.Add(12 * time.Hour), DatePrec: model.PrecisionDay, DateSource: model.DateText, Language: "en",
		IngestedAt: time.Now(), Annotations: &an}
}

// Fill writes n reports (IDs 1..n) over the places and five years from
// 2021 into st, with annotations, mentions and search rows.
func Fill(ctx context.Context, st *sqlite.Store, n int, places []model.Location, rng *rand.Rand) error {
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	tx, err := st.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := 1; i <= n; i++ {
		a := Report(places[rng.IntN(len(places))], start.AddDate(0, 0, rng.IntN(5*365)), i)
		anJSON, _ := json.Marshal(a.Annotations)
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, hash, path, format, site, title, text, text_hash, version, ingested_at, published, date_precision, language)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'day', 'en')`, i, a.Hash, a.Path, a.Format, a.Site, a.Title, a.Text, a.TextHash,
			a.IngestedAt.Format(time.RFC3339Nano), a.Published.Format(time.RFC3339Nano)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?)`, i, a.Annotations.Version, string(anJSON)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_fts (rowid, kind, article_id, ref, title, body) VALUES (?, 'article', ?, 0, ?, ?)`, i*1000, i, a.Title, a.Text); err != nil {
			return err
		}
		a.ID = int64(i)
		for _, m := range incident.ArticleMentions(&a) {
			mj, _ := json.Marshal(m)
			if _, err := tx.ExecContext(ctx, `INSERT INTO mentions (article_id, sentence, from_unix, place_key, data) VALUES (?, ?, ?, ?, ?)`,
				i, m.Sentence, m.From.Unix(), m.Place.PlaceKey(), string(mj)); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}
