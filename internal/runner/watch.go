package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/model"
	"sitrep/internal/store"
)

// Source is one thing `watch` follows: a feed, a sitemap, an article page
// or a public Telegram channel (its t.me/s preview).
type Source struct {
	URL   string
	Name  string
	Every time.Duration // between polls; 0 means WatchOptions.Every
	Pages int           // a channel's preview pages read the first time (older posts); 0 means 1
}

// WatchOptions configures Watch.
type WatchOptions struct {
	Sources []Source
	Once    bool          // poll each due source once, store what it gave, update incidents, return
	Every   time.Duration // default poll interval (DefaultEvery)
	Fetcher *ingest.Fetcher
	// Hosts is how many hosts are worked at once (each host's sources and
	// links one after another, as the fetcher's politeness wants).
	Hosts int
	// MaxLinks bounds the articles fetched from one listing in one poll
	// (the newest first); the rest wait for the next poll.
	MaxLinks int
	// Backoff after failures: Retry doubles from RetryBase up to RetryMax.
	RetryBase, RetryMax time.Duration
	Ingest              IngestOptions // extraction and annotation of what is fetched
	// Alerts, when set, checks the incidents of each round against its
	// rules and delivers each alert once.
	Alerts *Alerts
	// Round, when set, is called after each round with its summary.
	Round func(*WatchSummary)
	Log   *slog.Logger
}

// Defaults of watch.
const (
	DefaultEvery    = 15 * time.Minute
	DefaultMaxLinks = 200
	maxChildMaps    = 50 // sitemaps of one index read in one poll
)

