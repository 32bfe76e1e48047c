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
	s4 := "By evening twelve were dead, another thirty people were wounded."
	if got := factName("person", s4, strings.Index(s4, "another thirty"), len("another thirty people")); got != "injured" {
		t.Errorf("another thirty people: %q, want injured (the dead of the clause before are another count)", got)
	}
	for _, c := range []struct{ sentence, count, noun, want string }{
		{"The official said that three people are still considered missing.", "three people", "person", "missing"},
		{"Two more men, who were previously considered missing, were found among the dead.", "Two more men", "man", "killed"},
		{"The death toll of the Oct. 5 strike on the village has risen to 61, the prosecutor said.", "61", "", "killed"},
		{"The strike on the village happened at 61 Main Street.", "61", "", ""},
	} {
		if got := factName(c.noun, c.sentence, strings.Index(c.sentence, c.count), len(c.count)); got != c.want {
			t.Errorf("factName(%q in %q) = %q, want %q", c.count, c.sentence, got, c.want)
		}
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

// Every ACLED sub-type the rules know, on sentences written here, and the
// words that look like events but are not.
func TestEventRules(t *testing.T) {
	cases := []struct {
		sentence string
		want     model.SubEventType
		pol      model.Political
	}{
		{"A suicide bomber blew himself up at the checkpoint, killing six.", model.SubSuicideBomb, model.PoliticalYes},
		{"A roadside bomb hit an army convoy on the highway.", model.SubRemoteExplosive, model.PoliticalYes},
		{"Two sea drones attacked the bridge before dawn.", model.SubRemoteExplosive, model.PoliticalYes},
		{"A man threw a grenade into the crowded bar, wounding four.", model.SubGrenade, model.PoliticalYes},
		{"Government troops clashed with militants near the border post.", model.SubArmedClash, model.PoliticalYes},
		{"The army recaptured the town after a week of fighting.", model.SubGovernmentRegains, model.PoliticalYes},
		{"Insurgents seized control of the district centre.", model.SubNonStateOvertakes, model.PoliticalYes},
		{"Gunmen kidnapped two aid workers on the road to the camp.", model.SubAbduction, model.PoliticalUnknown},
		{"A man shot his neighbor after an argument, police said.", model.SubAttack, model.PoliticalNo},
		{"Soldiers raped women in the village, witnesses said.", model.SubSexualViolence, model.PoliticalYes},
		{"A gunman opened fire at a bus stop on Saturday night.", model.SubAttack, model.PoliticalUnknown},
		{"Police said the accidental discharge of a handgun caused the fatal injury.", model.SubAttack, model.PoliticalNo},
		{"Her father accidentally fired his gun while cleaning it.", model.SubAttack, model.PoliticalNo},
		{"4 shot, 1 killed during argument in Detroit", model.SubAttack, model.PoliticalNo},
		{"Boy, 13, shot near the base has died", model.SubAttack, model.PoliticalUnknown},
		{"The man was shot and killed during a robbery at the gas station.", model.SubAttack, model.PoliticalNo},
		{"Police said the woman was fatally stabbed after a domestic dispute.", model.SubAttack, model.PoliticalNo},
		{"Hundreds of people protested outside the parliament on Friday.", model.SubPeacefulProtest, model.PoliticalYes},
		{"Police used tear gas to disperse the demonstrators.", model.SubProtestIntervention, model.PoliticalYes},
		{"Security forces opened fire on protesters, killing two.", model.SubProtestForce, model.PoliticalYes},
		{"Rioters set cars on fire in the city centre.", model.SubViolentDemonstration, model.PoliticalYes},
		{"A mob beat the suspected thief to death in the market.", model.SubMobViolence, model.PoliticalYes},
		{"Rebels hijacked a cargo ship in the strait on Sunday.", model.SubLooting, model.PoliticalYes},
		{"The rebels said they had taken control of a British-owned cargo ship off the coast.", model.SubLooting, model.PoliticalYes},
		{"Gunmen seized what they described as an enemy fishing vessel near the island.", model.SubLooting, model.PoliticalYes},
		{"Shops were looted overnight.", model.SubLooting, model.PoliticalYes},
		{"Police detained twenty activists after the vote.", model.SubArrests, model.PoliticalYes},
		{"The two sides signed a ceasefire agreement in the capital.", model.SubAgreement, model.PoliticalYes},
		{"The group set up a new base in the hills.", model.SubBaseEstablished, model.PoliticalYes},
		{"The troops withdrew from the town and handed over control to the police.", model.SubTerritoryTransfer, model.PoliticalYes},
		{"A private jet with ten people on board crashed in the region on Wednesday.", model.SubOther, model.PoliticalYes},
		{"Air defences shot down the transport plane near the border.", model.SubAirDroneStrike, model.PoliticalYes},
		{"Fighter jets downed two drones over the bay.", model.SubDisruptedWeapons, model.PoliticalYes},
		// Not events of their own.
		{"Police arrested a 19-year-old suspect on Tuesday.", "", ""},
		{"The theatre hosted an event for drone designers on Saturday.", "", ""},
		{"The missile defence conference opened in the capital.", "", ""},
		{"The photographer shot a series of portraits.", "", ""},
	}
	for _, c := range cases {
		r := (English{}).Classify(c.sentence, "")
		if r.Sub != c.want || r.Political != c.pol || r.Type != model.SubEventTypes[c.want] {
			t.Errorf("Classify(%q) = %q %q (political %q), want %q (political %q)", c.sentence, r.Type, r.Sub, r.Political, c.want, c.pol)
		}
	}
	// A ship named only in the sentences around the boarding.
	if r := (English{}).Classify("The Sea Star was forcibly boarded by armed men in a helicopter raid on Tuesday.", "The owner said the vessel had lost contact with its crew."); r.Sub != model.SubLooting {
		t.Errorf("forced boarding: %+v", r)
	}
	if r := (English{}).Classify("Passengers boarded the ferry at dawn.", "The vessel left the port an hour later."); r.Type != "" {
		t.Errorf("passengers boarding: %+v", r)
	}
	// A weapon word naming something else does not type the attack: the
	// missile decides.
	if got := event("At least seven people were killed when a missile hit a theatre hosting drone designers.", ""); got != model.SubShellingMissile {
		t.Errorf("drone designers: %q", got)
	}
}

// Every rule's sub-type belongs to an ACLED event type.
func TestEventRulesTyped(t *testing.T) {
	for _, r := range eventRules {
		if _, ok := model.SubEventTypes[r.sub]; !ok || r.why == "" {
			t.Errorf("rule %q: no event type or no example", r.sub)
		}
	}
}

// The casualty verb beside a count names it, in either order.
func TestFactNameVerbOrder(t *testing.T) {
	cases := []struct{ sentence, count, want string }{
		{"Four people lost their lives and eleven were injured, the governor said.", "Four people", "killed"},
		{"Four people lost their lives and eleven were injured, the governor said.", "eleven", "injured"},
		{"The strike left 3 dead and 12 hurt.", "3", "killed"},
		{"The strike left 3 dead and 12 hurt.", "12", "injured"},
		{"The shelling ended with the deaths of at least 66 displaced people.", "at least 66 displaced people", "killed"},
		{"Two people were wounded, one by shrapnel and the other by glass.", "one", ""},
	}
	for _, c := range cases {
		if got := factName("person", c.sentence, strings.Index(c.sentence, c.count), len(c.count)); got != c.want {
			t.Errorf("%q in %q: %q, want %q", c.count, c.sentence, got, c.want)
		}
	}
}

func TestSpeaks(t *testing.T) {
	for after, want := range map[string]bool{
		" said the drones were launched from":     true,
		"'s foreign ministry":                     false,
		" has denied any involvement":             true,
		" press secretary Dmitry Peskov said":     true,
		" spokesman told reporters":               true,
		" regime carried out a series of strikes": true,
		" mayor said a drone hit a school":        false,
		" overnight, killing two":                 false,
		"’s response came within hours":           false,
		" accused Kyiv of a terrorist attack":     true,
	} {
		if got := (English{}).Speaks("Officials said ", after); got != want {
			t.Errorf("Speaks(%q) = %v", after, got)
		}
	}
}

func TestSpeaksNotAfterPreposition(t *testing.T) {
	if (English{}).Speaks("Residents of ", " reported loud explosions overnight") {
		t.Error("residents of a city are not its government")
	}
}

func TestOffice(t *testing.T) {
	for before, want := range map[string]bool{
		"according to governor of Russia's ": true,
		"said the mayor of ":                 true,
		"a drone struck a depot in ":         false,
		"residents of ":                      false,
	} {
		if got := (English{}).Office(before); got != want {
			t.Errorf("Office(%q) = %v", before, got)
		}
	}
}

func TestLaunchSiteAndRoute(t *testing.T) {
	for before, want := range map[string]bool{
		"drones launched from the ":                           true,
		"a private jet en route from Moscow to ":              true,
		"the tanker, which was travelling from Basra to the ": true,
		"a cargo ship bound for ":                             true,
		"a flight from Riga to ":                              true,
		"the bus was on its way to ":                          true,
		"drones flew from Belgorod to ":                       false, // a weapon's "to" is its target
		"a missile struck an apartment block in ":             false,
		"the plane crashed after take-off. Rescuers went to ": false,
	} {
		if got := (English{}).LaunchSite(before); got != want {
			t.Errorf("LaunchSite(%q) = %v, want %v", before, got, want)
		}
	}
}

func TestBearing(t *testing.T) {
	for before, want := range map[string]bool{
		"a plane crashed in the Tver region, northwest of ": true,
		"a village 30 km from ":                             true,
		"the depot, about 100 miles south-east of the ":     true,
		"a town in the eastern part of ":                    false,
		"a drone struck an oil depot north of the city of ": false, // "the city of" names the place itself
		"a missile hit the ":                                false,
		"residents of ":                                     false,
	} {
		if got := (English{}).Bearing(before); got != want {
			t.Errorf("Bearing(%q) = %v, want %v", before, got, want)
		}
	}
}

func TestReleaseTime(t *testing.T) {
	for before, want := range map[string]bool{
		"the rebels released dramatic footage on ": true,
		"the group published a video late on ":     true,
		"Houthis broadcast video footage ":         true,
		"the drone struck the depot on ":           false,
		"the ministry said on ":                    false,
	} {
		if got := (English{}).ReleaseTime(before); got != want {
			t.Errorf("ReleaseTime(%q) = %v, want %v", before, got, want)
		}
	}
}

// A shooting told by its weapon going off, or a person shot by accident
// or by their own hand, is a shooting (an attack).
func TestShootingByTheWeapon(t *testing.T) {
	for _, s := range []string{
		"A 34-year-old man was killed when a pistol he carried fell and discharged.",
		"Police said the rifle went off while the boy was cleaning it, killing him.",
		"A stray bullet struck a woman sitting on her porch.",
		"A 3-year-old boy accidentally shot himself with a handgun he found in a drawer.",
		"Police say a child found a gun in a tackle box and shot his own hand.",
	} {
		if _, sub := classify(strings.ToLower(s), ""); sub != model.SubAttack {
			t.Errorf("%q: %q, want an attack", s, sub)
		}
	}
}
