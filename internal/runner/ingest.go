// Package runner drives the pipeline stages over many inputs and is, with
// the CLI, the only code that touches the store. Stages run in parallel;
// results are committed by one writer in input order, so IDs and duplicate
// links do not depend on scheduling.
package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/incident"
	"sitrep/internal/ingest"
	"sitrep/internal/model"
	"sitrep/internal/neardup"
	"sitrep/internal/nlp"
	"sitrep/internal/store"
)

// IngestOptions configures Ingest.
type IngestOptions struct {
	Workers int           // parallel readers/extractors; 0 means GOMAXPROCS
	Filter  ingest.Filter // which files of a folder to take
	// DocTimeout bounds extraction and annotation of one document; 0
	// means DefaultDocTimeout.
	DocTimeout time.Duration
	Read       ingest.Options
	Extract    extract.Options
	// Annotate runs the language stage on each new article (entities,
	// places, times, quantities, claims) and stores its output.
	Annotate bool
	// Progress, when set, is called after each input file with the number
	// of files done, the total, and the file just finished.
	Progress func(done, total int, path string)
	// IncidentProgress, when set, is called as the incidents of the new
	// articles are updated, after the files are stored.
	IncidentProgress func(done, total int)
	Log              *slog.Logger
	// LeaveIncidents stores articles with their pending marks and leaves
	// the incident update to someone else (the queue's incident job).
	LeaveIncidents bool
}

// updateEvery is how many new articles a run stores between incident
// updates.
var updateEvery = 1000

// updateIncidents updates the incidents of the pending articles and adds
// what it did to the summary.
func (sum *Summary) updateIncidents(ctx context.Context, st store.Store, progress func(done, total int)) error {
	up, err := UpdatePending(ctx, st, IncidentOptions(), progress)
	if sum.Incidents == nil {
		sum.Incidents = &UpdateSummary{}
	}
	sum.Incidents.merge(up)
	if up != nil {
		sum.Failed = append(sum.Failed, up.Failed...)
	}
	if err != nil {
		return fmt.Errorf("update incidents: %w", err)
	}
	return nil
}

// Summary reports what one ingest run did.
type Summary struct {
	Files          int             // input files found
	Documents      int             // documents read from them (pages, records, items, posts)
	Ingested       int             // new articles stored
	Duplicates     int             // documents whose content was already stored (no-op)
	NearDuplicates int             // new articles stored as copies of an earlier one
	Versions       int             // new articles that are a later version of a path already stored
	Failed         []model.Failure // inputs (or members) that could not be ingested
	Skipped        []model.Failure // files of a folder that are not news, with the reason
	NewIDs         []int64         // IDs of the articles stored by this run
	// Incidents is what the incident updates of the run did (every
	// updateEvery new articles and at the end): the incidents the new (and
	// any earlier pending) articles created or joined. Nil when no update
	// ran.
	Incidents   *UpdateSummary
	Interrupted bool
	Elapsed     time.Duration
}

type docResult struct {
	doc    model.Document
	arts   []model.Article
	known  bool  // content already stored
	err    error // extraction failed: nothing to store
	annErr error // annotation failed: stored without annotations
}

type fileResult struct {
	path    string
	docs    []docResult
	readErr error // with the last part
	last    bool
}

