package web

import (
	"encoding/json"
	"net/http"
	"sitrep/internal/store"
	"strconv"
)

// The JSON API mirrors the CLI's JSON: {"incidents": […]}, one incident,
// one article with its annotations.

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// apiLimit is how many incidents one /api/incidents response carries
// unless the request asks for fewer (limit) or another page (offset).
const apiLimit = 1000

// handleAPIIncidents lists incidents in full, newest first, with the list
// page's filters (q, type, country, from, to, status) and paging (limit, at
// most apiLimit; offset): {"incidents": […], "total": matches, "next": URL
// of the next page or absent}.
func (s *Server) handleAPIIncidents(w http.ResponseWriter, r *http.Request) {
	f := filterOf(r)
	q := r.URL.Query()
	f.Limit = queryInt(r, "limit")
	if f.Limit <= 0 || f.Limit > apiLimit {
		f.Limit = apiLimit
	}
	f.Offset = max(queryInt(r, "offset"), 0)
	_, total, err := s.st.IncidentSummaries(r.Context(), store.IncidentFilter{Q: f.Q, Type: f.Type, Country: f.Country,
		From: f.From, To: f.To, Status: f.Status, Limit: 1})
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	incs, err := s.st.Incidents(r.Context(), f)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	out := map[string]any{"incidents": incs, "total": total}
	if f.Offset+f.Limit < total {
		q.Set("offset", strconv.Itoa(f.Offset+f.Limit))
		q.Set("limit", strconv.Itoa(f.Limit))
		out["next"] = "/api/incidents?" + q.Encode()
	}
	writeJSON(w, out)
}

func (s *Server) handleAPIIncident(w http.ResponseWriter, r *http.Request) {
	if inc, done := s.findIncident(w, r, "/api/incidents/"); !done {
		writeJSON(w, inc)
	}
}

func (s *Server) handleAPIArticle(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.loadArticle(w, r); ok {
		writeJSON(w, a.Public()) // offsets in code points
	}
}
