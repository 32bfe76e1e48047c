package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/nlp/gazetteer"
	"sitrep/internal/store"
)

// maxClosure bounds how many reports one incremental update may pull in
// (above the batch budget, which one article may overshoot); past it the
// update is reported as failed rather than run unbounded.
const maxClosure = 20000

// IncidentOptions are the options every stored incident is built with.
func IncidentOptions() incident.Options {
	g := gazetteer.Default()
	return incident.Options{CountryName: func(code string) string {
		if c := g.Country(code); c != nil {
			return c.Name
		}
		return code
	}}
}

// UpdateIncidents rebuilds and stores the incidents the given articles take
// part in, reading only their neighbourhood, and clears the articles'
// pending marks in the same transaction. It returns the incidents it stored.
//
// The neighbourhood is a closure. It starts from the articles' reports and
// the members of the incidents they belonged to, fetches the reports that
// could be linked to them (near in place and time for dated ones, the
// exact place for all), and keeps expanding from the dated point reports
// it links along the links clustering makes (incident.Chained), since
// those chain incidents together. Reports of a region or sea and reports
// without a time never bridge two incidents (each joins one), so the
// closure does not chain on from them; it takes one step from each, to
// the other incidents it could join (which one it joins depends on all of
// them). Every stored incident that holds a report of the closure comes
// in whole. Then it loads just those articles and builds their incidents
// from the closure's reports whose incident it can decide (closure.settled),
// and writes those that changed. The cost
// depends on how many reports lie near the new ones in place and time
// (about two months of a place for a report without a time), not on the
// size of the store, and a region mentioned every day does not chain a
// year of incidents into one update.
func UpdateIncidents(ctx context.Context, st store.Store, articleIDs []int64, opts incident.Options) ([]model.Incident, error) {
	built, _, err := updateSome(ctx, st, articleIDs, opts, 0, nil)
	return built, err
}

// articleCache keeps the articles a run of updates has loaded, up to max,
// dropping the oldest first. The neighbourhoods of consecutive batches
// overlap (a busy town's month of reports), and decoding the same
// articles' annotations again was a third of an update's time. Articles
// do not change while incidents are updated (one writer).
type articleCache struct {
	max   int
	byID  map[int64]*model.Article
	order []int64 // oldest first
}

func newArticleCache(max int) *articleCache {
	return &articleCache{max: max, byID: map[int64]*model.Article{}}
}

// get returns the stored article, from the cache when it holds it (a nil
// cache holds nothing).
func (ac *articleCache) get(ctx context.Context, st store.Store, id int64) (*model.Article, error) {
	if ac == nil {
		return st.Article(ctx, id)
	}
	if a, ok := ac.byID[id]; ok {
		return a, nil
	}
	a, err := st.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	ac.byID[id] = a
	ac.order = append(ac.order, id)
	if len(ac.order) > ac.max {
		delete(ac.byID, ac.order[0])
		ac.order = ac.order[1:]
	}
	return a, nil
}

// cachedArticles is how many articles an update run keeps decoded: about
// two months of a busy stream's reports at one place.
const cachedArticles = 1500

// closureBudget is how many reports the neighbourhood of one batch of
// pending articles may hold before the batch stops taking articles (the
// rest wait for the next). Articles of one busy place share most of their
// neighbourhood, so a batch saves fetching it again; but a batch of fifty
// spread over many places built a fifth of the store at once. On 3,000
// real-shaped copies, 8,000 ingested 2.6 times as fast as 2,000.
const closureBudget = 8000

