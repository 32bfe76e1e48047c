package web

import (
	"net/http"
	"sort"
	"time"
)

// sourceRow is one source `watch` follows, as its state says.
type sourceRow struct {
	URL       string
	Status    int
	Fetched   string
	Next      string
	Fails     int
	LastError string
	Failing   bool
}

// handleSources lists the sources `watch` follows with their state: when
// each was last asked, what it answered, when it is asked next, and how it
// has been failing. It reads what watch stored; it asks no server.
func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	states, err := s.st.FetchStatesOf(r.Context(), "")
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read the sources", err)
		return
	}
	rows := make([]sourceRow, 0, len(states))
	for _, st := range states {
		rows = append(rows, sourceRow{URL: st.URL, Status: st.Status, Fetched: stamp(st.FetchedAt), Next: stamp(st.NextAt),
			Fails: st.Fails, LastError: st.LastError, Failing: st.Fails > 0})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Fails > rows[j].Fails }) // failing first
	s.render(w, "sources.html", rows)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04")
}
