package nlp

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/model"
)

func findEntity(an *Annotations, text, mention string) *Entity {
	for i := range an.Entities {
		e := &an.Entities[i]
		if e.Text == mention {
			return e
		}
	}
	return nil
}

func TestAnnotateNewsParagraph(t *testing.T) {
	text := "Vladimir Putin has vowed to retaliate against what he claimed were Ukrainian drone strikes on Moscow.\n\n" +
		"Russia's defence minister Sergei Shoigu said Ukraine had used eight drones in the attack. He claimed Russia had downed five drones outside Moscow with Pantsir anti-aircraft systems and forced the other three to crash.\n\n" +
		"Putin said the strikes early on Tuesday morning were aimed at scaring Russian citizens. Videos showed one exploding over Rublyovka, and others hit Kiev, according to officials."
	pub := time.Date(2023, 5, 30, 18, 0, 0, 0, time.UTC)
	an := Annotate(text, pub)

	if e := findEntity(an, text, "Putin"); e == nil || e.Type != Person || e.Canonical != "Vladimir Putin" {
		t.Errorf("Putin: %+v", e)
	}
	if e := findEntity(an, text, "Pantsir anti-aircraft systems"); e == nil || e.Type != Equipment {
		t.Errorf("Pantsir: %+v", e)
	}
	if e := findEntity(an, text, "Moscow"); e == nil || e.Place == nil || e.Place.Country != "RU" || e.Place.Lat < 55 || e.Place.Lat > 56 {
		t.Errorf("Moscow: %+v", e)
	}
	if e := findEntity(an, text, "Rublyovka"); e == nil || e.Place == nil || e.Place.Precision != "landmark" {
		t.Errorf("Rublyovka: %+v", e)
	}
	if e := findEntity(an, text, "Kiev"); e == nil || e.Canonical != "Kyiv" || e.Place == nil || e.Place.GeoNameID != 703448 {
		t.Errorf("Kiev: %+v", e)
	}
	if e := findEntity(an, text, "Ukrainian"); e == nil || e.Type != Norp {
		t.Errorf("Ukrainian: %+v", e)
	}
	// Quantities, with the elided noun carried.
	var qs []string
	for _, q := range an.Quantities {
		qs = append(qs, q.Text+"="+q.Noun)
	}
	if got := strings.Join(qs, ","); got != "eight drones=drone,five drones=drone,the other three=drone,one=drone" {
		t.Errorf("quantities %s", got)
	}
	// Times against the publication date.
	found := false
	for _, tx := range an.Times {
		if tx.Text == "early on Tuesday morning" && tx.Start.Format("2006-01-02 15") == "2023-05-30 05" {
			found = true
		}
	}
	if !found {
		t.Errorf("times %+v", an.Times)
	}
	// Claims with resolved speakers: the pronoun goes to the last speaker.
	want := map[string]Speaker{
		"Ukraine had used eight drones in the attack": {Name: "Sergei Shoigu", Role: "Russia's defence minister", Affiliation: "Russian government"},
		"Russia had downed five drones outside Moscow with Pantsir anti-aircraft systems and forced the other three to crash": {Name: "Sergei Shoigu", Role: "Russia's defence minister", Affiliation: "Russian government"},
	}
	got := map[string]Speaker{}
	for _, c := range an.Claims {
		got[c.Text] = c.Speaker
	}
	for content, sp := range want {
		if got[content] != sp {
			t.Errorf("claim %q: speaker %+v, want %+v", content, got[content], sp)
		}
	}
}

