package web

import (
	"encoding/json"
	"net/http"
)

// The JSON API mirrors the CLI's JSON: {"incidents": […]}, one incident,
// one article with its annotations.

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func (s *Server) handleAPIIncidents(w http.ResponseWriter, r *http.Request) {
	all, err := s.incidents(r.Context())
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not build incidents", err)
		return
	}
	writeJSON(w, map[string]any{"incidents": all})
}

func (s *Server) handleAPIIncident(w http.ResponseWriter, r *http.Request) {
	inc, err := s.findIncident(r)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not build incidents", err)
		return
	}
	if inc == nil {
		s.fail(w, http.StatusNotFound, "no such incident", nil)
		return
	}
	writeJSON(w, inc)
}

func (s *Server) handleAPIArticle(w http.ResponseWriter, r *http.Request) {
	if a, ok := s.loadArticle(w, r); ok {
		writeJSON(w, a)
	}
}
