package extract

import (
	"strings"
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

func TestSentenceCaseHeadlineAboveDateLine(t *testing.T) {
	s := CleanText("Poltava Vechirnia\n\nDay of mourning declared after night strike\n\nPosted: 01.02.2025 19:40\n\nThe city council declared two days of mourning after a missile struck an apartment building. The death toll rose to 14 by evening.\n")
	if len(s) == 0 || s[0].Title != "Day of mourning declared after night strike" || s[0].Site != "Poltava Vechirnia" {
		t.Fatalf("stories %+v", s)
	}
}

// A line that is only a date, under the headline, is the publication date;
// a sentence that merely starts with a date stays in the text.
func TestBareDateLine(t *testing.T) {
	for _, line := range []string{"14 October 2024", "9 October 2024, 11:20", "Oct. 14, 2024", "Monday, 14 October 2024"} {
		s := CleanText("Harbour Gazette\n\nFerry hits pier in storm\n\n" + line + "\n\nA ferry struck the pier in high winds on Monday, the port authority said. Nobody was hurt, it said.\n")
		if len(s) == 0 || s[0].Published.Format("2006-01-02") != "2024-10-14" && s[0].Published.Format("2006-01-02") != "2024-10-09" ||
			s[0].Title != "Ferry hits pier in storm" || s[0].Site != "Harbour Gazette" || strings.Contains(s[0].Text, line) {
			t.Errorf("%q: stories %+v", line, s)
		}
	}
	s := CleanText("14 October 2024 was the day the ferry hit the pier in high winds, the port authority said.\n")
	if len(s) == 0 || !strings.Contains(s[0].Text, "14 October 2024 was") {
		t.Errorf("sentence starting with a date: %+v", s)
	}
}

// A "URL:" header line, as saved articles carry it, is where the story was
// published: it becomes the article's address and site, never its title.
func TestURLLine(t *testing.T) {
	s := CleanText("URL: https://www.Harbour-Gazette.example/2024/10/14/ferry\nDate: 2024-10-14\n\nFerry hits pier in storm\n\nA ferry struck the pier in high winds on Monday, the port authority said. Nobody was hurt, it said.\n")
	if len(s) == 0 || s[0].URL != "https://www.Harbour-Gazette.example/2024/10/14/ferry" || s[0].Title != "Ferry hits pier in storm" ||
		s[0].Published.Format("2006-01-02") != "2024-10-14" || strings.Contains(s[0].Text, "URL") {
		t.Fatalf("stories %+v", s)
	}
	arts, err := Document(model.Document{Path: "x.txt", Format: model.FormatText, BodyKind: "text",
		Body: []byte("URL: https://www.harbour-gazette.example/ferry\n\nFerry hits pier in storm\n\nA ferry struck the pier in high winds on Monday, the port authority said.\n")}, Options{})
	if err != nil || arts[0].URL != "https://www.harbour-gazette.example/ferry" || arts[0].Site != "harbour-gazette.example" {
		t.Fatalf("article %+v, %v", arts, err)
	}
	// A sentence that names an address stays text.
	s = CleanText("Ferry hits pier in storm\n\nThe ministry posted the list of damaged boats at https://gov.example/list on Monday, the port authority said. Nobody was hurt, it said.\n")
	if len(s) == 0 || s[0].URL != "" || !strings.Contains(s[0].Text, "gov.example") {
		t.Errorf("sentence with an address: %+v", s)
	}
}

func TestNormalizeText(t *testing.T) {
	in := "Zapo\u00adrizhzhia\u200b was hit\u00a0at\u202f6 a.m.\r\nKyi\u0308v" // soft hyphen, zero-width space, typeset spaces, combining diaeresis
	want := "Zaporizhzhia was hit at 6 a.m.\nKyïv"
	if got := normalizeText(in); got != want {
		t.Errorf("normalizeText = %q, want %q", got, want)
	}
}

// A two-sentence headline and the author's name at the top of a text are
// a headline and a byline, not a photo caption and its credit.
func TestHeadlineAndBylineOpenText(t *testing.T) {
	s := CleanText("URL: https://gazette.example/ferry\n\nFerry hits pier in Harbourtown. Two crew members hurt\n\nMaria Kowalski\n\nA ferry struck the pier in high winds on Monday, the port authority said. Two of its crew were taken to hospital with cuts and bruises, it said.\n")
	if len(s) == 0 || s[0].Title != "Ferry hits pier in Harbourtown. Two crew members hurt" || s[0].Author != "Maria Kowalski" {
		t.Fatalf("stories %+v", s)
	}
}
