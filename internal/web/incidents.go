package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

type incidentsPage struct {
	// Export links: the list's filters as CSV, GeoJSON and JSON.
	ExportCSV, ExportGeo, ExportJSON string
	Incidents                        []model.IncidentSummary
	Total                            int
	Q                                string
	Type                             model.SubEventType
	Country                          string
	Status                           model.FactStatus
	From, To                         string        // YYYY-MM-DD, inclusive
	Timeline                         template.HTML // the rendered timeline (escaped by its own template)
	Matched                          int           // incidents matching the filters
	Page                             int           // 1-based
	PrevURL                          string        // "" on the first page
	NextURL                          string        // "" on the last page
	Types                            []model.SubEventType
	Countries                        []string
}

// filterOf reads the list filters from a query: q (words in title, place,
// claims or speakers), type (sub-event type), country, from and to
// (YYYY-MM-DD; an incident whose span meets the range is in it), status
// (contradicted or corroborated).
// Its dates are YYYY-MM-DD or empty: checkQuery answers anything else
// with a 400 before a handler runs.
func filterOf(r *http.Request) store.IncidentFilter {
	q := r.URL.Query()
	return store.IncidentFilter{Q: strings.TrimSpace(q.Get("q")), Type: model.SubEventType(q.Get("type")), Country: q.Get("country"),
		From: q.Get("from"), To: q.Get("to"), Status: model.FactStatus(q.Get("status"))}
}

// handleIncidents lists incidents, newest first, a page at a time, with
// the filters of filterOf and a timeline of every match.
func (s *Server) handleIncidents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := s.view(ctx)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	f := filterOf(r)
	p := incidentsPage{Total: v.total, Q: f.Q, Type: f.Type, Country: f.Country, Status: f.Status, From: f.From, To: f.To,
		Types: v.types, Countries: v.countries}
	ex := r.URL.Query()
	ex.Del("page")
	qs := ex.Encode()
	p.ExportCSV, p.ExportGeo, p.ExportJSON = "/export/incidents.csv?"+qs, "/export/incidents.geojson?"+qs, "/api/incidents?"+qs
	p.Page = pageOf(r)
	f.Limit, f.Offset = pageSize, (p.Page-1)*pageSize
	p.Incidents, p.Matched, err = s.st.IncidentSummaries(ctx, f)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	if f == (store.IncidentFilter{Limit: f.Limit, Offset: f.Offset}) {
		p.Timeline = v.allLine // no filter: rendered once per version of the incidents
	} else {
		f.Limit, f.Offset = 0, 0
		days, err := s.st.IncidentDays(ctx, f)
		if err != nil {
			s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
			return
		}
		if p.Timeline, err = s.renderTimeline(buildTimeline(days)); err != nil {
			s.fail(w, http.StatusInternalServerError, "could not draw the timeline", err)
			return
		}
	}
	if p.Page > 1 {
		p.PrevURL = pageURL(r, p.Page-1)
	}
	if p.Page*pageSize < p.Matched {
		p.NextURL = pageURL(r, p.Page+1)
	}
	s.render(w, "incidents.html", p)
}

// pageSize is how many incidents one list page shows.
const pageSize = 100

func pageURL(r *http.Request, page int) string {
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(page))
	return r.URL.Path + "?" + q.Encode()
}
