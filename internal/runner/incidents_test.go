package runner

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sitrep/internal/demo"
	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/store"
)

// fingerprint is an incident's articles and origin count.
func fingerprint(as []model.IncidentArticle, origins int) string {
	var ids []string
	for _, a := range as {
		ids = append(ids, strconv.FormatInt(a.ID, 10))
	}
	sort.Strings(ids)
	return strings.Join(ids, ",") + "/" + strconv.Itoa(origins)
}

// The incremental update, from one article's neighbourhood, must give the
// same incidents as the batch build over the whole store.
func TestUpdateIncidentsMatchesBatch(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	root, _ := demo.WriteCorpus(t.TempDir())
	sum, err := Ingest(ctx, st, []string{root}, IngestOptions{Annotate: true})
	if err != nil {
		t.Fatal(err)
	}
	arts, _ := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	batch := map[string]string{}
	for _, inc := range incident.Build(arts, incident.Options{}) {
		batch[inc.ID] = fingerprint(inc.Articles, inc.IndependentOrigins)
	}
	touched := map[string]bool{}
	for _, id := range sum.NewIDs {
		incs, err := UpdateIncidents(ctx, st, []int64{id}, incident.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, inc := range incs {
			touched[inc.ID] = true
			if got := fingerprint(inc.Articles, inc.IndependentOrigins); got != batch[inc.ID] {
				t.Errorf("article %d: incremental incident %s = %s, batch %s", id, inc.ID, got, batch[inc.ID])
			}
		}
	}
	if len(touched) != len(batch) {
		t.Errorf("incremental updates reached %d incidents, batch built %d", len(touched), len(batch))
	}
}
