package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"sitrep/internal/model"
)

type incidentsPage struct {
	Incidents []*model.Incident
	Total     int
	Q, Type   string
	Country   string
	Status    string
	From, To  string // YYYY-MM-DD, inclusive
	Timeline  *timeline
	Matched   int    // incidents matching the filters
	Page      int    // 1-based
	PrevURL   string // "" on the first page
	NextURL   string // "" on the last page
	Types     []string
	Countries []string
}

// handleIncidents lists incidents, newest first, with filters: q (text in
// title, place or claims), type (sub-event type), country, status
// (contradicted or corroborated).
func (s *Server) handleIncidents(w http.ResponseWriter, r *http.Request) {
	all, err := s.incidents(r.Context())
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not build incidents", err)
		return
	}
	q := r.URL.Query()
	p := incidentsPage{Total: len(all), Q: strings.TrimSpace(q.Get("q")), Type: q.Get("type"), Country: q.Get("country"),
		Status: q.Get("status"), From: q.Get("from"), To: q.Get("to")}
	for i := range all {
		if matches(&all[i], p) {
			p.Incidents = append(p.Incidents, &all[i])
		}
	}
	p.Types, p.Countries = s.facets()
	if len(p.Incidents) == len(all) {
		p.Timeline = s.fullTimeline() // no filter: the cached one
	} else {
		p.Timeline = buildTimeline(p.Incidents)
	}
	// One page of rows; the timeline shows every match.
	p.Matched = len(p.Incidents)
	p.Page, _ = strconv.Atoi(q.Get("page"))
	p.Page = max(1, p.Page)
	from := min((p.Page-1)*pageSize, p.Matched)
	to := min(from+pageSize, p.Matched)
	if p.Page > 1 {
		p.PrevURL = pageURL(r, p.Page-1)
	}
	if to < p.Matched {
		p.NextURL = pageURL(r, p.Page+1)
	}
	p.Incidents = p.Incidents[from:to]
	s.render(w, "incidents.html", p)
}

// pageSize is how many incidents one list page shows.
const pageSize = 100

func pageURL(r *http.Request, page int) string {
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(page))
	return "/?" + q.Encode()
}

func matches(inc *model.Incident, p incidentsPage) bool {
	if p.Type != "" && inc.SubEventType != p.Type || p.Country != "" && inc.Location.Country != p.Country {
		return false
	}
	// Dates are YYYY-MM-DD, so they compare as strings.
	if p.From != "" && inc.Date < p.From || p.To != "" && (inc.Date == "" || inc.Date > p.To) {
		return false
	}
	switch p.Status {
	case "contradicted":
		if len(inc.Contradictions) == 0 {
			return false
		}
	case "corroborated":
		ok := false
		for _, f := range inc.Facts {
			ok = ok || f.Status == "corroborated"
		}
		if !ok {
			return false
		}
	}
	if p.Q == "" {
		return true
	}
	needle := strings.ToLower(p.Q)
	hay := []string{inc.Title, inc.Location.Name}
	for _, c := range inc.Claims {
		hay = append(hay, c.Text, c.Speaker.Name)
	}
	for _, h := range hay {
		if strings.Contains(strings.ToLower(h), needle) {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