// Ingest reads, extracts and stores every file under paths. A bad input is
// recorded as a failure and the run goes on. Cancelling ctx stops the run
// between documents; everything committed so far stays, and running again
// resumes (stored content is skipped by hash).
func Ingest(ctx context.Context, st store.Store, paths []string, opts IngestOptions) (*Summary, error) {
	start := time.Now()
	log := opts.Log
	if log == nil {
		log = slog.Default()
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sum := &Summary{}
	walked := ingest.Walk(paths, opts.Filter)
	files := walked.Files
	sum.Files = len(files)
	sum.Skipped = walked.Skipped
	for _, f := range walked.Failed {
		sum.Failed = append(sum.Failed, f)
		if err := st.RecordFailure(ctx, f); err != nil {
			return sum, fmt.Errorf("record failure: %w", err)
		}
	}

	// Each file gets a slot; workers fill slots, the writer drains them in order.
	type job struct {
		path string
		out  chan fileResult
	}
	jobs := make(chan job)
	queue := make(chan chan fileResult, workers*2)
	wctx, cancelWorkers := context.WithCancel(ctx)
	defer cancelWorkers()
	for range workers {
		go func() {
			for j := range jobs {
				o := opts
				o.Read.Data = walked.Included[j.path]
				processFile(wctx, st, j.path, o, j.out)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(queue)
		for _, p := range files {
			out := make(chan fileResult, 1) // closed by the worker after the file's last part
			select {
			case queue <- out:
			case <-wctx.Done():
				return
			}
			select {
			case jobs <- job{path: p, out: out}:
			case <-wctx.Done():
				return
			}
		}
	}()

	done, updatedAt := 0, 0
	var fatal error
	for slot := range queue {
		path, err := drainFile(ctx, st, slot, sum, walked.Named, log)
		if err != nil {
			if ctx.Err() != nil {
				sum.Interrupted = true
			} else {
				fatal = err
			}
			break
		}
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(files), path)
		}
		// A long run brings its incidents up to date as it goes, so that
		// readers see them well before the end.
		if !opts.LeaveIncidents && sum.Ingested-updatedAt >= updateEvery {
			updatedAt = sum.Ingested
			if err := sum.updateIncidents(ctx, st, nil); err != nil {
				if ctx.Err() != nil {
					sum.Interrupted = true
				} else {
					fatal = err
				}
				break
			}
		}
	}
	cancelWorkers()
	if fatal == nil && !sum.Interrupted && !opts.LeaveIncidents {
		// Articles were stored with a pending mark in their own
		// transaction; now their incidents (and those of any article an
		// earlier, interrupted run left pending) are brought up to date.
		switch err := sum.updateIncidents(ctx, st, opts.IncidentProgress); {
		case ctx.Err() != nil:
			sum.Interrupted = true
		case err != nil:
			fatal = err
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, fatal
}

// Parts of a file are handed to the writer every partDocs documents or
// partBytes of input, whichever comes first: a crawl of thousands of pages
// is stored as it is read, never held in memory whole.
const (
	partDocs  = 32
	partBytes = 32 << 20
)

// processFile reads one file and extracts its documents, sending them to
// out in parts (the last one carries the read error) and closing out; it
// only reads the store (to skip content already stored).
func processFile(ctx context.Context, st store.Store, path string, opts IngestOptions, out chan<- fileResult) {
	defer close(out)
	fr := fileResult{path: path}
	size := 0
	send := func() bool {
		select {
		case out <- fr:
			fr, size = fileResult{path: path}, 0
			return true
		case <-ctx.Done():
			return false
		}
	}
	stopped := ctx.Err() != nil
	_, readErr := ingest.Stream(path, opts.Read, func(d model.Document) {
		if stopped = stopped || ctx.Err() != nil; stopped {
			return
		}
		fr.docs = append(fr.docs, processDoc(ctx, st, d, opts))
		size += len(d.Body)
		if len(fr.docs) >= partDocs || size >= partBytes {
			stopped = !send()
		}
	})
	if stopped {
		return
	}
	fr.readErr = readErr
	fr.last = true
	send()
}

// processDoc extracts (and annotates) one document unless its content is
// already stored.
func processDoc(ctx context.Context, st store.Store, d model.Document, opts IngestOptions) docResult {
	dr := docResult{doc: d}
	known, err := st.HasContent(ctx, extract.ContentHash(d.Body))
	switch {
	case err != nil:
		dr.err = fmt.Errorf("store: %w", err)
	case known:
		dr.known = true
	default:
		dr.arts, dr.err, dr.annErr = withinTime(opts.docTimeout(), func() ([]model.Article, error, error) {
			return extractAndAnnotate(d, opts)
		})
	}
	dr.doc.Body = nil // stored as the article now; not held until the commit
	return dr
}

// extractAndAnnotate runs the pure stages on one document.
func extractAndAnnotate(d model.Document, opts IngestOptions) (arts []model.Article, err, annErr error) {
	arts, err = extractSafely(d, opts.Extract)
	if err != nil || !opts.Annotate {
		return arts, err, nil
	}
	for i := range arts {
		an, err := annotateSafely(&arts[i])
		if err != nil {
			annErr = err
			continue
		}
		arts[i].Annotations = &an
		arts[i].Mentions = incident.ArticleMentions(&arts[i])
	}
	return arts, nil, annErr
}

// DefaultDocTimeout is how long extraction and annotation of one document
// may take before it fails. The budgets on tags and text keep real pages
// far below it (a 1 MB live blog takes about 8 s); it is the last guard
// against an input that none of them foresaw.
const DefaultDocTimeout = 2 * time.Minute

func (o IngestOptions) docTimeout() time.Duration {
	if o.DocTimeout <= 0 {
		return DefaultDocTimeout
	}
	return o.DocTimeout
}

// withinTime runs the pure stages of one document beside the caller and
// gives up on them after limit: the run goes on, the document fails with
// the reason, and the stages finish unseen (they cannot be stopped, and
// write nothing).
func withinTime(limit time.Duration, f func() ([]model.Article, error, error)) ([]model.Article, error, error) {
	type result struct {
		arts        []model.Article
		err, annErr error
	}
	done := make(chan result, 1)
	go func() {
		arts, err, annErr := f()
		done <- result{arts, err, annErr}
	}()
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case r := <-done:
		return r.arts, r.err, r.annErr
	case <-t.C:
		return nil, fmt.Errorf("%w: extraction and annotation took longer than %s (--doc-timeout)", extract.ErrBudget, limit), nil
	}
}

// drainFile commits the parts of one file as they arrive and returns its
// path once its last part is stored.
func drainFile(ctx context.Context, st store.Store, slot <-chan fileResult, sum *Summary, named map[string]bool, log *slog.Logger) (string, error) {
	for {
		select {
		case fr, ok := <-slot:
			if !ok {
				return "", ctx.Err() // the worker stopped before the end
			}
			if errors.Is(fr.readErr, ingest.ErrNotNews) && !named[fr.path] {
				// Found in a folder and not news by its content: skipped.
				sum.Skipped = append(sum.Skipped, model.Failure{Path: fr.path, Stage: "skip", Reason: fr.readErr.Error(), At: time.Now().UTC()})
				fr.readErr = nil
			}
			if err := commitFile(ctx, st, fr, sum, log); err != nil {
				return fr.path, err
			}
			if fr.last {
				return fr.path, nil
			}
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// extractSafely turns a panic inside a third-party extractor into an error
// for this document, so one hostile page cannot stop the run.
func extractSafely(d model.Document, opts extract.Options) (arts []model.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			arts, err = nil, fmt.Errorf("extractor crashed: %v", r)
		}
	}()
	return extract.Document(d, opts)
}

// annotateSafely runs the language stage, turning a panic into an error.
func annotateSafely(a *model.Article) (an model.Annotations, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("annotator crashed: %v", r)
		}
	}()
	return nlp.AnnotateArticle(a), nil
}

func commitFile(ctx context.Context, st store.Store, fr fileResult, sum *Summary, log *slog.Logger) error {
	fail := func(path, stage string, err error) error {
		f := model.Failure{Path: path, Stage: stage, Reason: err.Error(), At: time.Now().UTC()}
		sum.Failed = append(sum.Failed, f)
		log.Debug("ingest failed", "path", path, "stage", stage, "err", err)
		return st.RecordFailure(ctx, f)
	}
	if fr.readErr != nil {
		stage := "read"
		if errors.Is(fr.readErr, ingest.ErrTooLarge) {
			stage = "size"
		}
		if err := fail(fr.path, stage, fr.readErr); err != nil {
			return err
		}
	}
	for _, dr := range fr.docs {
		sum.Documents++
		switch {
		case dr.err != nil:
			stage := "extract"
			if errors.Is(dr.err, extract.ErrBudget) {
				stage = "budget"
			}
			if err := fail(dr.doc.Path, stage, dr.err); err != nil {
				return err
			}
			continue
		case dr.known:
			sum.Duplicates++
			continue
		}
		if err := storeDocument(ctx, st, dr.arts, sum); err != nil {
			return fmt.Errorf("store %s: %w", dr.doc.Path, err)
		}
		if dr.annErr != nil {
			if err := fail(dr.doc.Path, "annotate", dr.annErr); err != nil {
				return err
			}
		}
	}
	return nil
}

func storeDocument(ctx context.Context, st store.Store, arts []model.Article, sum *Summary) error {
	latest, err := st.LatestVersion(ctx, arts[0].Path)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for i := range arts {
		a := &arts[i]
		a.Version = latest + 1
		a.IngestedAt = now
		orig, origPub, err := findOriginal(ctx, st, a)
		if err != nil {
			return err
		}
		if orig != 0 && !a.Published.IsZero() && !origPub.IsZero() && a.Published.Before(origPub) {
			// Ingested later but published first: this is the original.
			a.Supersedes = orig
		} else {
			a.DuplicateOf = orig
		}
	}
	ids, created, err := st.PutDocument(ctx, arts)
	if err != nil {
		return err
	}
	if !created {
		sum.Duplicates++
		return nil
	}
	sum.NewIDs = append(sum.NewIDs, ids...)
	sum.Ingested += len(arts)
	if latest > 0 {
		sum.Versions += len(arts)
	}
	for _, a := range arts {
		if a.DuplicateOf != 0 || a.Supersedes != 0 {
			sum.NearDuplicates++
		}
	}
	return nil
}

// findOriginal returns the ID and publication time of the original of the
// stored group a copies (same clean text, or a near-duplicate by MinHash),
// or 0. Copies point at their group's original, so a syndication chain
// counts once.
func findOriginal(ctx context.Context, st store.Store, a *model.Article) (int64, time.Time, error) {
	cands, err := st.DuplicateCandidates(ctx, a.TextHash, neardup.BandKeys(a.MinHash))
	if err != nil {
		return 0, time.Time{}, err
	}
	pub := map[int64]time.Time{}
	for _, c := range cands {
		pub[c.ID] = c.Published
	}
	sig := neardup.Signature{Mins: a.MinHash, Shingles: a.Shingles}
	var best int64
	for _, c := range cands {
		same := c.TextHash == a.TextHash ||
			(len(a.MinHash) > 0 && neardup.IsNearDuplicate(sig, neardup.Signature{Mins: c.MinHash, Shingles: c.Shingles}))
		if !same {
			continue
		}
		orig := c.ID
		if c.DuplicateOf != 0 {
			orig = c.DuplicateOf
		}
		if best == 0 || orig < best {
			best = orig
		}
	}
	if best == 0 {
		return 0, time.Time{}, nil
	}
	bestPub, ok := pub[best]
	if !ok {
		o, err := st.Article(ctx, best)
		if err != nil {
			return 0, time.Time{}, err
		}
		bestPub = o.Published
	}
	return best, bestPub, nil
}
