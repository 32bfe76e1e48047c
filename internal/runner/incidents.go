package runner

import (
	"context"
	"fmt"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/store"
)

// maxClosure bounds how many mentions one incremental update may pull in;
// past it the update is reported incomplete rather than run unbounded.
const maxClosure = 5000

// UpdateIncidents builds the incidents that the given (new) articles take
// part in, reading only their neighbourhood: starting from the articles'
// stored mentions, it repeatedly fetches mentions that could be linked (a
// time window for dated ones, the exact place for all) and keeps those
// that are, until nothing new is linked. Then it loads just the articles
// of those mentions and builds their incidents. The cost depends on the size
// of the incidents touched, not on the size of the store.
func UpdateIncidents(ctx context.Context, st store.Store, articleIDs []int64, opts incident.Options) ([]model.Incident, error) {
	type key struct {
		a int64
		s int
	}
	seen := map[key]bool{}
	var frontier, all []model.Mention
	for _, id := range articleIDs {
		ms, err := st.MentionsOf(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			seen[key{m.ArticleID, m.Sentence}] = true
			frontier = append(frontier, m)
		}
	}
	all = append(all, frontier...)
	for len(frontier) > 0 {
		var next []model.Mention
		for _, m := range frontier {
			cands, err := st.MentionsAt(ctx, m.Place.PlaceKey())
			if err != nil {
				return nil, err
			}
			if m.Dated {
				from, to := incident.Window(m)
				near, err := st.MentionsBetween(ctx, from, to)
				if err != nil {
					return nil, err
				}
				cands = append(cands, near...)
			}
			for _, c := range cands {
				k := key{c.ArticleID, c.Sentence}
				if seen[k] || !incident.Linked(m, c) {
					continue
				}
				seen[k] = true
				next = append(next, c)
			}
		}
		all = append(all, next...)
		if len(all) > maxClosure {
			return nil, fmt.Errorf("incremental update touches more than %d reports; rebuild instead", maxClosure)
		}
		frontier = next
	}
	ids := map[int64]bool{}
	var arts []model.Article
	for _, m := range all {
		if ids[m.ArticleID] {
			continue
		}
		ids[m.ArticleID] = true
		a, err := st.Article(ctx, m.ArticleID)
		if err != nil {
			return nil, err
		}
		arts = append(arts, *a)
	}
	want := map[int64]bool{}
	for _, id := range articleIDs {
		want[id] = true
	}
	var out []model.Incident
	for _, inc := range incident.Build(arts, opts) {
		for _, a := range inc.Articles {
			if want[a.ID] {
				out = append(out, inc)
				break
			}
		}
	}
	return out, nil
}

// storeMentions keeps the event mentions of annotated articles.
func storeMentions(ctx context.Context, st store.Store, arts []model.Article, ids []int64) error {
	for i := range arts {
		if arts[i].Annotations == nil {
			continue
		}
		a := arts[i]
		a.ID = ids[i]
		if err := st.PutMentions(ctx, a.ID, incident.ArticleMentions(&a)); err != nil {
			return fmt.Errorf("mentions of article %d: %w", a.ID, err)
		}
	}
	return nil
}
