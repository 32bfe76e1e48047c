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
	Q       string
	Hits    []searchHit
	Page    int
	First   int // the rank of the page's first hit
	PrevURL string
	NextURL string
}

// searchPageSize is how many hits one search page shows.
const searchPageSize = 50

// handleSearch searches article texts and claims (FTS5 on SQLite, tsvector
// on PostgreSQL; "quoted phrases" and OR work, copies of an article are
// left out) and shows snippets with the matches highlighted, with the
// outlet and date of each, a page at a time.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	p := searchPage{Q: strings.TrimSpace(r.URL.Query().Get("q")), Page: pageOf(r)}
	p.First = (p.Page-1)*searchPageSize + 1
	if p.Q != "" {
		// One more than a page tells whether a next page exists.
		hits, err := s.st.Search(r.Context(), p.Q, searchPageSize+1, (p.Page-1)*searchPageSize)
		if err != nil {
			s.fail(w, http.StatusInternalServerError, "search failed", err)
			return
		}
		if len(hits) > searchPageSize {
			hits = hits[:searchPageSize]
			p.NextURL = pageURL(r, p.Page+1)
		}
		if p.Page > 1 {
			p.PrevURL = pageURL(r, p.Page-1)
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
