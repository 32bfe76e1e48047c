package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// matrixRow is one fact of the claims matrix: what each origin stated.
type matrixRow struct {
	Fact  string
	Cells []matrixCell // one per origin that states a fact, in MatrixOrigins order
}

type matrixCell struct {
	Values []matrixValue
}

type matrixValue struct {
	Value   string
	Status  model.FactStatus
	ClaimID string
	Article int64
	Anchor  string // the claim's anchor in the article page
	More    int    // further claims of the origin with this value (one badge, not a row of equal ones)
}

type incidentPage struct {
	Incident model.Incident
	Origins  []string
	Matrix   []matrixRow
	ByOrigin map[string][]model.IncidentClaim
	// MatrixOrigins are the origins that state a fact: the others made
	// empty columns that pushed the matrix sideways.
	MatrixOrigins []string
	ClaimOf       map[string]model.IncidentClaim // by claim id: the contradictions name claims by id
	SiteOf        map[int64]string               // the outlet of each source article
	Provenance    []provOrigin                   // each origin: who carried it first, who repeated it
}

// findIncident reads the incident of the request's id. An id that was
// merged into another redirects there (so links and bookmarks keep
// working); done reports whether the response was already written.
func (s *Server) findIncident(w http.ResponseWriter, r *http.Request, prefix string) (inc *model.Incident, done bool) {
	id := r.PathValue("id")
	inc, err := s.st.Incident(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.fail(w, http.StatusNotFound, "no such incident", nil)
		return nil, true
	case err != nil:
		s.fail(w, http.StatusInternalServerError, "could not read the incident", err)
		return nil, true
	case inc.ID != id:
		to := prefix + url.PathEscape(inc.ID)
		if strings.HasPrefix(prefix, "/api/") {
			// The API says so in JSON too: {"id": old, "merged_into": new}.
			w.Header().Set("Location", to)
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusMovedPermanently)
			json.NewEncoder(w).Encode(map[string]string{"id": id, "merged_into": inc.ID})
			return nil, true
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return nil, true
	}
	return inc, false
}

// anchor is where a claim sits in its article page: "c3" for attributed
// claim 3, "s7" for the outlet's own sentence 7.
func anchor(claimID string) string {
	if k := strings.IndexByte(claimID, '-'); k >= 0 {
		return claimID[k+1:]
	}
	return claimID
}

// oneBadgePerValue keeps, in claim order, the first claim of each value
// and counts the others.
func oneBadgePerValue(vs []matrixValue) []matrixValue {
	sort.Slice(vs, func(a, b int) bool { return vs[a].ClaimID < vs[b].ClaimID })
	var out []matrixValue
	at := map[string]int{}
	for _, v := range vs {
		if i, ok := at[v.Value]; ok {
			out[i].More++
			continue
		}
		at[v.Value] = len(out)
		out = append(out, v)
	}
	return out
}

// handleIncident shows one incident: summary, facts with status, the claims
// matrix (facts × origins), contradictions and sources.
func (s *Server) handleIncident(w http.ResponseWriter, r *http.Request) {
	inc, done := s.findIncident(w, r, "/incidents/")
	if done {
		return
	}
	p := incidentPage{Incident: *inc, Origins: inc.Origins, ByOrigin: map[string][]model.IncidentClaim{}, Provenance: provenance(inc)}
	claimOf := map[string]model.IncidentClaim{}
	p.ClaimOf, p.SiteOf = claimOf, map[int64]string{}
	for _, a := range inc.Articles {
		p.SiteOf[a.ID] = a.Site
	}
	for _, c := range inc.Claims {
		claimOf[c.ID] = c
		p.ByOrigin[c.Origin] = append(p.ByOrigin[c.Origin], c)
	}
	col := map[string]int{}
	for i, o := range p.Origins {
		col[o] = i
	}
	rows := map[string]*matrixRow{}
	var order []string
	for _, f := range inc.Facts {
		row := rows[f.Name]
		if row == nil {
			row = &matrixRow{Fact: f.Name, Cells: make([]matrixCell, len(p.Origins))}
			rows[f.Name] = row
			order = append(order, f.Name)
		}
		for _, id := range f.Claims {
			c, ok := claimOf[id]
			if !ok {
				continue
			}
			cell := &row.Cells[col[c.Origin]]
			cell.Values = append(cell.Values, matrixValue{Value: f.Value, Status: f.Status, ClaimID: id, Article: c.Article, Anchor: anchor(id)})
		}
	}
	used := make([]bool, len(p.Origins))
	for _, name := range order {
		row := rows[name]
		for i := range row.Cells {
			row.Cells[i].Values = oneBadgePerValue(row.Cells[i].Values)
			used[i] = used[i] || len(row.Cells[i].Values) > 0
		}
		p.Matrix = append(p.Matrix, *row)
	}
	for i, o := range p.Origins {
		if used[i] {
			p.MatrixOrigins = append(p.MatrixOrigins, o)
		}
	}
	for r := range p.Matrix {
		var cells []matrixCell
		for i, c := range p.Matrix[r].Cells {
			if used[i] {
				cells = append(cells, c)
			}
		}
		p.Matrix[r].Cells = cells
	}
	s.render(w, "incident.html", p)
}
