package extract_test

import (
	"strings"
	"testing"

	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// Real pages (Zyte benchmark, read from ../shared through the benchmark's
// own loader) that trafilatura gets wrong and its fallbacks right: one where
// it takes the site's menus for the article, one where it stops after the
// first section of a long story.
func TestHTMLRescuedByFallback(t *testing.T) {
	eb, err := eval.LoadExtractionBench("../../../shared/bench/article-extraction")
	if err != nil {
		t.Skipf("Zyte benchmark not found (ships with ../shared; skipping): %v", err)
	}
	for _, c := range []struct{ page, absent, present string }{ // page: the page id's first 8 characters
		{"f6ac15a4", "MENU Acessar", "A equipe do Serviço de Atendimento Domiciliar"},
		{"d48aeb9c", "", "Instagram also lets you see how people interact with your stories"},
	} {
		var id string
		for _, x := range eb.IDs {
			if strings.HasPrefix(x, c.page) {
				id = x
			}
		}
		if id == "" {
			t.Fatalf("no benchmark page %s", c.page)
		}
		raw, err := eb.Page(id)
		if err != nil {
			t.Fatal(err)
		}
		r, err := extract.HTML(raw, extract.HTMLOptions{FastDate: true, SkipRemoved: true})
		if err != nil {
			t.Fatal(err)
		}
		if c.absent != "" && strings.Contains(r.Text, c.absent) || !strings.Contains(r.Text, c.present) {
			t.Errorf("%s: text is not the whole story: %.200q", c.page, r.Text)
		}
	}
}
