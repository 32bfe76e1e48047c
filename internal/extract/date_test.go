package extract

import (
	"testing"

	"sitrep/internal/model"
)

func TestParseDateWithTimeOfDay(t *testing.T) {
	for _, s := range []string{"6 October 2024", "6 October 2024, 09:40", "October 6, 2024 at 10:00 GMT", "6 October 2024 | 09:40", "06.10.2024", "06.10.2024 08:12", "Sunday, 6 October 2024"} {
		got, prec, ok := parseDate(s)
		if !ok || got.Format("2006-01-02") != "2024-10-06" || prec != model.PrecisionDay && prec != model.PrecisionMinute {
			t.Errorf("parseDate(%q) = %v %q %v, want 2024-10-06 (day or minute)", s, got, prec, ok)
		}
	}
	if _, _, ok := parseDate("sometime in 2024, probably"); ok {
		t.Error("a year with words around it is not a publication date")
	}
}
