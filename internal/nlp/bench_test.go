package nlp

import (
	"encoding/json"
	"os"
	"runtime"
	"sitrep/internal/model"
	"testing"
	"time"
)

// zyteBodies returns the gold article bodies of the Zyte benchmark, or nil
// when ../shared is absent.
func zyteBodies(tb testing.TB) []string {
	raw, err := os.ReadFile("../../../shared/bench/article-extraction/ground-truth.json")
	if err != nil {
		return nil
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		tb.Fatal(err)
	}
	var texts []string
	for _, v := range gt {
		texts = append(texts, v.ArticleBody)
	}
	return texts
}

// BenchmarkAnnotateZyte annotates the 181 gold article bodies of the Zyte
// benchmark (clean text, about 750 words each) and reports articles per
// second; run with GOMAXPROCS=1 for the per-core figure. Model and gazetteer
// loading happen before the timer starts.
func BenchmarkAnnotateZyte(b *testing.B) {
	texts := zyteBodies(b)
	if texts == nil {
		b.Skip("Zyte benchmark not found (ships with ../shared; skipping)")
	}
	bytes := 0
	for _, t := range texts {
		bytes += len(t)
	}
	ref := time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC)
	Annotate("warm up: load the model and the gazetteer.", ref)
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			Annotate(t, ref)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heapMB")
}

// BenchmarkAnnotateArticleZyte is the whole language stage an ingested
// article goes through: Annotate, then the counts' facts, the speakers'
// aliases and the event reports (AnnotateArticle), on the Zyte bodies.
//
//	GOMAXPROCS=1 go test ./internal/nlp -run XXX -bench AnnotateArticleZyte -benchtime 5x -count 5
func BenchmarkAnnotateArticleZyte(b *testing.B) {
	texts := zyteBodies(b)
	if texts == nil {
		b.Skip("Zyte benchmark not found (ships with ../shared; skipping)")
	}
	ref := time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC)
	arts := make([]model.Article, len(texts))
	for i, t := range texts {
		arts[i] = model.Article{Text: t, Language: "en", Published: ref, DatePrec: model.PrecisionDay, Site: "Example News"}
	}
	Annotate("warm up: load the model and the gazetteer.", ref)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for i := range arts {
			AnnotateArticle(&arts[i])
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
