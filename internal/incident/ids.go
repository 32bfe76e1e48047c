package incident

import (
	"sort"
	"strconv"

	"sitrep/internal/model"
)

// Prior is a stored incident an update replaces: its id, its creation
// order and the reports it was built from.
type Prior struct {
	ID      string
	Seq     int64
	Members []model.MentionRef
}

// IDPlan is what an update does with the ids of the incidents it replaces.
type IDPlan struct {
	Removed []string          // prior ids no longer stored under their own name
	Merged  map[string]string // of those, the ones that live on inside another incident
}

// AssignIDs gives rebuilt incidents stable ids, so links and bookmarks keep
// working as reports arrive:
//   - an incident that shares reports with stored ones takes the id of the
//     oldest of them (when two incidents merge, the older id survives);
//   - when a stored incident splits, the part holding most of its reports
//     keeps its id;
//   - a stored incident whose id no rebuilt incident takes is removed, and
//     recorded as merged into the incident holding most of its reports;
//   - an incident with no stored past keeps the id Build gave it, with a
//     suffix when that id is taken (taken reports ids stored elsewhere).
//
// It rewrites the ids of built in place.
func AssignIDs(built []model.Incident, prior []Prior, taken func(id string) bool) IDPlan {
	owner := map[model.MentionRef]int{} // report → index in built
	for i := range built {
		for _, m := range built[i].Members {
			owner[m] = i
		}
	}
	type pair struct{ b, p, overlap int }
	var pairs []pair
	for p := range prior {
		counts := map[int]int{}
		for _, m := range prior[p].Members {
			if b, ok := owner[m]; ok {
				counts[b]++
			}
		}
		for b, n := range counts {
			pairs = append(pairs, pair{b, p, n})
		}
	}
	// Oldest prior first; within one prior, the incident holding most of it.
	sort.Slice(pairs, func(i, j int) bool {
		x, y := pairs[i], pairs[j]
		if prior[x.p].Seq != prior[y.p].Seq {
			return prior[x.p].Seq < prior[y.p].Seq
		}
		if x.overlap != y.overlap {
			return x.overlap > y.overlap
		}
		return x.b < y.b
	})
	named := make([]bool, len(built))
	kept := make([]bool, len(prior))
	for _, pr := range pairs {
		if named[pr.b] || kept[pr.p] {
			continue
		}
		built[pr.b].ID = prior[pr.p].ID
		named[pr.b], kept[pr.p] = true, true
	}
	used := map[string]bool{}
	for _, p := range prior {
		used[p.ID] = true
	}
	for i := range built {
		if named[i] {
			continue
		}
		base, id := built[i].ID, built[i].ID
		for n := 2; used[id] || taken(id); n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		built[i].ID = id
		used[id] = true
	}
	plan := IDPlan{Merged: map[string]string{}}
	for p := range prior {
		if kept[p] {
			continue
		}
		plan.Removed = append(plan.Removed, prior[p].ID)
		best, bestN := -1, 0
		for _, pr := range pairs {
			if pr.p == p && pr.overlap > bestN {
				best, bestN = pr.b, pr.overlap
			}
		}
		if best >= 0 {
			plan.Merged[prior[p].ID] = built[best].ID
		}
	}
	return plan
}
