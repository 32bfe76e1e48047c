package web

import (
	"bytes"
	"net/http"
	"strings"

	"sitrep/internal/export"
)

// maxExport is the most incidents one export from the UI carries; the
// CLI's `sitrep export` has no limit.
const maxExport = 50_000

// handleExport writes the incidents of the list's filters as CSV (ACLED's
// column names) or GeoJSON, as `sitrep export` does, for download.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	f := filterOf(r)
	f.Limit = maxExport
	incs, err := s.st.Incidents(r.Context(), f)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	var buf bytes.Buffer
	ctype, name := "text/csv; charset=utf-8", "incidents.csv"
	if strings.HasSuffix(r.URL.Path, ".geojson") {
		ctype, name = "application/geo+json", "incidents.geojson"
		err = export.GeoJSON(&buf, incs)
	} else {
		err = export.CSV(&buf, incs)
	}
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not write the export", err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}
