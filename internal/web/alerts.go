package web

import (
	"encoding/json"
	"net/http"

	"sitrep/internal/model"
)

// maxAlertsShown is how many delivered alerts the alerts page lists.
const maxAlertsShown = 500

// alertRow is one delivered alert as the page shows it.
type alertRow struct {
	model.Alert
	Sent string // when it was delivered
}

// handleAlerts lists the alerts `watch` delivered, newest first.
func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	sent, err := s.st.SentAlerts(r.Context(), maxAlertsShown)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read alerts", err)
		return
	}
	rows := make([]alertRow, 0, len(sent))
	for _, a := range sent {
		var row alertRow
		if json.Unmarshal(a.Body, &row.Alert) != nil {
			continue // written by another version: skipped rather than shown wrong
		}
		row.Sent = a.At.UTC().Format("2006-01-02 15:04")
		rows = append(rows, row)
	}
	s.render(w, "alerts.html", rows)
}
