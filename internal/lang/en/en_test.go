package en

import (
	"strings"
	"testing"

	"sitrep/internal/model"
)

func TestClassify(t *testing.T) {
	cases := map[string]model.SubEventType{
		"drones attacked a fuel depot on the edge of the city":          model.SubAirDroneStrike,
		"a russian missile struck a warehouse in the port district":     model.SubShellingMissile,
		"air defence units had destroyed six drones over the black sea": model.SubDisruptedWeapons,
		"the city council voted to build a tram line":                   "",
		"putin has maintained a narrative that the war is defensive":    "",
		"two drones attacked the kremlin in a daring night-time raid":   model.SubAirDroneStrike,
		"artillery shelling hit the market, killing three":              model.SubShellingMissile,
		"shebekino, a town near the border, came under artillery fire":  model.SubShellingMissile,
	}
	if got := event("residents report several explosions near the depot", "at least three drones were heard"); got != model.SubAirDroneStrike {
		t.Errorf("explosion with drones in the next sentence: %q", got)
	}
	if got := event("the strikes may continue", "drones were heard"); got != "" {
		t.Errorf("no explosion: the weapon is not borrowed, got %q", got)
	}
	for in, want := range cases {
		if got := event(in, ""); got != want {
			t.Errorf("Classify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFactName(t *testing.T) {
	sent := "Two people were killed and five wounded when a missile hit the block."
	cases := []struct {
		text, noun, want string
	}{{"Two people", "person", "killed"}, {"five", "person", "injured"}}
	for _, c := range cases {
		at := strings.Index(sent, c.text)
		q := model.Quantity{Text: c.text, Noun: c.noun, Value: 1}
		if got := factName(q.Noun, sent, at, len(q.Text)); got != c.want {
			t.Errorf("factName(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	s3 := "A drone strike hit the hospital on Wednesday, killing nine people including two nurses."
	if got := factName("person", s3, strings.Index(s3, "nine people"), len("nine people")); got != "killed" {
		t.Errorf("factName(nine people) = %q, want killed", got)
	}
	if got := factName("person", s3, strings.Index(s3, "two nurses"), len("two nurses")); got != "" {
		t.Errorf("factName(two nurses) = %q, want none: a part of the nine", got)
	}
	s2 := "its air defences had destroyed all six drones, and that none had reached its target"
	if got := factName("drone", s2, strings.Index(s2, "six drones"), len("six drones")); got != "drones downed" {
		t.Errorf("six drones: %q", got)
	}
	if got := factName("drone", s2, strings.Index(s2, "none"), len("none")); got != "drones hit" {
		t.Errorf("none: %q", got)
	}
}

// A habitual pattern is not an event report; a dated event beside it is.
func TestHabitualIsNoEvent(t *testing.T) {
	for text, want := range map[string]model.SubEventType{
		"The city extended the evacuation on Thursday, citing constant shelling and drone attacks.": "",
		"Kherson is shelled almost daily; on Tuesday a shell hit a bus stop, killing two.":          model.SubShellingMissile,
		"Russian forces shelled Kherson on Tuesday morning.":                                        model.SubShellingMissile,
		"Kherson, liberated in November 2022, is shelled almost daily from the left bank.":          "",
		"Russian forces have repeatedly used small drones to hunt cars in the riverside districts.": "",
		"Ukrainian drones regularly target oil facilities in border regions.":                       "",
	} {
		if sub := event(text, ""); sub != want {
			t.Errorf("classify(%q) = %q, want %q", text, sub, want)
		}
	}
}

// Air-raid alerts and generic present tense ("markets are shelled") are
// no reports.
func TestAlertsAndGenericsAreNoEvents(t *testing.T) {
	for _, s := range []string{"Air raid alert in Kherson and Mykolaiv regions.", "Aid convoys are stopped, markets are shelled, and hospitals work without power."} {
		if sub := event(s, ""); sub != "" {
			t.Errorf("Classify(%q) = %q", s, sub)
		}
	}
}

func TestSpeakerAliasAndDescription(t *testing.T) {
	l := English{}
	for role, want := range map[string]string{
		"The head of the Kherson Regional Military Administration": "regional governor",
		"Ukrainian Navy spokesman":                                 "ukrainian navy",
		"the defence ministry's press secretary":                   "defence ministry's",
		"President":                                                "",
	} {
		if got := l.Alias(role); got != want {
			t.Errorf("Alias(%q) = %q, want %q", role, got, want)
		}
	}
	for speaker, want := range map[string]string{
		"the regional governor": "regional governor",
		"Ukraine's navy":        "ukraine's navy",
		"Kremlin":               "",
		"Russia":                "",
		"":                      "",
	} {
		if got := l.Description(speaker); got != want {
			t.Errorf("Description(%q) = %q, want %q", speaker, got, want)
		}
	}
}

// event is the sub-event type of a sentence that reports an event that
// happened ("" for none, or for a habit).
func event(sentence, context string) model.SubEventType {
	r := (English{}).Classify(sentence, context)
	if r.Habitual {
		return ""
	}
	return r.Sub
}

func TestEventFlags(t *testing.T) {
	for _, tc := range []struct {
		text                            string
		habitual, hypothetical, negated bool
	}{
		{"Russian drones struck Odesa overnight.", false, false, false},
		{"Kherson is shelled almost daily from the left bank.", true, false, false},
		{"Officials warned that drones could strike the port again.", false, true, false},
		{"The ministry said the missile did not hit the power plant.", false, false, true},
		{"No drones struck the city, the mayor said.", false, false, true},
	} {
		r := (English{}).Classify(tc.text, "")
		if r.Type == "" || r.Habitual != tc.habitual || r.Hypothetical != tc.hypothetical || r.Negated != tc.negated {
			t.Errorf("%q: %+v", tc.text, r)
		}
	}
}
