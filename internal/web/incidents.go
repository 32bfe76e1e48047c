package web

import (
	"net/http"
	"sort"
	"strings"

	"sitrep/internal/model"
)

type incidentsPage struct {
	Incidents []model.Incident
	Total     int
	Q, Type   string
	Country   string
	Status    string
	From, To  string // YYYY-MM-DD, inclusive
	Timeline  *timeline
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
	types, countries := map[string]bool{}, map[string]bool{}
	for _, inc := range all {
		types[inc.SubEventType] = true
		if inc.Location.Country != "" {
			countries[inc.Location.Country] = true
		}
		if matches(inc, p) {
			p.Incidents = append(p.Incidents, inc)
		}
	}
	p.Types, p.Countries = keys(types), keys(countries)
	p.Timeline = buildTimeline(p.Incidents)
	s.render(w, "incidents.html", p)
}

func matches(inc model.Incident, p incidentsPage) bool {
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
