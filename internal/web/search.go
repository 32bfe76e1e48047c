package web

import (
	"html/template"
	"net/http"
	"strings"

	"sitrep/internal/store"
)

type searchHit struct {
	store.SearchHit
	Href    string
	Snippet template.HTML // escaped, with <mark> around matches
}

type searchPage struct {
	Q    string
	Hits []searchHit
}

// handleSearch searches article texts and claims (FTS5 on SQLite, tsvector
// on PostgreSQL) and shows snippets with the matches highlighted.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	p := searchPage{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	if p.Q != "" {
		hits, err := s.st.Search(r.Context(), p.Q, 100)
		if err != nil {
			s.fail(w, http.StatusInternalServerError, "search failed", err)
			return
		}
		for _, h := range hits {
			sh := searchHit{SearchHit: h, Href: "/articles/" + itoa64(h.ArticleID), Snippet: markSnippet(h.Snippet)}
			if h.Kind == "claim" {
				sh.Href += "#c" + itoa64(int64(h.Ref))
			}
			p.Hits = append(p.Hits, sh)
		}
	}
	s.render(w, "search.html", p)
}

// markSnippet escapes a snippet, then turns the store's match markers
// (control characters that escaping leaves alone) into <mark> tags.
func markSnippet(s string) template.HTML {
	e := template.HTMLEscapeString(s)
	e = strings.ReplaceAll(e, store.SnippetOpen, "<mark>")
	e = strings.ReplaceAll(e, store.SnippetClose, "</mark>")
	return template.HTML(e)
}
