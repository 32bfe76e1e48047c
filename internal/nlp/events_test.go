package nlp

import (
	"slices"
	"testing"
	"time"

	"sitrep/internal/model"
)

// An event sentence that names neither place nor time takes them from the
// sentences that follow, up to an event of another kind.
func TestEventPlaceAndTimeFollow(t *testing.T) {
	pub := time.Date(2016, 9, 7, 15, 0, 0, 0, time.UTC) // a Wednesday
	text := "A 9-year-old boy was shot in the head Tuesday night, deputies said. " +
		"It happened at an apartment complex in Louisville, Kentucky. " +
		"Officials said the shooting was an accident."
	art := model.Article{Text: text, Language: "en", Published: pub, DatePrec: model.PrecisionDay}
	an := AnnotateArticle(&art)
	if len(an.Events) == 0 {
		t.Fatal("no events")
	}
	for _, ev := range an.Events {
		if ev.Place == nil || ev.Place.Name != "Louisville" || ev.SubEventType != model.SubAttack {
			t.Errorf("event %d: %+v", ev.Sentence, ev)
		}
	}
	if ev := an.Events[0]; !ev.Dated || ev.From.Format("2006-01-02") != "2016-09-06" {
		t.Errorf("first event not dated Tuesday: %+v", ev)
	}
	// A report of another kind in between keeps its own place and time.
	text = "Police are investigating a shooting on Elm Street. Protesters marched in Dayton on Monday. It happened around 2 a.m. in Springfield, Ohio."
	art = model.Article{Text: text, Language: "en", Published: pub, DatePrec: model.PrecisionDay}
	an = AnnotateArticle(&art)
	protest := false
	for _, ev := range an.Events {
		protest = protest || ev.SubEventType == model.SubPeacefulProtest
		if ev.SubEventType == model.SubAttack && (ev.Dated || ev.Place != nil && ev.Place.Name == "Springfield") {
			t.Errorf("shooting borrowed across a protest: %+v", ev)
		}
	}
	if !protest {
		t.Errorf("the protest between is not an event: %+v", an.Events)
	}
}