// updateSome updates the incidents of the first of articleIDs, taking the
// next as long as the neighbourhood holds fewer than budget reports (0: no
// limit, all of them), and returns the articles it did.
func updateSome(ctx context.Context, st store.Store, articleIDs []int64, opts incident.Options, budget int, cache *articleCache) ([]model.Incident, []int64, error) {
	c := newClosure(ctx, st, cache)
	var done []int64
	for _, id := range articleIDs {
		if budget > 0 && len(done) > 0 && len(c.all) >= budget {
			break
		}
		ms, err := st.MentionsOf(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		c.seed(ms)
		// A negative sentence stands for whatever the article reported before.
		if err := c.grow([]model.MentionRef{{Article: id, Sentence: -1}}); err != nil {
			return nil, nil, err
		}
		done = append(done, id)
	}
	built, err := c.build(opts)
	if err != nil {
		return nil, nil, err
	}
	priors := make([]store.IncidentRef, 0, len(c.priors))
	for _, p := range c.priors {
		priors = append(priors, p)
	}
	sort.Slice(priors, func(i, j int) bool { return priors[i].Seq < priors[j].Seq })
	return built, done, replace(ctx, st, built, priors, done)
}

// replace stores built in place of priors, with stable ids (see
// incident.AssignIDs), and clears the pending marks of done.
func replace(ctx context.Context, st store.Store, built []model.Incident, priors []store.IncidentRef, done []int64) error {
	prior := make([]incident.Prior, len(priors))
	for i, p := range priors {
		prior[i] = incident.Prior{ID: p.ID, Seq: p.Seq, Members: p.Members}
	}
	var lookupErr error
	plan := incident.AssignIDs(built, prior, func(id string) bool {
		_, err := st.Incident(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			lookupErr = err
		}
		return err == nil
	})
	if lookupErr != nil {
		return lookupErr
	}
	put, err := changed(built, priors)
	if err != nil {
		return err
	}
	ch := store.IncidentChange{Remove: plan.Removed, Put: put, Merged: plan.Merged, Done: done}
	if err := st.ReplaceIncidents(ctx, ch); err != nil {
		return fmt.Errorf("store incidents: %w", err)
	}
	return nil
}

// changed leaves out of built the incidents stored exactly so already (the
// same id and digest): most incidents of a neighbourhood are built again
// unchanged, and rewriting them was a fifth of an update's time.
func changed(built []model.Incident, priors []store.IncidentRef) ([]model.Incident, error) {
	stored := map[string]string{}
	for _, p := range priors {
		stored[p.ID] = p.Digest
	}
	var out []model.Incident
	for i := range built {
		if d, ok := stored[built[i].ID]; ok && d != "" {
			now, err := store.IncidentDigest(&built[i])
			if err != nil {
				return nil, err
			}
			if now == d {
				continue
			}
		}
		out = append(out, built[i])
	}
	return out, nil
}

// closure collects the reports and stored incidents one update touches.
type closure struct {
	ctx     context.Context
	st      store.Store
	reached map[model.MentionRef]reach // the reports in the closure, with the furthest reach each was linked from with
	points  map[model.MentionRef]bool  // the reports of the closure that bridge (dated, at a point)
	all     []model.Mention
	cache   *articleCache
	probed  int   // c.all[:probed] have had their stored incidents looked up
	fresh   []hop // to link from: seeds, dated point reports chained to them, and one step from what could join them
	priors  map[string]store.IncidentRef
}

// newClosure is an empty neighbourhood; cache may be nil.
func newClosure(ctx context.Context, st store.Store, cache *articleCache) *closure {
	return &closure{ctx: ctx, st: st, cache: cache, reached: map[model.MentionRef]reach{}, points: map[model.MentionRef]bool{}, priors: map[string]store.IncidentRef{}}
}

func ref(m model.Mention) model.MentionRef {
	return model.MentionRef{Article: m.ArticleID, Sentence: m.Sentence}
}

// has reports whether a report is in the closure.
func (c *closure) has(r model.MentionRef) bool {
	_, ok := c.reached[r]
	return ok
}

// hop is a report to link from; last says to add what it links to
// without linking onwards from those.
type hop struct {
	m    model.Mention
	last bool
}

// reach says how the closure grows from a report it adds: not at all, on
// (chain), or one step more (last).
type reach int

const (
	stop reach = iota
	last
	chain
)

// add puts reports in the closure; grow says how the closure grows from
// each.
//
// A report reached again with a further reach than before is linked from
// again: a report without a time that came in as a member of a stored
// incident, then turns out to be a candidate of a new one, must look at
// every incident it could join.
func (c *closure) add(ms []model.Mention, grow func(model.Mention) reach) {
	for _, m := range ms {
		k := ref(m)
		if !c.has(k) {
			c.reached[k] = stop
			c.all = append(c.all, m)
			if bridges(m) {
				c.points[k] = true
			}
		}
		if r := grow(m); r > c.reached[k] {
			c.reached[k] = r
			c.fresh = append(c.fresh, hop{m: m, last: r == last})
		}
	}
}

// seed puts an article's own reports in the closure, to be linked from
// in full even when an earlier article of the batch already reached them.
func (c *closure) seed(ms []model.Mention) {
	c.add(ms, func(model.Mention) reach { return chain })
}

// bridges reports whether a report can join two incidents into one: a
// dated report at a point.
func bridges(m model.Mention) bool { return m.Dated && !m.Place.Wide() }

// grow alternates two steps until neither adds anything: link the fresh
// reports to their neighbours, and pull in every member of a stored
// incident that holds a report of the closure (probe adds reports to look
// for: a negative sentence stands for any sentence of that article). A
// stored incident's members are complete as stored, so they are linked to
// nothing further: a link from one of them to a new report is found from
// the new report's side.
func (c *closure) grow(probe []model.MentionRef) error {
	for {
		for len(c.fresh) > 0 {
			if err := c.link(); err != nil {
				return err
			}
		}
		refs := probe
		for _, m := range c.all[c.probed:] {
			refs = append(refs, ref(m))
		}
		c.probed, probe = len(c.all), nil
		touching, err := c.st.IncidentsTouching(c.ctx, refs)
		if err != nil {
			return err
		}
		for _, p := range touching {
			if _, ok := c.priors[p.ID]; ok {
				continue
			}
			c.priors[p.ID] = p
			if err := c.addMembers(p.Members); err != nil {
				return err
			}
		}
		if len(c.fresh) == 0 {
			return nil
		}
	}
}

// addMembers adds the stored reports of a prior incident that still exist
// (a re-annotated article may have dropped one).
func (c *closure) addMembers(members []model.MentionRef) error {
	want := map[model.MentionRef]bool{}
	for _, x := range members {
		want[x] = true
	}
	byArticle := map[int64]bool{}
	for _, m := range members {
		if byArticle[m.Article] {
			continue
		}
		byArticle[m.Article] = true
		ms, err := c.st.MentionsOf(c.ctx, m.Article)
		if err != nil {
			return err
		}
		var keep []model.Mention
		for _, x := range ms {
			if want[ref(x)] {
				keep = append(keep, x)
			}
		}
		c.add(keep, memberReach)
	}
	return nil
}

// memberReach is how the closure grows from a stored incident's member: a
// report without a time or of a region takes one step (other incidents it
// could join may have come since); a dated point report's links to new
// reports are found from their side.
func memberReach(m model.Mention) reach {
	if bridges(m) {
		return stop
	}
	return last
}

// expands says how the closure grows from x, found linked to m. Only a
// dated point report chains on, along the links clustering itself makes
// (incident.Chained). A region, a sea or a report without a time joins
// one incident of those it links to, so which one depends on all of them:
// the closure fetches them too, one step from x, and no further. What
// such a step finds, or a report linked only by an overlap clustering
// never compares, comes with its stored incident whole.
func expands(from hop, x model.Mention) reach {
	switch {
	case from.last:
		return stop
	case !bridges(x):
		return last
	case bridges(from.m) && incident.Chained(from.m, x):
		return chain
	}
	return stop
}

// link fetches the candidates of the fresh reports (same place; same time
// window when dated) and adds those that are linked. Reports of one place
// share one query: a busy town's reports each looking up the same month
// of that town decoded it once per report.
func (c *closure) link() error {
	frontier := c.fresh
	c.fresh = nil
	atPlace, err := c.atPlaces(frontier)
	if err != nil {
		return err
	}
	near, err := c.nearby(frontier)
	if err != nil {
		return err
	}
	for i, h := range frontier {
		m := h.m
		cands := atPlace[m.Place.PlaceKey()]
		var linked []model.Mention
		for _, x := range cands {
			if !c.has(ref(x)) && incident.Linked(m, x) {
				linked = append(linked, x)
			}
		}
		from, to := incident.Window(m)
		for _, x := range near[i] {
			// The query served a window around several reports; this one
			// compares only what its own window holds.
			if !x.From.Before(from) && !x.From.After(to) && !c.has(ref(x)) && incident.Linked(m, x) {
				linked = append(linked, x)
			}
		}
		c.add(linked, func(x model.Mention) reach { return expands(h, x) })
		if len(c.all) > maxClosure {
			return fmt.Errorf("incident update touches more than %d reports", maxClosure)
		}
	}
	return nil
}

// nearby fetches the dated reports near each dated report of the frontier
// (incident.Window, incident.SearchBox). Reports at one place whose
// windows overlap share one query over the union of their windows: a live
// blog of thousands of strikes on a few towns asked for the same weeks of
// the same towns once per strike.
func (c *closure) nearby(frontier []hop) ([][]model.Mention, error) {
	out := make([][]model.Mention, len(frontier))
	byPlace := map[string][]int{}
	var keys []string
	for i, h := range frontier {
		if !h.m.Dated {
			continue
		}
		k := h.m.Place.PlaceKey()
		if _, ok := byPlace[k]; !ok {
			keys = append(keys, k)
		}
		byPlace[k] = append(byPlace[k], i)
	}
	for _, k := range keys {
		idx := byPlace[k]
		sort.Slice(idx, func(a, b int) bool { return frontier[idx[a]].m.From.Before(frontier[idx[b]].m.From) })
		for len(idx) > 0 {
			m := frontier[idx[0]].m
			from, to := incident.Window(m)
			n := 1
			for ; n < len(idx); n++ {
				f, t := incident.Window(frontier[idx[n]].m)
				if f.After(to) {
					break
				}
				if t.After(to) {
					to = t
				}
			}
			ms, err := c.st.MentionsNear(c.ctx, from, to, model.GridCells(incident.SearchBox(m)), strings.ToLower(m.Place.Name))
			if err != nil {
				return nil, err
			}
			for _, i := range idx[:n] {
				out[i] = ms
			}
			idx = idx[n:]
		}
	}
	return out, nil
}

// atPlaces fetches, for each place of the frontier, the reports there in
// the union of the frontier's windows at that place (incident.PlaceWindow;
// a wider window only adds candidates Linked turns down).
func (c *closure) atPlaces(frontier []hop) (map[string][]model.Mention, error) {
	type window struct {
		from, to    time.Time
		undatedOnly bool
		name        string // two towns of one name are one place to clustering (incident.Linked)
	}
	windows := map[string]*window{}
	var keys []string
	for _, h := range frontier {
		from, to, undatedOnly := incident.PlaceWindow(h.m)
		k := h.m.Place.PlaceKey()
		w, ok := windows[k]
		if !ok {
			windows[k] = &window{from, to, undatedOnly, strings.ToLower(h.m.Place.Name)}
			keys = append(keys, k)
			continue
		}
		// A zero bound is no bound.
		if from.IsZero() || !w.from.IsZero() && from.Before(w.from) {
			w.from = from
		}
		if to.IsZero() || !w.to.IsZero() && to.After(w.to) {
			w.to = to
		}
		w.undatedOnly = w.undatedOnly && undatedOnly
	}
	out := make(map[string][]model.Mention, len(keys))
	for _, k := range keys {
		w := windows[k]
		ms, err := c.st.MentionsAt(c.ctx, k, w.name, w.from, w.to, w.undatedOnly)
		if err != nil {
			return nil, err
		}
		out[k] = ms
	}
	return out, nil
}

// build loads the closure's articles and builds incidents from the
// closure's reports only (the articles may report more: those incidents
// are left as stored).
func (c *closure) build(opts incident.Options) ([]model.Incident, error) {
	ids := map[int64]bool{}
	var arts []model.Article
	for _, m := range c.all {
		if ids[m.ArticleID] {
			continue
		}
		ids[m.ArticleID] = true
		a, err := c.cache.get(c.ctx, c.st, m.ArticleID)
		if err != nil {
			return nil, err
		}
		arts = append(arts, *a)
	}
	opts.Only = c.settled
	return buildCancelable(c.ctx, arts, opts)
}

// settled reports whether a report of the closure is built: every report
// whose incident the closure can decide. A report without a time or of a
// region joins one incident of those it could, so the closure decides it
// only when it holds all of them: when it took its step (it was a seed, a
// member of a stored incident, or linked from one that chains). One
// reached only at the end of such a step (a commentary a step away from
// another) is in the closure to find the stored incident it belongs to,
// which brings it back with its step; if it belongs to none, it stays so.
// Built with only some of the incidents it could join, it joined the one
// it happened to find: 5 % of incidents differed from a batch build after
// 3,000 real-shaped reports.
func (c *closure) settled(r model.MentionRef) bool {
	reach, ok := c.reached[r]
	return ok && (reach != stop || c.points[r])
}

// buildCancelable runs incident.Build, which cannot be stopped, beside the
// caller, so that Ctrl-C during a long build returns at once: the build
// is left to finish unseen (the process is about to exit, or its result
// is not wanted), and nothing was written yet.
func buildCancelable(ctx context.Context, arts []model.Article, opts incident.Options) ([]model.Incident, error) {
	done := make(chan []model.Incident, 1)
	go func() { done <- incident.Build(arts, opts) }()
	select {
	case incs := <-done:
		return incs, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// UpdateSummary is what UpdatePending did.
type UpdateSummary struct {
	Articles  int             // articles whose incidents were updated
	Incidents []Touched       // incidents stored (the last version of each), in the order first touched
	Failed    []model.Failure // articles whose update failed (recorded)
	at        map[string]int  // index of Incidents by id
}

// Touched is what an update summary keeps of an incident it stored: enough
// to list it. Not the incident itself: an ingest of 100,000 articles
// touches most of its incidents, and holding them whole grew its memory
// with the size of the run.
type Touched struct {
	ID           string
	Date         string
	SubEventType model.SubEventType
	Location     model.Location
}

// touch records the latest version of each incident.
func (s *UpdateSummary) touch(incs []Touched) {
	if s.at == nil {
		s.at = map[string]int{}
		for i, t := range s.Incidents {
			s.at[t.ID] = i
		}
	}
	for _, t := range incs {
		if i, ok := s.at[t.ID]; ok {
			s.Incidents[i] = t
			continue
		}
		s.at[t.ID] = len(s.Incidents)
		s.Incidents = append(s.Incidents, t)
	}
}

func heads(incs []model.Incident) []Touched {
	out := make([]Touched, len(incs))
	for i, inc := range incs {
		out[i] = Touched{ID: inc.ID, Date: inc.Date, SubEventType: inc.SubEventType, Location: inc.Location}
	}
	return out
}

// merge adds what another update did: its articles and failures, and the
// latest version of each incident.
func (s *UpdateSummary) merge(o *UpdateSummary) {
	if o == nil {
		return
	}
	s.Articles += o.Articles
	s.Failed = append(s.Failed, o.Failed...)
	s.touch(o.Incidents)
}

// pendingBatch is how many pending articles one update takes: their
// closures are unioned, so neighbours share one build.
const pendingBatch = 50

// UpdatePending updates the incidents of every article marked pending
// (new or re-annotated articles; all of them after MarkPending(nil)). A
// batch that fails is retried article by article; an article whose update
// still fails is recorded as a failure ("incidents") and unmarked, so the
// run goes on. progress, when set, is called after each batch.
func UpdatePending(ctx context.Context, st store.Store, opts incident.Options, progress func(done, total int)) (*UpdateSummary, error) {
	state, err := st.IncidentState(ctx)
	if err != nil {
		return nil, err
	}
	sum := &UpdateSummary{}
	keep := func(incs []model.Incident) { sum.touch(heads(incs)) }
	cache := newArticleCache(cachedArticles)
	for {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		ids, err := st.PendingArticles(ctx, pendingBatch)
		if err != nil || len(ids) == 0 {
			return sum, err
		}
		incs, done, err := updateSome(ctx, st, ids, opts, closureBudget, cache)
		if err != nil {
			done = ids
			if ctx.Err() != nil {
				return sum, ctx.Err()
			}
			for _, id := range ids {
				one, err := UpdateIncidents(ctx, st, []int64{id}, opts)
				if err == nil {
					keep(one)
					continue
				}
				if ctx.Err() != nil {
					return sum, ctx.Err()
				}
				if err := sum.fail(ctx, st, id, err); err != nil {
					return sum, err
				}
			}
		}
		keep(incs)
		sum.Articles += len(done)
		if progress != nil {
			progress(sum.Articles, max(state.Pending, sum.Articles))
		}
	}
}

// fail records that an article's incidents could not be updated and
// unmarks it (its article, annotations and reports stay stored).
func (s *UpdateSummary) fail(ctx context.Context, st store.Store, id int64, cause error) error {
	path := fmt.Sprintf("article %d", id)
	if a, err := st.Article(ctx, id); err == nil {
		path = a.Path
	}
	f := model.Failure{Path: path, Stage: "incidents", Reason: cause.Error(), At: time.Now().UTC()}
	s.Failed = append(s.Failed, f)
	if err := st.RecordFailure(ctx, f); err != nil {
		return err
	}
	return st.ReplaceIncidents(ctx, store.IncidentChange{Done: []int64{id}})
}

// Rebuild builds every incident from all annotated articles at once and
// replaces the stored ones, keeping the id of each stored incident whose
// reports it shares (`sitrep rebuild`, after the annotator or the
// incident rules change). It reads the whole store into memory; everyday
// ingest uses the incremental UpdatePending instead.
func Rebuild(ctx context.Context, st store.Store, opts incident.Options) ([]model.Incident, error) {
	arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if err != nil {
		return nil, err
	}
	pending, err := st.PendingArticles(ctx, 0)
	if err != nil {
		return nil, err
	}
	probe := make([]model.MentionRef, len(arts))
	for i, a := range arts {
		probe[i] = model.MentionRef{Article: a.ID, Sentence: -1}
	}
	stored, err := st.IncidentsTouching(ctx, probe)
	if err != nil {
		return nil, err
	}
	built, err := buildCancelable(ctx, arts, opts)
	if err != nil {
		return nil, err
	}
	return built, replace(ctx, st, built, stored, pending)
}
