// Package web serves sitrep's read-only web UI and JSON API: server-rendered
// pages from embedded templates (html/template escapes everything; article
// HTML is never rendered raw), a strict Content-Security-Policy with no
// inline scripts, one handler per file.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server serves what the store holds. It only reads: incidents are built
// and stored by ingest, so a request never builds, annotates or writes.
type Server struct {
	st    store.Store
	log   *slog.Logger
	pages *template.Template
	world string // SVG path data of the world outline
	land  string // SVG path data of the land

	mu         sync.Mutex
	cache      *viewCache // what every list page shows, for one incident version
	checked    time.Time  // when the incident version was last looked at
	refreshing bool       // a refresh runs beside the requests
	mapCache   *mapView   // the map page, for one incident version
	mapChecked time.Time
}

// viewCache holds what is costly to read for every page and changes only
// when incidents are stored: the timeline of all incidents and the facets.
type viewCache struct {
	version   int64
	total     int
	allLine   template.HTML // the timeline of all incidents, rendered
	types     []model.SubEventType
	countries []string
}

// recheck is how often the server looks for new articles; between checks
// it serves the incidents it has.
const recheck = 2 * time.Second

// New returns a server over st.
func New(st store.Store, log *slog.Logger) (*Server, error) {
	pages, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	world, land, err := loadWorld()
	if err != nil {
		return nil, err
	}
	return &Server{st: st, log: log, pages: pages, world: world, land: land}, nil
}

// Handler returns the routes, wrapped in the security headers.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", noListing(static, http.FileServerFS(static))))
	mux.HandleFunc("GET /{$}", s.handleIncidents)
	mux.HandleFunc("GET /incidents/{id}", s.handleIncident)
	mux.HandleFunc("GET /articles/{id}", s.handleArticle)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /map", s.handleMap)
	mux.HandleFunc("GET /api/incidents", s.handleAPIIncidents)
	mux.HandleFunc("GET /api/incidents/{id}", s.handleAPIIncident)
	mux.HandleFunc("GET /api/articles/{id}", s.handleAPIArticle)
	mux.HandleFunc("GET /outlets", s.handleOutlets)
	mux.HandleFunc("GET /alerts", s.handleAlerts)
	mux.HandleFunc("GET /sources", s.handleSources)
	mux.HandleFunc("GET /outlets/{site}", s.handleOutlet)
	mux.HandleFunc("GET /export/incidents.csv", s.handleExport)
	mux.HandleFunc("GET /export/incidents.geojson", s.handleExport)
	mux.HandleFunc("/", s.handleNotFound)
	return secure(s.bounded(mux))
}

// secure sets the headers every response carries: a strict CSP (no inline
// script or style, nothing from other origins), no sniffing, no framing,
// no referrer.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// view returns the cached timeline and facets. They are read again when
// the incidents changed (looked at most every recheck), beside the
// requests: while an ingest stores incidents without pause, every list
// request used to wait behind the one rebuilding them. Only the first
// request, with nothing cached yet, waits.
func (s *Server) view(ctx context.Context) (*viewCache, error) {
	s.mu.Lock()
	cache := s.cache
	due := cache == nil || time.Since(s.checked) >= recheck
	if cache != nil && due && !s.refreshing {
		s.refreshing, s.checked = true, time.Now()
		go s.refresh(cache.version)
	}
	s.mu.Unlock()
	if cache != nil {
		return cache, nil
	}
	return s.load(ctx)
}

// refresh reads the view again in the background when the incidents
// changed since version.
func (s *Server) refresh(version int64) {
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	defer func() {
		s.mu.Lock()
		s.refreshing = false
		s.mu.Unlock()
	}()
	state, err := s.st.IncidentState(ctx)
	if err != nil || state.Version == version {
		return
	}
	if _, err := s.load(ctx); err != nil {
		s.log.Error("refresh the incident view", "err", err)
	}
}

// load reads the view from the store and caches it.
func (s *Server) load(ctx context.Context) (*viewCache, error) {
	state, err := s.st.IncidentState(ctx)
	if err != nil {
		return nil, err
	}
	days, err := s.st.IncidentDays(ctx, store.IncidentFilter{})
	if err != nil {
		return nil, err
	}
	types, countries, err := s.st.IncidentFacets(ctx)
	if err != nil {
		return nil, err
	}
	line, err := s.renderTimeline(buildTimeline(days))
	if err != nil {
		return nil, err
	}
	v := &viewCache{version: state.Version, total: state.Incidents, allLine: line, types: types, countries: countries}
	s.mu.Lock()
	if s.cache == nil || s.cache.version <= v.version {
		s.cache = v
	}
	if s.checked.IsZero() {
		s.checked = time.Now()
	}
	s.mu.Unlock()
	return v, nil
}

// renderTimeline draws a timeline with its template (html/template escapes
// every title and link), for pages to include as it is.
func (s *Server) renderTimeline(t *timeline) (template.HTML, error) {
	var b strings.Builder
	if err := s.pages.ExecuteTemplate(&b, "timeline", t); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

func (s *Server) render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.pages.ExecuteTemplate(w, name, data); err != nil {
		s.log.Error("render", "page", name, "err", err)
	}
}

func (s *Server) fail(w http.ResponseWriter, code int, msg string, err error) {
	if err != nil {
		s.log.Error(msg, "err", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	w.Write([]byte(msg + "\n"))
}

// handleNotFound answers a path no page has: a page with the navigation
// (a bare "404 page not found" left the reader nowhere), or JSON under
// /api/.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"error": "not found"}` + "\n"))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if err := s.pages.ExecuteTemplate(w, "error.html", struct{ Title, Message string }{
		"Not found", "There is no page at " + r.URL.Path + "."}); err != nil {
		s.log.Error("render", "page", "error.html", "err", err)
	}
}

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

var funcs = template.FuncMap{
	"amount":     amount,
	"add":        func(a, b int) int { return a + b },
	"placeLabel": placeLabel,
	"anchorOf":   anchor,
	"dateLabel":  model.DateLabel,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
}