// A report whose sentences place none of its events is about the place
// its headline names, else the one it names most; a report that places
// its event does not lend the headline's place to other events it recalls.
func TestReportWithoutPlacedEvent(t *testing.T) {
	pub := time.Date(2017, 2, 21, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		title, text string
		want        []string // the places of the events, in order
	}{
		{"Boy shot in leg in west Baltimore",
			"A boy was shot in the leg Monday afternoon. According to police, the victim was taken to a hospital. Detectives are investigating.",
			[]string{"Baltimore"}},
		{"Man dies after weekend shooting",
			"A man was shot and killed early Sunday, police said. He was 34. Friends said he had moved to Toledo last year and worked at a Toledo bakery. He grew up in Dayton.",
			[]string{"Toledo"}},
		// A shooting and a protest: no one place for the shooting.
		{"", "Police are investigating a shooting on Elm Street. Protesters marched in Dayton on Monday.", []string{"Dayton"}},
		{"Drones strike fuel depot in Novorossiysk",
			"Drones struck a fuel depot in Novorossiysk early on Wednesday, the governor said. The fire was put out by 7 a.m. Residents posted videos of the smoke. On March 2, a naval drone was destroyed near the entrance to the harbour, the fleet said.",
			[]string{"Novorossiysk"}},
		// The story opens after a page's leftovers, with its dateline.
		{"", "Click photo to enlarge «\n\n1\n\n2\n\n»\n\nOAKLAND -- Four people were wounded Sunday in a shooting near the corner of 10th Avenue and Main Street, police said. Officers were called at about 2 p.m.",
			[]string{"Oakland"}},
		// The lead names no place but an institution; the headline places
		// it. A later sentence that places an event of its own keeps it.
		{"Missile strike on a military school in Poltava",
			"On Tuesday, Russian troops hit the grounds of the military school with two missiles. Dozens were killed. Later that day, a drone struck a power station in Sumy.",
			[]string{"Poltava", "Sumy"}},
	}
	for _, c := range cases {
		art := model.Article{Title: c.title, Text: c.text, Language: "en", Published: pub, DatePrec: model.PrecisionDay}
		an := AnnotateArticle(&art)
		var got []string
		for _, ev := range an.Events {
			if ev.Place == nil {
				t.Fatalf("%q: an event without a place: %+v", c.title, ev)
			}
			got = append(got, ev.Place.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: event places %v, want %v", c.title, got, c.want)
		}
	}
}

// A place another is told from ("northwest of Moscow") is not where the
// event happened when the sentence names another; alone, it is the best
// there is.
func TestBearingPlaceIsNotTheEventsPlace(t *testing.T) {
	pub := time.Date(2023, 8, 24, 9, 0, 0, 0, time.UTC)
	cases := map[string]string{
		"A plane crashed in the Tver region, northwest of Moscow, on Wednesday, killing all ten people on board.": "Tver region",
		"A plane crashed 100 km northwest of Moscow on Wednesday, killing all ten people on board.":               "Moscow",
	}
	for text, want := range cases {
		art := model.Article{Text: text, Language: "en", Published: pub, DatePrec: model.PrecisionDay}
		an := AnnotateArticle(&art)
		if len(an.Events) != 1 || an.Events[0].Place == nil || an.Events[0].Place.Name != want {
			t.Errorf("%q: events %+v, want one at %s", text, an.Events, want)
		}
	}
}

// A page whose text tells no event (a sign-up box under the title) reports
// the headline's, at the headline's place and time; a text that tells one
// keeps its own.
func TestHeadlineEventWhenTextTellsNone(t *testing.T) {
	pub := time.Date(2016, 9, 9, 15, 0, 0, 0, time.UTC) // a Friday
	junk := "Close. Get email notifications on this reporter daily! Your notification has been saved. Email notifications are only sent once a day."
	cases := []struct {
		title, text string
		headline    bool
		place, day  string
	}{
		{"Teen killed in shooting in Toledo", junk, true, "Toledo", ""},
		{"4 shot, 1 killed in Toledo early Thursday", junk, true, "Toledo", "2016-09-08"},
		{"Residents of Toledo wait for a new bridge", junk, false, "", ""},
		{"Teen killed in shooting in Toledo", "A teenager was shot and killed in Dayton on Thursday night, police said.", false, "Dayton", "2016-09-08"},
	}
	for _, c := range cases {
		art := model.Article{Title: c.title, Text: c.text, Language: "en", Published: pub, DatePrec: model.PrecisionDay}
		an := AnnotateArticle(&art)
		if c.place == "" {
			if len(an.Events) != 0 {
				t.Errorf("%q: events %+v, want none", c.title, an.Events)
			}
			continue
		}
		if len(an.Events) != 1 {
			t.Errorf("%q: events %+v, want one", c.title, an.Events)
			continue
		}
		ev := an.Events[0]
		day := ""
		if ev.Dated {
			day = ev.From.Format("2006-01-02")
		}
		if ev.Headline != c.headline || ev.Headline != (ev.Sentence == model.HeadlineSentence) || ev.Place == nil || ev.Place.Name != c.place || day != c.day {
			t.Errorf("%q: event %+v (place %v), want headline %v at %s on %q", c.title, ev, ev.Place, c.headline, c.place, c.day)
		}
	}
}

// Of two towns a sentence names, the one in the country the text names
// most is the event's: an English town's name used for a neighbourhood
// of an American city does not carry the event abroad.
func TestHomeCountryBreaksTies(t *testing.T) {
	pub := time.Date(2016, 6, 9, 9, 0, 0, 0, time.UTC)
	text := "A student was killed in a shooting near a Dorchester school on Wednesday, Boston police said. The mayor of Boston visited the school."
	art := model.Article{Text: text, Language: "en", Published: pub, DatePrec: model.PrecisionDay}
	an := AnnotateArticle(&art)
	if len(an.Events) == 0 || an.Events[0].Place == nil || an.Events[0].Place.Name != "Boston" {
		t.Fatalf("events %+v, want the first at Boston", an.Events)
	}
	if got := homeCountry(&an); got != "US" {
		t.Errorf("home country %q, want US", got)
	}
}