func TestAnnotateSeedWithoutDate(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("../../../shared/corpus/seeds", "004_38a85a77cb332aec.txt"))
	if err != nil {
		t.Skip("seed corpus not found (ships with ../shared; skipping)")
	}
	stories := extract.CleanText(string(b))
	an := Annotate(stories[0].Text, time.Time{})
	if !an.ReferenceInferred || an.Reference.Format("2006-01-02") != "2023-05-03" {
		t.Fatalf("reference %v inferred=%v", an.Reference, an.ReferenceInferred)
	}
	for _, tx := range an.Times {
		if tx.Text == "the night of May 2nd" && tx.Start.Format("2006-01-02 15") != "2023-05-02 22" {
			t.Errorf("night of May 2nd resolved to %v", tx.Start)
		}
	}
	if e := findEntity(an, stories[0].Text, "Kremlin"); e == nil || e.Place == nil || e.Place.Name != "Moscow Kremlin" {
		t.Errorf("Kremlin: %+v", e)
	}
}

func TestAnnotateArticleSkipsOtherLanguages(t *testing.T) {
	de := &model.Article{Text: "Die Drohne traf am Dienstag ein Wohnhaus in Berlin.", Language: "de"}
	if an := AnnotateArticle(de); an.Skipped != "language de" || len(an.Entities) != 0 || an.Version != AnnotatorVersion {
		t.Errorf("German article: %+v", an)
	}
	en := &model.Article{Text: "Drones hit a depot in Novorossiysk on Tuesday, the governor said.", Language: "en"}
	if an := AnnotateArticle(en); an.Skipped != "" || len(an.Entities) == 0 {
		t.Errorf("English article: %+v", an)
	}
}

// A relative clause closing the source span is not the speaker's role.
func TestSpeakerRoleStopsAtRelativeClause(t *testing.T) {
	text := `"We heard three blasts," said Lena Moroz, a teacher at the school, who lives next to the fuel depot.`
	an := Annotate(text, time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC))
	if len(an.Claims) != 1 {
		t.Fatalf("claims %+v", an.Claims)
	}
	if sp := an.Claims[0].Speaker; sp.Name != "Lena Moroz" || sp.Role != "teacher at the school" {
		t.Errorf("speaker %+v", sp)
	}
}

// "On Sunday" in a report stamped with +03:00 is that Sunday: stored times
// keep the calendar day (wall clock), not the UTC instant of its midnight.
func TestStoredTimesKeepTheCalendarDay(t *testing.T) {
	pub, _ := time.Parse(time.RFC3339, "2024-10-20T16:30:00+03:00")
	a := &model.Article{Text: "The army said on Sunday that an aircraft had struck a commander near Tyre.", Published: pub, DatePrec: model.PrecisionDay, Language: "en"}
	an := AnnotateArticle(a)
	if len(an.Times) != 1 {
		t.Fatalf("times %+v", an.Times)
	}
	if got := an.Times[0].From.Format(time.RFC3339); got != "2024-10-20T00:00:00Z" {
		t.Errorf("on Sunday stored from %s", got)
	}
}

// A large town the tagger missed, spelt with a hyphen, is still a place.
func TestUntaggedTownIsAPlace(t *testing.T) {
	an := Annotate("The agency condemned the attack on the hospital in El-Fasher, in which five people were killed.", time.Date(2024, 11, 3, 0, 0, 0, 0, time.UTC))
	found := false
	for _, e := range an.Entities {
		if e.Text == "El-Fasher" && e.Type == Loc && e.Place != nil && e.Place.Country == "SD" {
			found = true
		}
	}
	if !found {
		t.Errorf("entities %+v", an.Entities)
	}
}

// "The Kursk region" is the region, not the city of Kursk; "Lgov" is the
// town GeoNames calls L'govskiy.
func TestRegionAfterCityName(t *testing.T) {
	an := Annotate("Ukrainian drones attacked the town of Lgov in the Kursk region early on Wednesday.", time.Date(2025, 1, 22, 0, 0, 0, 0, time.UTC))
	got := map[string]model.PlacePrecision{}
	for _, e := range an.Entities {
		if e.Place != nil {
			got[e.Text] = e.Place.Precision
		}
	}
	if got["Lgov"] != "city" || got["Kursk"] != "region" {
		t.Errorf("places %v", got)
	}
}

