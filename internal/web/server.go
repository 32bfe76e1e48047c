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
	"sync"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/runner"
	"sitrep/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds the store and the incidents built from it.
type Server struct {
	st    store.Store
	log   *slog.Logger
	opts  incident.Options
	pages *template.Template
	world string // SVG path data of the world outline

	mu        sync.Mutex
	built     []model.Incident
	byID      map[string]int // incident ID → index in built
	allLine   *timeline      // the timeline of all incidents, built once per build
	types     []string       // sub-event types present, for the filters
	countries []string       // countries present, for the filters
	builtFrom int            // article count the incidents were built from
	checked   time.Time      // when the article count was last read
}

// recheck is how often the server looks for new articles; between checks
// it serves the incidents it has.
const recheck = 2 * time.Second

// New returns a server over st.
func New(st store.Store, log *slog.Logger, opts incident.Options) (*Server, error) {
	pages, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	world, err := loadWorld()
	if err != nil {
		return nil, err
	}
	return &Server{st: st, log: log, opts: opts, pages: pages, world: world}, nil
}

// Handler returns the routes, wrapped in the security headers.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.handleIncidents)
	mux.HandleFunc("GET /incidents/{id}", s.handleIncident)
	mux.HandleFunc("GET /articles/{id}", s.handleArticle)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /map", s.handleMap)
	mux.HandleFunc("GET /api/incidents", s.handleAPIIncidents)
	mux.HandleFunc("GET /api/incidents/{id}", s.handleAPIIncident)
	mux.HandleFunc("GET /api/articles/{id}", s.handleAPIArticle)
	return secure(mux)
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

// incidents returns the incidents, rebuilt when articles were added since.
func (s *Server) incidents(ctx context.Context) ([]model.Incident, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.built != nil && time.Since(s.checked) < recheck {
		return s.built, nil
	}
	n, _, err := s.st.CountArticles(ctx)
	if err != nil {
		return nil, err
	}
	s.checked = time.Now()
	if s.built != nil && n == s.builtFrom {
		return s.built, nil
	}
	arts, _, err := runner.AnnotateMissing(ctx, s.st, nil)
	if err != nil {
		return nil, err
	}
	s.built, s.builtFrom = incident.Build(arts, s.opts), n
	if s.built == nil {
		s.built = []model.Incident{}
	}
	s.byID = make(map[string]int, len(s.built))
	for i, inc := range s.built {
		s.byID[inc.ID] = i
	}
	all := make([]*model.Incident, len(s.built))
	types, countries := map[string]bool{}, map[string]bool{}
	for i := range s.built {
		all[i] = &s.built[i]
		types[s.built[i].SubEventType] = true
		if c := s.built[i].Location.Country; c != "" {
			countries[c] = true
		}
	}
	s.allLine = buildTimeline(all)
	s.types, s.countries = keys(types), keys(countries)
	return s.built, nil
}

// facets are the filter choices of the current build.
func (s *Server) facets() (types, countries []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.types, s.countries
}

// lookup returns the incident with an ID from the current build.
func (s *Server) lookup(id string) *model.Incident {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.byID[id]; ok {
		return &s.built[i]
	}
	return nil
}

// fullTimeline is the cached timeline of all incidents.
func (s *Server) fullTimeline() *timeline {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.allLine
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

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

var funcs = template.FuncMap{
	"anchorOf": anchor,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
}
