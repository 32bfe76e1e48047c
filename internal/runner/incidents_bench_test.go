package runner

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/store/sqlite"
	"sitrep/internal/synth"
)

// BenchmarkUpdateIncidents100k adds one report to a store of 100,000
// annotated reports (2,000 places, five years) and updates the incidents it
// touches: store the article with its mentions, then UpdateIncidents
// stores the incidents it joins.
func BenchmarkUpdateIncidents100k(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, b.TempDir()+"/100k.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	places := synth.Places(2000, rng)
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	const n = 100_000
	if err := synth.Fill(ctx, st, n, places, rng); err != nil {
		b.Fatal(err)
	}
	if _, err := Rebuild(ctx, st, incident.Options{}); err != nil {
		b.Fatal(err)
	}
	k := n
	b.ResetTimer()
	for b.Loop() {
		k++
		a := synth.Report(places[rng.IntN(len(places))], start.AddDate(0, 0, rng.IntN(5*365)), k)
		a.Mentions = incident.ArticleMentions(&a)
		ids, _, err := st.PutDocument(ctx, []model.Article{a})
		if err != nil {
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
