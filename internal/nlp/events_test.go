package nlp

import (
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
