package web

import (
	"net/http"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// outletPageSize is how many articles one outlet page lists.
const outletPageSize = 100

type outletsPage struct {
	Sites []store.SiteCount
}

type outletPage struct {
	Site     string
	Articles []model.Article
	Page     int
	PrevURL  string
	NextURL  string
}

// handleOutlets lists the outlets with their articles and copies.
func (s *Server) handleOutlets(w http.ResponseWriter, r *http.Request) {
	sites, err := s.st.Sites(r.Context())
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read outlets", err)
		return
	}
	s.render(w, "outlets.html", outletsPage{Sites: sites})
}

// handleOutlet lists one outlet's articles, oldest first, a page at a
// time, each marked when it copies another.
func (s *Server) handleOutlet(w http.ResponseWriter, r *http.Request) {
	p := outletPage{Site: r.PathValue("site"), Page: pageOf(r)}
	arts, err := s.st.Articles(r.Context(), store.ArticleFilter{Site: p.Site, Limit: outletPageSize + 1, Offset: (p.Page - 1) * outletPageSize})
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read articles", err)
		return
	}
	if len(arts) == 0 && p.Page == 1 {
		s.fail(w, http.StatusNotFound, "no such outlet", nil)
		return
	}
	if len(arts) > outletPageSize {
		arts, p.NextURL = arts[:outletPageSize], pageURL(r, p.Page+1)
	}
	if p.Page > 1 {
		p.PrevURL = pageURL(r, p.Page-1)
	}
	for i := range arts {
		arts[i].Text, arts[i].Removed = "", nil // the list shows titles only
	}
	p.Articles = arts
	s.render(w, "outlet.html", p)
}
