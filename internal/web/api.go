package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"sitrep/internal/store"
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
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "article IDs are numbers", nil)
		return
	}
	a, err := s.st.Article(r.Context(), id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			s.fail(w, http.StatusNotFound, "no such article", nil)
			return
		}
		s.fail(w, http.StatusInternalServerError, "could not read the article", err)
		return
	}
	writeJSON(w, a)
}
