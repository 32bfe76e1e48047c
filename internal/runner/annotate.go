package runner

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
	"sitrep/internal/store"
)

// AnnotateMissing runs the language stage on stored articles that have no
// annotations, or annotations from an older annotator, and stores the
// result. It returns the articles with annotations, ready for incident
// building, and how many it annotated. An article the annotator fails on is
// recorded as a failure and left out.
func AnnotateMissing(ctx context.Context, st store.Store, progress func(done, total int)) ([]model.Article, int, error) {
	arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if err != nil {
		return nil, 0, err
	}
	var todo []int
	for i := range arts {
		if arts[i].Annotations == nil || arts[i].Annotations.Version < nlp.AnnotatorVersion {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return arts, 0, nil
	}
	type result struct {
		i   int
		an  model.Annotations
		err error
	}
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				an, err := annotateSafely(&arts[i])
				results <- result{i, an, err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, i := range todo {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	done := 0
	var firstErr error
	for r := range results {
		done++
		if progress != nil {
			progress(done, len(todo))
		}
		if firstErr != nil {
			continue
		}
		a := &arts[r.i]
		if r.err != nil {
			if err := st.RecordFailure(ctx, model.Failure{Path: a.Path, Stage: "annotate", Reason: r.err.Error()}); err != nil {
				firstErr = err
			}
			continue
		}
		a.Annotations = &r.an
		if err := st.PutAnnotations(ctx, a.ID, r.an, incident.ArticleMentions(a)); err != nil {
			firstErr = fmt.Errorf("store annotations of article %d: %w", a.ID, err)
		}
	}
	if firstErr != nil {
		return nil, done, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, done, err
	}
	return arts, done, nil
}