// Speakers across one wire report: the dateline is not part of a role, a
// bare surname inherits the role and affiliation of its first claim, the
// president is found by title, "the Kremlin" speaks for itself after a
// Kremlin spokesman, and doubt, marine drones and a landmark are read.
func TestAnnotateWireSpeakers(t *testing.T) {
	text := `MOSCOW, May 30 (Reuters) - Russian President Vladimir Putin said on Tuesday that Ukraine had launched a terrorist attack on Moscow. ` +
		`Putin said air defences had worked well. Russia's president also said the attack was a response to strikes on Ukrainian intelligence headquarters. ` +
		`It's unclear whether the drones were launched from Ukraine, a Western official said. Ukraine's navy said two marine drones hit a ship near the Hmeimim air base in Syria. ` +
		`A Kremlin spokesman, Dmitry Peskov, said the president was informed. The Kremlin said it would respond.`
	an := Annotate(text, time.Date(2023, 5, 30, 15, 0, 0, 0, time.UTC))
	claim := func(content string) *Claim {
		for i := range an.Claims {
			if strings.HasPrefix(an.Claims[i].Text, content) {
				return &an.Claims[i]
			}
		}
		t.Fatalf("no claim %q in %+v", content, an.Claims)
		return nil
	}
	for _, c := range []struct {
		content, name, role, aff string
		stance                   Stance
	}{
		{"Ukraine had launched", "Vladimir Putin", "Russian President", "Russian government", Asserts},
		{"air defences", "Vladimir Putin", "Russian President", "Russian government", Asserts},
		{"the attack was a response", "Vladimir Putin", "Russia's president", "Russian government", Asserts},
		{"It's unclear whether", "a Western official", "", "", Doubts},
		{"the president was informed", "Dmitry Peskov", "Kremlin spokesman", "Russian government", Asserts},
		{"it would respond", "Kremlin", "", "Russian government", Asserts},
	} {
		got := claim(c.content)
		if got.Speaker.Name != c.name || got.Speaker.Role != c.role || got.Speaker.Affiliation != c.aff || got.Stance != c.stance {
			t.Errorf("%q: speaker %+v, stance %v; want %s / %s / %s, %v", c.content, got.Speaker, got.Stance, c.name, c.role, c.aff, c.stance)
		}
	}
	if e := findEntity(an, text, "marine drones"); e == nil || e.Type != Equipment {
		t.Errorf("marine drones: %+v", e)
	}
	if e := findEntity(an, text, "Hmeimim"); e == nil || e.Place == nil || e.Place.Country != "SY" {
		t.Errorf("Hmeimim: %+v", e)
	}
}

// Across articles: a report that only ever writes "Putin" or "Mr Putin"
// names the same person as one that writes "Vladimir Putin", so their
// claims count as one origin.
func TestAnnotateSurnameOnlyOfficeholders(t *testing.T) {
	day := time.Date(2023, 5, 30, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text, mention, canonical, affiliation string
	}{
		{"Putin said the attack was terrorism.", "Putin", "Vladimir Putin", "Russian government"},
		{`Mr Putin told reporters the strikes were "terrorist".`, "Putin", "Vladimir Putin", "Russian government"},
		{"Zelensky said Kyiv had nothing to do with it.", "Zelensky", "Volodymyr Zelensky", "Ukrainian government"},
		{"Shoigu said eight drones were downed.", "Shoigu", "Sergei Shoigu", "Russian government"},
	} {
		an := Annotate(c.text, day)
		if e := findEntity(an, c.text, c.mention); e == nil || e.Canonical != c.canonical {
			t.Errorf("%q: entity %+v, want canonical %s", c.text, e, c.canonical)
		}
		if len(an.Claims) != 1 || an.Claims[0].Speaker != (Speaker{Name: c.canonical, Affiliation: c.affiliation}) {
			t.Errorf("%q: claims %+v", c.text, an.Claims)
		}
	}
	// Out of office, a surname is only a surname.
	text := "Shoigu said the troops were ready."
	an := Annotate(text, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))
	if e := findEntity(an, text, "Shoigu"); e == nil || e.Canonical != "Shoigu" {
		t.Errorf("Shoigu in 2025: %+v", e)
	}
}

