package runner

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
)

// BenchmarkLanguageStageZyte is the work ingest does per article after
// extraction, up to its event reports: the language stage
// (nlp.AnnotateArticle) and the mentions stored with the article
// (incident.ArticleMentions), on the 181 Zyte gold bodies. Written so it
// runs unchanged on older trees, for side-by-side ratios.
//
//	GOMAXPROCS=1 go test ./internal/runner -run XXX -bench LanguageStageZyte -benchtime 3x
func BenchmarkLanguageStageZyte(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(benchRoot, "article-extraction/ground-truth.json"))
	if err != nil {
		b.Skip("Zyte benchmark not found (ships with ../shared; skipping)")
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		b.Fatal(err)
	}
	ref := time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC)
	var arts []model.Article
	for _, v := range gt {
		arts = append(arts, model.Article{Text: v.ArticleBody, Language: "en", Published: ref, DatePrec: model.PrecisionDay, Site: "Example News"})
	}
	nlp.Annotate("warm up: load the model and the gazetteer.", ref)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for i := range arts {
			a := arts[i]
			an := nlp.AnnotateArticle(&a)
			a.Annotations = &an
			incident.ArticleMentions(&a)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