func (o *WatchOptions) defaults() {
	if o.Every <= 0 {
		o.Every = DefaultEvery
	}
	if o.Fetcher == nil {
		o.Fetcher = &ingest.Fetcher{}
	}
	if o.Hosts <= 0 {
		o.Hosts = 16
	}
	if o.MaxLinks <= 0 {
		o.MaxLinks = DefaultMaxLinks
	}
	if o.RetryBase <= 0 {
		o.RetryBase = time.Minute
	}
	if o.RetryMax <= 0 {
		o.RetryMax = 6 * time.Hour
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
}

// WatchSummary is what one round (or, summed, a whole run) did.
type WatchSummary struct {
	Rounds      int
	Polled      int // sources asked
	NotModified int // sources that answered 304
	Unchanged   int // sources whose body had not changed (no parse)
	Fetched     int // articles fetched from listings
	Ingested    int // new articles (or new versions) stored
	Versions    int // of those, new versions of a URL already stored
	Duplicates  int
	Gone        int // channel posts no longer shown
	Failed      []model.Failure
	Incidents   *UpdateSummary
	Elapsed     time.Duration
	newIDs      []int64 // stored this round, for the alerts of new incidents
	hostDown    bool    // the source's host failed as a whole (no answer, 429, 5xx)
}

func (s *WatchSummary) add(o *WatchSummary) {
	s.Rounds += o.Rounds
	s.Polled += o.Polled
	s.NotModified += o.NotModified
	s.Unchanged += o.Unchanged
	s.Fetched += o.Fetched
	s.Ingested += o.Ingested
	s.Versions += o.Versions
	s.Duplicates += o.Duplicates
	s.Gone += o.Gone
	s.Failed = append(s.Failed, o.Failed...)
	s.newIDs = append(s.newIDs, o.newIDs...)
	if o.Incidents != nil {
		if s.Incidents == nil {
			s.Incidents = &UpdateSummary{}
		}
		s.Incidents.merge(o.Incidents)
	}
}

// Watch polls the sources until ctx ends (or one round with Once): every
// response is kept in the fetcher's WARC, new and changed articles and
// posts are stored like ingested ones (a changed one as a new version of
// its URL), posts a channel stopped showing are marked gone, and the
// incidents of what was stored are updated after each round.
func Watch(ctx context.Context, st store.Store, opts WatchOptions) (*WatchSummary, error) {
	opts.defaults()
	w := &watcher{st: st, opts: opts}
	total := &WatchSummary{}
	for {
		start := time.Now()
		sum, err := w.round(ctx)
		sum.Elapsed = time.Since(start)
		total.add(sum)
		total.Elapsed += sum.Elapsed
		if opts.Round != nil {
			opts.Round(sum)
		}
		if err != nil && ctx.Err() != nil {
			return total, nil // stopped: what was stored stays, the rest is pending
		}
		if err != nil || opts.Once {
			return total, err
		}
		next, err := w.nextDue(ctx)
		if err != nil {
			return total, err
		}
		if err := Sleep(ctx, time.Until(next)); err != nil {
			return total, nil // stopped between rounds: nothing half done
		}
	}
}

type watcher struct {
	st     store.Store
	opts   WatchOptions
	commit sync.Mutex // one writer
}

// nextDue is when the first source is due again (at least a second away).
func (w *watcher) nextDue(ctx context.Context) (time.Time, error) {
	next := time.Now().Add(w.opts.Every)
	for _, src := range w.opts.Sources {
		s, ok, err := w.st.FetchState(ctx, src.URL)
		if err != nil {
			return next, err
		}
		if ok && s.NextAt.Before(next) {
			next = s.NextAt
		}
		if !ok {
			next = time.Now()
		}
	}
	return maxTime(next, time.Now().Add(time.Second)), nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Sleep waits d, or until ctx ends (its error).
func Sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// due is a source to poll this round, with the state the round read.
type due struct {
	src   Source
	state model.FetchState
	known bool
}

// round polls every due source, a host's sources one after another and
// Hosts hosts at once, then updates the incidents of what was stored.
func (w *watcher) round(ctx context.Context) (*WatchSummary, error) {
	sum := &WatchSummary{Rounds: 1}
	byHost := map[string][]due{}
	var hosts []string
	now := time.Now()
	for _, src := range w.opts.Sources {
		s, ok, err := w.st.FetchState(ctx, src.URL)
		if err != nil {
			return sum, fmt.Errorf("watch state: %w", err)
		}
		if ok && now.Before(s.NextAt) {
			continue
		}
		h := hostOf(src.URL)
		if byHost[h] == nil {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], due{src, s, ok})
	}
	sort.Strings(hosts)
	var mu sync.Mutex
	var fatal error
	queue := make(chan string)
	var wg sync.WaitGroup
	for range min(w.opts.Hosts, max(len(hosts), 1)) {
		wg.Go(func() {
			for h := range queue {
				for _, d := range byHost[h] {
					if ctx.Err() != nil {
						return
					}
					s, err := w.poll(ctx, d)
					mu.Lock()
					sum.add(s)
					if err != nil && fatal == nil {
						fatal = err
					}
					mu.Unlock()
					if s.hostDown {
						break // the host's other sources wait for the next round
					}
				}
			}
		})
	}
	for _, h := range hosts {
		select {
		case queue <- h:
		case <-ctx.Done():
		}
	}
	close(queue)
	wg.Wait()
	if fatal != nil {
		return sum, fatal
	}
	if ctx.Err() != nil {
		return sum, nil // on Ctrl-C the incidents stay pending for the next run
	}
	// Incidents of what this round stored, and anything pending from an
	// earlier run.
	is := &Summary{}
	err := is.updateIncidents(ctx, w.st, w.opts.Ingest.IncidentProgress)
	sum.Incidents = is.Incidents
	sum.Failed = append(sum.Failed, is.Failed...)
	if err != nil {
		return sum, err
	}
	if w.opts.Alerts != nil && sum.Incidents != nil {
		fresh := map[int64]bool{}
		for _, id := range sum.newIDs {
			fresh[id] = true
		}
		if err := w.opts.Alerts.Check(ctx, w.st, sum.Incidents, fresh); err != nil {
			return sum, fmt.Errorf("alerts: %w", err)
		}
	}
	return sum, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}

// poll asks one source and stores what it gave. Only a store error is
// returned: a source's own failure is recorded and backed off.
func (w *watcher) poll(ctx context.Context, d due) (*WatchSummary, error) {
	sum := &WatchSummary{Polled: 1}
	src, state := d.src, d.state
	state.URL = src.URL
	first := !d.known || state.BodyHash == ""
	every := src.Every
	if every <= 0 {
		every = w.opts.Every
	}
	resp, err := w.opts.Fetcher.Fetch(ctx, ingest.Request{URL: src.URL, ETag: state.ETag, LastModified: state.LastModified})
	if err != nil {
		return sum, w.failed(ctx, sum, &state, err)
	}
	state.Fails, state.LastError, state.Status, state.FetchedAt = 0, "", resp.Status, resp.At
	state.NextAt = resp.At.Add(every)
	if resp.Capture.File != "" {
		state.Capture = resp.Capture.String()
	}
	switch {
	case resp.NotModified:
		sum.NotModified++
		return sum, w.st.PutFetchState(ctx, state)
	case extract.ContentHash(resp.Body) == state.BodyHash:
		sum.Unchanged++
		return sum, w.st.PutFetchState(ctx, state)
	}
	state.ETag, state.LastModified, state.BodyHash = resp.ETag, resp.LastModified, extract.ContentHash(resp.Body)
	if err := w.read(ctx, sum, src, resp, first); err != nil {
		return sum, err
	}
	return sum, w.st.PutFetchState(ctx, state)
}

// failed records a source's failure, and when to try it again.
func (w *watcher) failed(ctx context.Context, sum *WatchSummary, state *model.FetchState, err error) error {
	if ctx.Err() != nil {
		return nil // stopped: not the source's fault
	}
	var fe *ingest.FetchError
	retry := time.Duration(0)
	temporary := true
	if errors.As(err, &fe) {
		retry, temporary = fe.RetryAfter, fe.Temporary
		state.Status = fe.Status
		// A server that does not answer, is overloaded or asks us to slow
		// down is so for all its sources: the others are not asked again
		// this round, so a failing host cannot hold a round up.
		sum.hostDown = temporary && !errors.Is(err, ingest.ErrRobots)
	} else {
		return err // the WARC could not be written: stop rather than lose evidence
	}
	state.Fails++
	state.LastError = err.Error()
	wait := ingest.Backoff(state.Fails, w.opts.RetryBase, w.opts.RetryMax, retry)
	if !temporary {
		wait = max(wait, w.opts.Every) // a 404 or robots.txt: not worth hurrying back
	}
	state.NextAt = time.Now().Add(wait)
	f := model.Failure{Path: state.URL, Stage: "fetch", Reason: err.Error(), At: time.Now().UTC()}
	sum.Failed = append(sum.Failed, f)
	w.opts.Log.Debug("fetch failed", "url", state.URL, "fails", state.Fails, "next", wait, "err", err)
	if err := w.st.RecordFailure(ctx, f); err != nil {
		return err
	}
	return w.st.PutFetchState(ctx, *state)
}

// read stores what a changed source gave: its own page or posts, and the
// articles its links point at that are new.
func (w *watcher) read(ctx context.Context, sum *WatchSummary, src Source, resp *ingest.Response, first bool) error {
	l, err := ingest.ReadListing(resp.Body, resp.URL, resp.ContentType)
	if err != nil {
		f := model.Failure{Path: src.URL, Stage: "read", Reason: err.Error(), At: time.Now().UTC()}
		sum.Failed = append(sum.Failed, f)
		return w.st.RecordFailure(ctx, f)
	}
	for i := range l.Docs {
		if l.Kind == "page" {
			l.Docs[i].Path = src.URL // the URL followed, whatever it redirects to
		}
		l.Docs[i].Capture = resp.Capture.String()
		l.Docs[i].FileTime = resp.At
	}
	switch l.Kind {
	case "telegram":
		return w.channel(ctx, sum, src, l.Channel, resp, first)
	case "sitemap index":
		for _, child := range l.Children[:min(len(l.Children), maxChildMaps)] {
			cr, err := w.opts.Fetcher.Fetch(ctx, ingest.Request{URL: child})
			if err != nil {
				w.recordFetch(ctx, sum, child, err)
				continue
			}
			cl, err := ingest.ReadListing(cr.Body, cr.URL, cr.ContentType)
			if err != nil {
				continue
			}
			if err := w.links(ctx, sum, src.URL, cl.Links); err != nil {
				return err
			}
		}
		return nil
	}
	if err := w.store(ctx, sum, src.URL, l.Docs); err != nil {
		return err
	}
	return w.links(ctx, sum, src.URL, l.Links)
}

func (w *watcher) recordFetch(ctx context.Context, sum *WatchSummary, u string, err error) {
	if ctx.Err() != nil {
		return
	}
	f := model.Failure{Path: u, Stage: "fetch", Reason: err.Error(), At: time.Now().UTC()}
	sum.Failed = append(sum.Failed, f)
	if err := w.st.RecordFailure(ctx, f); err != nil {
		w.opts.Log.Warn("record failure", "url", u, "err", err)
	}
}

// links fetches the articles of a listing not fetched before, newest
// first and at most MaxLinks a poll; one whose listing says it was updated
// since it was fetched is asked again (conditionally).
func (w *watcher) links(ctx context.Context, sum *WatchSummary, source string, links []ingest.Link) error {
	sort.SliceStable(links, func(i, j int) bool { return links[i].Published.After(links[j].Published) })
	n := 0
	for _, l := range links {
		if ctx.Err() != nil || n >= w.opts.MaxLinks {
			return nil
		}
		s, ok, err := w.st.FetchState(ctx, l.URL)
		if err != nil {
			return err
		}
		if ok && s.Fails == 0 && !s.FetchedAt.IsZero() && (l.Published.IsZero() || !l.Published.After(s.FetchedAt)) {
			continue // fetched (200 or 304) and not changed since, by the listing's word
		}
		if ok && time.Now().Before(s.NextAt) && s.Fails > 0 {
			continue // failing: backed off
		}
		n++
		s.URL, s.Source = l.URL, source
		resp, err := w.opts.Fetcher.Fetch(ctx, ingest.Request{URL: l.URL, ETag: s.ETag, LastModified: s.LastModified})
		if err != nil {
			if err := w.failed(ctx, sum, &s, err); err != nil {
				return err
			}
			continue
		}
		sum.Fetched++
		s.Fails, s.LastError, s.Status, s.FetchedAt, s.NextAt = 0, "", resp.Status, resp.At, time.Time{}
		s.ETag, s.LastModified, s.Capture = resp.ETag, resp.LastModified, resp.Capture.String()
		if !resp.NotModified {
			s.BodyHash = extract.ContentHash(resp.Body)
			d := model.Document{Path: l.URL, URL: resp.URL, Format: model.FormatHTML, BodyKind: "html", Body: resp.Body,
				ContentType: resp.ContentType, FileTime: resp.At, Title: l.Title, Capture: resp.Capture.String()}
			if !l.Published.IsZero() {
				d.Published, d.PublishedPrec, d.PublishedSrc = l.Published, model.PrecisionSecond, model.DateFeed
			}
			if ingest.Sniff(resp.Body) != ingest.KindHTML {
				w.recordFetch(ctx, sum, l.URL, fmt.Errorf("not an HTML page (%s)", ingest.Sniff(resp.Body)))
			} else if err := w.store(ctx, sum, source, []model.Document{d}); err != nil {
				return err
			}
		}
		if err := w.st.PutFetchState(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// channel stores a t.me/s page's posts (an edited post is a new version
// of its URL), marks the posts of the page's id range it no longer shows
// as gone, and the first time reads up to src.Pages pages back.
func (w *watcher) channel(ctx context.Context, sum *WatchSummary, src Source, p *ingest.TGPage, resp *ingest.Response, first bool) error {
	pages := max(src.Pages, 1)
	for page := 1; ; page++ {
		if err := w.posts(ctx, sum, src.URL, p, resp); err != nil {
			return err
		}
		if !first || page >= pages || p.Older == "" || ctx.Err() != nil {
			return nil
		}
		r, err := w.opts.Fetcher.Fetch(ctx, ingest.Request{URL: p.Older})
		if err != nil {
			w.recordFetch(ctx, sum, p.Older, err)
			return nil
		}
		older, err := ingest.ParseTelegramPreview(r.Body, r.URL)
		if err != nil {
			w.recordFetch(ctx, sum, p.Older, err)
			return nil
		}
		p, resp = older, r
	}
}

// posts stores one preview page's posts and marks the missing ones gone.
func (w *watcher) posts(ctx context.Context, sum *WatchSummary, source string, p *ingest.TGPage, resp *ingest.Response) error {
	docs := p.Documents()
	for i := range docs {
		docs[i].Capture, docs[i].FileTime = resp.Capture.String(), resp.At
	}
	if err := w.store(ctx, sum, source, docs); err != nil {
		return err
	}
	if len(p.Posts) == 0 {
		return nil
	}
	lo, hi := p.Posts[0].ID, p.Posts[0].ID
	shown := map[string]bool{}
	for _, post := range p.Posts {
		lo, hi = min(lo, post.ID), max(hi, post.ID)
		shown[post.URL] = true
	}
	known, err := w.st.FetchStatesOf(ctx, source)
	if err != nil {
		return err
	}
	have := map[string]model.FetchState{}
	for _, s := range known {
		have[s.URL] = s
	}
	for _, post := range p.Posts {
		s := have[post.URL]
		if s.URL != "" && s.GoneAt.IsZero() {
			continue
		}
		s.URL, s.Source, s.Status, s.FetchedAt, s.Capture, s.GoneAt = post.URL, source, 200, resp.At, resp.Capture.String(), time.Time{}
		if err := w.st.PutFetchState(ctx, s); err != nil {
			return err
		}
	}
	for _, s := range known {
		id := postID(s.URL)
		if shown[s.URL] || !s.GoneAt.IsZero() || id < lo || id > hi {
			continue
		}
		s.GoneAt = resp.At
		sum.Gone++
		if err := w.st.PutFetchState(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

func postID(u string) int64 {
	i := strings.LastIndexByte(u, '/')
	n, _ := strconv.ParseInt(u[i+1:], 10, 64)
	return n
}

// store extracts, annotates and stores documents like ingest does, one
// writer at a time.
func (w *watcher) store(ctx context.Context, sum *WatchSummary, source string, docs []model.Document) error {
	if len(docs) == 0 {
		return nil
	}
	fr := fileResult{path: source, last: true}
	for _, d := range docs {
		fr.docs = append(fr.docs, processDoc(ctx, w.st, d, w.opts.Ingest))
	}
	w.commit.Lock()
	defer w.commit.Unlock()
	is := &Summary{}
	if err := commitFile(ctx, w.st, fr, is, w.opts.Log); err != nil {
		return err
	}
	sum.Ingested += is.Ingested
	sum.Duplicates += is.Duplicates
	sum.Failed = append(sum.Failed, is.Failed...)
	sum.Versions += is.Versions
	sum.newIDs = append(sum.newIDs, is.NewIDs...)
	return nil
}