// The whole language stage on arbitrary text: no panic, and every span it
// reports lies inside the text and reads what it says it reads.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"MOSCOW, May 30 (Reuters) - Putin said eight drones were downed.",
		"The Kremlin said it would respond. A Kremlin spokesman, Peskov, said so.",
		"Mr Putin told \"reporters\" – Kiev denied it; the other three crashed early on Tuesday morning.",
		"\xff\xfe\x00 - -- said said", "", "“”", "Shoigu said",
	} {
		f.Add(s)
	}
	pub := time.Date(2023, 5, 30, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		an := Annotate(s, pub)
		for _, e := range an.Entities {
			if e.Start < 0 || e.End > len(s) || e.Start > e.End || s[e.Start:e.End] != e.Text {
				t.Fatalf("entity %+v does not read %q", e, s)
			}
		}
		for _, c := range an.Claims {
			for _, sp := range []Span{c.Source, c.Attribution.Cue, c.Content} {
				if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
					t.Fatalf("claim span %+v outside %q", sp, s)
				}
			}
		}
	})
}

// The hints that keep the equipment and group rules from a sentence must
// never keep them from one they match: checked on our own cases and, when
// ../shared is present, on every sentence of the Zyte benchmark's articles.
func TestRuleHintsAreNecessary(t *testing.T) {
	// One rule alternative per sentence, so each hint is needed somewhere.
	texts := []string{"Air defence systems fired.\n\nAn S-300 battery fired.\n\nElectronic warfare systems worked.\n\nA Tor-M2 stood by.\n\n" +
		"Anti-aircraft systems fired.\n\nRadar defense systems failed.\n\nA dirty bomb, they said.\n\nTactical nuclear weapons, they said.\n\n" +
		"Buk-M1 and Tochka-U.\n\nStorm Shadow and IRIS-T.\n\nA marine drone.\n\nUAVs flew.\n\nUnmanned boats.\n\nCruise missiles.\n\nJamming.",
		"Pro-war bloggers.\n\nRussian volunteers.\n\nLocal resistance forces.\n\nNeo-Nazis.\n\nMilitias.\n\nMercenaries.\n\nPro-war channels.\n\nNationalist commentators."}
	texts = append(texts, zyteBodies(t)...)
	for _, text := range texts {
		lower := asciiLower(text)
		for _, s := range Sentences(text) {
			seg := lower[s.Start:s.End]
			for _, r := range []struct {
				re    *regexp.Regexp
				hints []string
			}{{equipmentRe, equipmentHints}, {groupRe, groupHints}} {
				if r.re.MatchString(seg) && !containsAny(seg, r.hints) {
					t.Errorf("%q matches %s but holds none of its hints", seg, r.re)
				}
			}
		}
	}
}

