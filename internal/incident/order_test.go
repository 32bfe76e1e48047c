package incident_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sitrep/internal/demo"
	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// shape is what an incident is made of: its reports.
func shape(incs []model.Incident) []string {
	var out []string
	for _, inc := range incs {
		var refs []string
		for _, m := range inc.Members {
			refs = append(refs, strconv.FormatInt(m.Article, 10)+"/"+strconv.Itoa(m.Sentence))
		}
		sort.Strings(refs)
		out = append(out, strings.Join(refs, " "))
	}
	sort.Strings(out)
	return out
}

// The same articles in any order build the same incidents: an incremental
// update loads its neighbourhood in the order it finds it, and must build
// what a batch build over the store does.
func TestBuildIgnoresArticleOrder(t *testing.T) {
	dirs := map[string]string{"real conflict news": "../../../shared/bench/conflict-news/dev"}
	root, err := demo.WriteCorpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dirs["demo"] = root
	held, _ := filepath.Glob("../../testdata/heldout*/corpus")
	for _, h := range held {
		dirs[h] = h
	}
	ctx := context.Background()
	for name, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("%s not found at %s (ships with ../shared; skipped)", name, dir)
			continue
		}
		st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := runner.Ingest(ctx, st, []string{dir}, runner.IngestOptions{Annotate: true}); err != nil {
			t.Fatal(err)
		}
		arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := shape(incident.Build(arts, incident.Options{}))
		rng := rand.New(rand.NewPCG(1, 2))
		for trial := range 4 {
			mixed := slices.Clone(arts)
			if trial == 0 {
				slices.Reverse(mixed)
			} else {
				rng.Shuffle(len(mixed), func(i, j int) { mixed[i], mixed[j] = mixed[j], mixed[i] })
			}
			if got := shape(incident.Build(mixed, incident.Options{})); !slices.Equal(got, want) {
				t.Errorf("%s, order %d: %d incidents differ from those of id order", name, trial, len(diff(got, want)))
			}
		}
	}
}

// diff is what one sorted list holds and the other does not.
func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			out = append(out, x)
		}
	}
	return out
}