// Places resolved by what the text says around them: the region after a
// town, the regions the text names, counties, a country's people, and a
// country at its own point.
func TestPlaceContext(t *testing.T) {
	pub := time.Date(2016, 3, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		text, mention, country, admin1 string
		prec                           model.PlacePrecision
	}{
		{"A man was shot outside a bar in Paris, Texas, on Saturday night, police said.", "Paris", "US", "Texas", model.PlaceCity},
		{"Deputies in Texas said the fire in Paris was set on purpose, the sheriff said.", "Paris", "US", "Texas", model.PlaceCity},
		{"The mayor of Covington, Ky., said the bridge would reopen on Monday.", "Covington", "US", "Kentucky", model.PlaceCity},
		{"Deputies from Laurel County arrested two men on Friday, officials in Kentucky said.", "Laurel County", "US", "", model.PlaceRegion},
		{"Voters in Ohio go to the polls on Tuesday, the secretary of state said.", "Ohio", "US", "Ohio", model.PlaceRegion},
		{"Alabama and Georgia both declared a state of emergency ahead of the storm.", "Georgia", "US", "Georgia", model.PlaceRegion},
		{"Georgian troops shelled the town as Georgia accused Russia of aggression.", "Georgia", "GE", "", model.PlaceCountry},
		{"Russian shelling hit Sumy on Monday, the regional governor said.", "Sumy", "UA", "", model.PlaceCity},
		{"A missile struck a village in Kharkiv Oblast on Thursday, the governor said.", "Kharkiv Oblast", "UA", "", model.PlaceRegion},
		{"Wildfires burned across California on Monday, officials said.", "California", "US", "California", model.PlaceRegion},
		{"Cedar Rapids police say a 13-year-old shot and killed a girl on Tuesday.", "Cedar Rapids", "US", "", model.PlaceCity},
		{"A child was shot at a residence in northwest Harris County on Tuesday.", "Harris County", "US", "", model.PlaceRegion},
		// A part of a big city the gazetteer does not list is the city.
		{"Two men were injured in a shooting in South Philadelphia on Sunday, police said.", "South Philadelphia", "US", "Pennsylvania", model.PlaceCity},
		{"Four people were wounded Sunday in a shooting in East Oakland, police said.", "East Oakland", "US", "California", model.PlaceCity},
	}
	for _, c := range cases {
		an := Annotate(c.text, pub)
		e := findEntity(an, c.text, c.mention)
		if e == nil || e.Place == nil || e.Place.Country != c.country || e.Place.Precision != c.prec || c.admin1 != "" && e.Place.Admin1 != c.admin1 {
			t.Errorf("%q in %q: %+v", c.mention, c.text, e)
		}
	}
	text := "Palestinian officials said the talks would resume, and the United States agreed."
	an := Annotate(text, pub)
	if e := findEntity(an, text, "Palestinian"); e == nil || e.Place == nil || e.Place.Country != "PS" || e.Place.Precision != model.PlaceCountry {
		t.Errorf("Palestinian: %+v", e)
	}
	if e := findEntity(an, text, "United States"); e == nil || e.Place == nil || e.Place.Lat < 35 || e.Place.Lat > 43 || e.Place.Lon > -90 {
		t.Errorf("United States at its centre, not Washington: %+v", e)
	}
}

// A state's own body names the state a story is in: the Perry County of
// a Pennsylvania State Police statement is Pennsylvania's.
func TestAuthorityNamesTheRegion(t *testing.T) {
	text := "Pennsylvania State Police are investigating a shooting in Perry County that happened during an eviction on Monday morning."
	an := Annotate(text, time.Date(2016, 1, 11, 0, 0, 0, 0, time.UTC))
	e := findEntity(an, text, "Perry County")
	if e == nil || e.Place == nil || e.Place.Admin1 != "Pennsylvania" {
		t.Fatalf("Perry County: %+v", e)
	}
}

// A small town's name that the text also uses for a street is the street.
func TestStreetIsNoTown(t *testing.T) {
	text := "NEW ORLEANS -- A man was shot on Bourbon Street early Sunday. Bars along Bourbon were crowded at the time."
	an := Annotate(text, time.Date(2016, 11, 27, 0, 0, 0, 0, time.UTC))
	for _, e := range an.Entities {
		if e.Place != nil && e.Place.Name == "Bourbon" {
			t.Errorf("%q placed at %+v", e.Text, e.Place)
		}
	}
	// A large town keeps its name.
	text = "Officials in Washington said the fire on Washington Street was put out."
	an = Annotate(text, time.Date(2016, 11, 27, 0, 0, 0, 0, time.UTC))
	if e := findEntity(an, text, "Washington"); e == nil || e.Place == nil {
		t.Errorf("Washington: %+v", e)
	}
}
