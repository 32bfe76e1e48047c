package incident

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/nlp"
)

func TestSamePlace(t *testing.T) {
	moscow := &model.Location{Name: "Moscow", GeoNameID: 524901, Lat: 55.75, Lon: 37.62, Precision: "city"}
	kremlin := &model.Location{Name: "Moscow Kremlin", Lat: 55.752, Lon: 37.6175, Precision: "landmark"}
	kyiv := &model.Location{Name: "Kyiv", GeoNameID: 703448, Lat: 50.45, Lon: 30.52, Precision: "city"}
	sea := &model.Location{Name: "Black Sea", Lat: 43.4, Lon: 34.0, Precision: "region"}
	novo := &model.Location{Name: "Novorossiysk", Lat: 44.72, Lon: 37.77, Precision: "city"}
	if !samePlace(moscow, kremlin) || samePlace(moscow, kyiv) || !samePlace(sea, novo) || samePlace(sea, moscow) {
		t.Error("samePlace")
	}
}

func TestCommentaryIsContext(t *testing.T) {
	report := model.Article{ID: 1, Path: "report.txt", Site: "Wire", Language: "en", DatePrec: model.PrecisionDay,
		Published: time.Date(2024, 6, 5, 0, 0, 0, 0, time.UTC),
		Text:      "Drones struck an oil depot in Kharkiv early on Tuesday, the regional governor said. Firefighters put out the blaze by noon."}
	comment := model.Article{ID: 2, Path: "column.txt", Site: "Weekly", Language: "en",
		Text: "The drone strikes on Kharkiv show how exposed the city's fuel supply has become. Analysts expect more such attacks."}
	for _, a := range []*model.Article{&report, &comment} {
		an := nlp.AnnotateArticle(a)
		a.Annotations = &an
	}
	incs := Build([]model.Article{report, comment}, Options{})
	if len(incs) != 1 {
		t.Fatalf("%d incidents, want 1: %+v", len(incs), incs)
	}
	inc := incs[0]
	if len(inc.Articles) != 1 || inc.Articles[0].ID != 1 || len(inc.Context) != 1 || inc.Context[0].ID != 2 {
		t.Errorf("articles %+v, context %+v", inc.Articles, inc.Context)
	}
	if inc.Date != "2024-06-04" {
		t.Errorf("date %s, want the Tuesday before publication (2024-06-04)", inc.Date)
	}
}

// A sentence with two times takes the one beside the words that report the
// event, not a later time about something else.
func TestMentionTimeNearestTheEvent(t *testing.T) {
	a := model.Article{ID: 1, Path: "update.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay,
		Published: time.Date(2024, 10, 10, 0, 0, 0, 0, time.UTC), // a Thursday
		Text:      "The number of people killed in Wednesday's Russian air strike on Zaporizhzhia has risen to four, after a woman died in hospital overnight, the city council said on Thursday."}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	ms := Mentions(&a)
	if len(ms) != 1 {
		t.Fatalf("%d mentions, want 1: %+v", len(ms), ms)
	}
	if got := ms[0].From.Format("2006-01-02"); got != "2024-10-09" || ms[0].Precision != "day" {
		t.Errorf("mention time %s (%s), want Wednesday 2024-10-09 (day)", got, ms[0].Precision)
	}
}

// count reads a figure as the language stage does ("at least 9").
func count(t *testing.T, figure string) model.Count {
	t.Helper()
	an := nlp.Annotate("Officials said "+figure+" people were killed.", time.Time{}).Model()
	if len(an.Quantities) != 1 {
		t.Fatalf("%q: quantities %+v", figure, an.Quantities)
	}
	return an.Quantities[0].Count
}

func TestCountsAgree(t *testing.T) {
	for _, c := range []struct {
		v, w string
		want bool
	}{
		{"at least 9", "9", true}, {"9", "at least 9", true}, {"at least 9", "8", false},
		{"more than 10", "12", true}, {"more than 10", "10", false}, {"up to 5", "3", true},
		{"about 9", "9", false}, {"9", "10", false},
		// A vague amount is a range: "dozens" (24 to 99) admits 40, not 12.
		{"dozens", "40", true}, {"dozens", "12", false},
	} {
		if got := countsAgree(count(t, c.v), count(t, c.w)); got != c.want {
			t.Errorf("countsAgree(%q, %q) = %v, want %v", c.v, c.w, got, c.want)
		}
	}
}

// The time of the event, not of speaking or of a later ceremony.
func TestMentionTimeIsTheEvents(t *testing.T) {
	tue := time.Date(2024, 11, 12, 0, 0, 0, 0, time.UTC)
	for text, want := range map[string]string{
		"Residents of Kryvyi Rih gathered on Tuesday to unveil a memorial to the twelve people killed when a Russian missile struck a five-storey apartment block in the city on 13 June 2023.": "2023-06-13",
		"Early on Monday, drones struck an oil depot in Kharkiv, the governor said on Tuesday.":                                                                                                 "2024-11-11",
	} {
		a := model.Article{ID: 1, Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: tue, Text: text}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		ms := Mentions(&a)
		if len(ms) != 1 || ms[0].From.Format("2006-01-02") != want {
			t.Errorf("%q: mentions %+v, want one on %s", text, ms, want)
		}
	}
}

// A local outlet's report that names no place is placed in the outlet's town.
func TestSitePlace(t *testing.T) {
	a := model.Article{ID: 1, Path: "x.txt", Site: "Poltava Vechirnia", Language: "en", DatePrec: model.PrecisionDay,
		Published: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		Text:      "A missile struck an apartment building on Ivan Mazepa street at about 4 am on Saturday."}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	ms := Mentions(&a)
	if len(ms) != 1 || ms[0].Place.Name != "Poltava" {
		t.Errorf("mentions %+v, want one in Poltava", ms)
	}
	a.Site = "Northern Wire"
	an = nlp.AnnotateArticle(&a)
	a.Annotations = &an
	if ms := Mentions(&a); len(ms) != 0 {
		t.Errorf("mentions %+v, want none: no place named and no town in the outlet's name", ms)
	}
}

// A wire dateline names where the story was filed, not the event's place.
func TestDatelineIsNotThePlace(t *testing.T) {
	for _, text := range []string{
		"KYIV, Oct 14 (Atlas) - At least three people were killed when Russian artillery hit a busy market in the southern Ukrainian city of Kherson on Monday, the governor said.",
		"Kyiv (Atlas) - At least three people were killed when Russian artillery hit a busy market in the city of Kherson on Monday, the governor said.",
	} {
		a := model.Article{ID: 1, Path: "x.html", Site: "Atlas News", Language: "en", DatePrec: model.PrecisionDay,
			Published: time.Date(2024, 10, 14, 0, 0, 0, 0, time.UTC), Text: text}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		ms := Mentions(&a)
		if len(ms) != 1 || ms[0].Place.Name != "Kherson" {
			t.Errorf("%q: mentions %+v, want one in Kherson", text, ms)
		}
	}
}

// An attack told only in an "a week after …" clause is recalled background;
// an attack in the main clause after such a phrase is not.
func TestRecalledAttackIsBackground(t *testing.T) {
	for text, bg := range map[string]bool{
		"Kherson's Central Market reopened on Monday, a week after Russian shelling killed three people there.": true,
		"Two days after the ceasefire talks, a Russian missile struck a school in Kherson on Monday.":           false,
	} {
		a := model.Article{ID: 1, Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay,
			Published: time.Date(2024, 10, 21, 0, 0, 0, 0, time.UTC), Text: text}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		ms := Mentions(&a)
		if len(ms) != 1 || ms[0].Background != bg {
			t.Errorf("%q: mentions %+v, want one with background %v", text, ms, bg)
		}
	}
}

// A death toll that rises in later reports is an update; one that falls,
// or rises in reports published no later, is a disagreement.
func TestTollRose(t *testing.T) {
	thu, fri := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC), time.Date(2024, 3, 15, 7, 0, 0, 0, time.UTC)
	pub := map[string]time.Time{"a1": thu, "a2": thu, "b1": fri}
	if !tollRose([]string{"a1", "a2"}, []string{"b1"}, count(t, "2"), count(t, "3"), pub) {
		t.Error("2 on Thursday, 3 on Friday: a rise")
	}
	if !tollRose([]string{"a1"}, []string{"b1"}, count(t, "2"), count(t, "at least 3"), pub) {
		t.Error("2, then at least 3: a rise")
	}
	if tollRose([]string{"b1"}, []string{"a1"}, count(t, "2"), count(t, "3"), pub) {
		t.Error("3 on Thursday, 2 on Friday: no rise")
	}
	if tollRose([]string{"a1"}, []string{"a2"}, count(t, "2"), count(t, "3"), pub) {
		t.Error("2 and 3 the same day: not told apart by time")
	}
	if tollRose([]string{"a1"}, []string{"x"}, count(t, "2"), count(t, "3"), pub) {
		t.Error("an undated report: no rise")
	}
}

// "The regional governor" in one report is the named head of the regional
// military administration quoted in another: one origin, not two.
func TestRegionalGovernorFoldsIntoNamedHead(t *testing.T) {
	// The speakers as the language stage gives them (alias and description).
	named := model.Speaker{Name: "Oleksandr Prokudin", Role: "the head of the Kherson Regional Military Administration", Alias: "regional governor"}
	governor := model.Speaker{Name: "regional governor", Description: "regional governor"}
	evs := []evidence{
		{claim: model.IncidentClaim{ID: "a1-c0", Article: 1, Origin: "Oleksandr Prokudin", Speaker: named}},
		{claim: model.IncidentClaim{ID: "a2-c0", Article: 2, Origin: "regional governor", Speaker: governor}},
	}
	foldOrigins(evs, []model.Claim{{Speaker: named}, {Speaker: governor}})
	if evs[1].claim.Origin != "Oleksandr Prokudin" {
		t.Errorf("regional governor traced to %q", evs[1].claim.Origin)
	}
}

// Two sources, a day apart: the later one's higher toll is an update.
func TestRisingTollIsNotAContradiction(t *testing.T) {
	thu, fri := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC), time.Date(2024, 3, 15, 8, 0, 0, 0, time.UTC)
	texts := []struct {
		pub  time.Time
		text string
	}{
		{thu, "A Russian missile struck a warehouse in Odesa on Thursday morning, killing two people, the port authority said."},
		{fri, "A third person died on Friday after a Russian missile struck a warehouse in Odesa on Thursday, bringing the number killed to three people, the city council said."},
	}
	var arts []model.Article
	for i, x := range texts {
		a := model.Article{ID: int64(i + 1), Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: x.pub, Text: x.text}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		arts = append(arts, a)
	}
	incs := Build(arts, Options{})
	if len(incs) != 1 {
		t.Fatalf("%d incidents", len(incs))
	}
	killed := map[string]model.FactStatus{}
	for _, f := range incs[0].Facts {
		if f.Name == "killed" {
			killed[f.Value] = f.Status
		}
	}
	if killed["2"] == "" || killed["3"] == "" || killed["2"] == "contradicted" || killed["3"] == "contradicted" || len(incs[0].Contradictions) != 0 {
		t.Errorf("killed %v, contradictions %+v", killed, incs[0].Contradictions)
	}
}

// Reports a day apart at the same place do not link: "on Tuesday" and "on
// Wednesday evening" are two attacks; "on Monday" and "early on Tuesday"
// may be one told across midnight.
func TestDaysApartDoNotLink(t *testing.T) {
	day := func(d, fromH, toH int) model.Mention {
		return model.Mention{Dated: true, EventType: RemoteViolence, SubEventType: AirDroneStrike, Place: model.Location{Name: "Belgorod", Precision: "city"},
			From: time.Date(2024, 11, d, fromH, 0, 0, 0, time.UTC), To: time.Date(2024, 11, d, 0, 0, 0, 0, time.UTC).Add(time.Duration(toH) * time.Hour)}
	}
	if Linked(day(5, 0, 24), day(6, 18, 24)) {
		t.Error("Tuesday and Wednesday evening linked")
	}
	if !Linked(day(4, 0, 24), day(5, 0, 6)) {
		t.Error("Monday and early Tuesday not linked")
	}
}

// A ship hit "70 nautical miles west of Hodeidah" and a claim of targeting
// it "in the Red Sea" are one incident: the sea holds its coast.
func TestSeaHoldsItsCoast(t *testing.T) {
	fri := time.Date(2024, 11, 8, 15, 0, 0, 0, time.UTC)
	var arts []model.Article
	for i, text := range []string{
		"A bulk carrier was hit by a missile about 70 nautical miles west of Hodeidah, Yemen, on Friday, the maritime agency said.",
		"Houthi military spokesman Yahya Saree said on Friday that the group had targeted the bulk carrier in the Red Sea with ballistic missiles.",
	} {
		a := model.Article{ID: int64(i + 1), Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: fri, Text: text}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		arts = append(arts, a)
	}
	if incs := Build(arts, Options{}); len(incs) != 1 || len(incs[0].Articles) != 2 {
		t.Errorf("incidents %+v", incs)
	}
}

// A channel's post that names no time reports the hours before it; a
// coarse time near the event words, with no finer one, makes background.
func TestLivePostAndCoarseBackground(t *testing.T) {
	post := time.Date(2024, 11, 6, 19, 41, 0, 0, time.UTC)
	a := model.Article{ID: 1, Path: "result.json#9034", Site: "Belgorod Watch", Language: "en", DatePrec: model.PrecisionMinute,
		DateSource: model.DateTelegram, Published: post, Text: "Belgorod: a drone hit the car park near the shopping centre. One dead."}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	if ms := Mentions(&a); len(ms) != 1 || !ms[0].Dated || !ms[0].From.Equal(post.Add(-liveWindow)) {
		t.Errorf("live post: mentions %+v", ms)
	}
	b := model.Article{ID: 2, Path: "x.txt", Site: "Review", Language: "en", DatePrec: model.PrecisionDay, Published: time.Date(2024, 11, 15, 0, 0, 0, 0, time.UTC),
		Text: "When a drone struck the Saudi Hospital in El Fasher earlier this month, the news barely made the front pages."}
	an = nlp.AnnotateArticle(&b)
	b.Annotations = &an
	if ms := Mentions(&b); len(ms) != 1 || !ms[0].Background {
		t.Errorf("recalled this month: mentions %+v", ms)
	}
}

// A dated report of an attack that names no weapon joins the incident at
// its place and time, but never makes one by itself; air-raid alerts and
// generic present tense ("markets are shelled") are no reports.
func TestUnnamedWeaponJoinsOnly(t *testing.T) {
	sat := time.Date(2024, 11, 2, 14, 0, 0, 0, time.UTC)
	strike := heraldArticle(1, sat, "Five people were killed when a drone struck the Saudi Hospital in El Fasher on Saturday, the health ministry said.")
	who := heraldArticle(2, sat.Add(24*time.Hour), "The World Health Organization condemned Saturday's attack on the Saudi Hospital in El-Fasher, in which five people were killed.")
	if incs := Build([]model.Article{strike, who}, Options{}); len(incs) != 1 || len(incs[0].Articles) != 2 || incs[0].SubEventType != AirDroneStrike {
		t.Errorf("with the strike: %+v", incs)
	}
	if incs := Build([]model.Article{who}, Options{}); len(incs) != 0 {
		t.Errorf("alone: %+v", incs)
	}
}

// Two whole days only touch at midnight: "on Saturday" and "on Sunday" are
// two incidents, whatever the slack for finer times.
func TestWholeDaysMustOverlap(t *testing.T) {
	day := func(d int) model.Mention {
		return model.Mention{Dated: true, EventType: RemoteViolence, SubEventType: AirDroneStrike, Place: model.Location{Name: "Kharkiv", Precision: "city"},
			From: time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 1, d+1, 0, 0, 0, 0, time.UTC)}
	}
	if Linked(day(18), day(19)) {
		t.Error("Saturday and Sunday linked")
	}
	if !Linked(day(18), day(18)) {
		t.Error("the same day not linked")
	}
}

// "Ukraine's navy" in one report is the origin of the navy spokesman named
// in another.
func TestSpokesmanSpeaksForHisBody(t *testing.T) {
	named := model.Speaker{Name: "Dmytro Pletenchuk", Role: "Ukrainian Navy spokesman", Alias: "ukrainian navy"}
	evs := []evidence{
		{claim: model.IncidentClaim{ID: "a1-c0", Article: 1, Origin: "Dmytro Pletenchuk", Speaker: named}},
		{claim: model.IncidentClaim{ID: "a2-c0", Article: 2, Origin: "Ukraine's navy", Speaker: model.Speaker{Name: "Ukraine's navy", Description: "ukraine's navy"}}},
	}
	foldOrigins(evs, []model.Claim{{Speaker: named}})
	if evs[1].claim.Origin != "Dmytro Pletenchuk" {
		t.Errorf("Ukraine's navy traced to %q", evs[1].claim.Origin)
	}
}

// "Peskov said" in one report and "Dmitry Peskov said" in another are one
// origin; a surname two named people share stays as it is.
func TestSurnameFoldsIntoFullName(t *testing.T) {
	full := model.Speaker{Name: "Dmitry Peskov", Role: "Kremlin spokesman"}
	evs := []evidence{
		{claim: model.IncidentClaim{ID: "a1-c0", Article: 1, Origin: "Dmitry Peskov", Speaker: full}},
		{claim: model.IncidentClaim{ID: "a2-c0", Article: 2, Origin: "Peskov", Speaker: model.Speaker{Name: "Peskov"}}},
		{claim: model.IncidentClaim{ID: "a3-c0", Article: 3, Origin: "Klitschko", Speaker: model.Speaker{Name: "Klitschko"}}},
	}
	foldOrigins(evs, []model.Claim{{Speaker: full}, {Speaker: model.Speaker{Name: "Peskov"}},
		{Speaker: model.Speaker{Name: "Vitali Klitschko"}}, {Speaker: model.Speaker{Name: "Wladimir Klitschko"}}})
	if evs[1].claim.Origin != "Dmitry Peskov" {
		t.Errorf("Peskov traced to %q", evs[1].claim.Origin)
	}
	if evs[2].claim.Origin != "Klitschko" {
		t.Errorf("an ambiguous surname traced to %q", evs[2].claim.Origin)
	}
}

// A sentence that states a toll without event words speaks of the event
// its article reported just before: its counts are the incident's facts.
// A toll after a recalled earlier attack is not.
func TestCountsBesideTheReport(t *testing.T) {
	thu := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC)
	text := "A Russian missile struck a school in Odesa on Thursday morning. " +
		"Four people lost their lives and eleven were injured, the regional governor said. " +
		"The city council voted to build a tram line. " +
		"A week after Russian shelling hit the port in Izmail, the market reopened. " +
		"Nine people were injured there, officials said."
	a := model.Article{ID: 1, Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: thu, Text: text}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	incs := Build([]model.Article{a}, Options{})
	if len(incs) != 1 {
		t.Fatalf("%d incidents", len(incs))
	}
	got := map[string]bool{}
	for _, f := range incs[0].Facts {
		got[f.Name+"="+f.Value] = true
	}
	if !got["killed=4"] || !got["injured=11"] || got["injured=9"] {
		t.Errorf("facts %v", incs[0].Facts)
	}
	if len(incs[0].Members) != 1 {
		t.Errorf("count sentences became members: %v", incs[0].Members)
	}
}

// An article without a date cannot resolve "on Saturday": its report
// joins the one dated incident at the same place and of the same kind.
func TestUndatedArticleWithDayCueJoins(t *testing.T) {
	sat := time.Date(2024, 8, 17, 12, 0, 0, 0, time.UTC)
	dated := model.Article{ID: 1, Path: "a.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: sat,
		Text: "A Russian missile struck the theatre in Chernihiv on Saturday morning, killing seven people, officials said."}
	undated := model.Article{ID: 2, Path: "b.txt", Site: "Courier", Language: "en",
		Text: "On Saturday, a Russian missile hit the centre of Chernihiv, damaging the theatre, the mayor said."}
	var arts []model.Article
	for _, a := range []model.Article{dated, undated} {
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		arts = append(arts, a)
	}
	incs := Build(arts, Options{})
	if len(incs) != 1 || len(incs[0].Articles) != 2 {
		for _, inc := range incs {
			t.Logf("%s %s %d articles", inc.Date, inc.Title, len(inc.Articles))
		}
		t.Fatalf("%d incidents, want one of both articles", len(incs))
	}
}

// A page without a date that names the day without a year ("on Aug. 17")
// joins the incident at its place on that day of some year, and not one
// on another day: two strikes on the city a week apart.
func TestUndatedArticleDayWithoutYear(t *testing.T) {
	sat := time.Date(2024, 8, 17, 12, 0, 0, 0, time.UTC)
	mk := func(id int64, day time.Time, text string) model.Article {
		a := model.Article{ID: id, Path: fmt.Sprintf("%d.txt", id), Site: fmt.Sprintf("site%d", id), Language: "en", Text: text}
		if !day.IsZero() {
			a.Published, a.DatePrec = day, model.PrecisionDay
		}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		return a
	}
	arts := []model.Article{
		mk(1, sat, "A Russian missile struck the theatre in Chernihiv on Saturday morning, killing seven people, officials said."),
		mk(2, sat.AddDate(0, 0, 7), "A Russian missile struck a school in Chernihiv on Saturday, wounding two people, officials said."),
		mk(3, time.Time{}, "On Aug. 10, a Russian missile hit the centre of Chernihiv, damaging the theatre, the mayor said."),
		mk(4, time.Time{}, "A Russian missile hit a school in Chernihiv on August 24, the mayor said."),
	}
	if md := arts[2].Annotations.Events[0].MonthDay; md != "08-10" {
		t.Fatalf("month and day %q, want 08-10", md)
	}
	incs := Build(arts, Options{})
	got := map[string][]string{}
	for _, inc := range incs {
		for _, a := range inc.Articles {
			got[inc.Date] = append(got[inc.Date], a.Path)
		}
	}
	if strings.Join(got["2024-08-17"], ",") != "1.txt" || strings.Join(got["2024-08-24"], ",") != "2.txt,4.txt" || len(incs) != 3 {
		t.Errorf("incidents by day %v (%d incidents), want 17: 1; 24: 2, 4; and 3 on its own", got, len(incs))
	}
}

// A page whose text is only a sign-up box reports its headline's event:
// it joins the incident at the headline's place, its title the evidence.
func TestHeadlinePageJoins(t *testing.T) {
	fri := time.Date(2016, 9, 9, 15, 0, 0, 0, time.UTC)
	mk := func(id int64, title, text string) model.Article {
		a := model.Article{ID: id, Path: fmt.Sprintf("%d.html", id), Site: fmt.Sprintf("site%d.example", id), Language: "en", Title: title, Text: text,
			Published: fri, DatePrec: model.PrecisionDay}
		an := nlp.AnnotateArticle(&a)
		a.Annotations = &an
		return a
	}
	arts := []model.Article{
		mk(1, "Shooting in Toledo", "A teenager was shot and killed in Toledo on Thursday night, police said."),
		mk(2, "Teen killed in Toledo shooting identified", "Close. Get email notifications on this reporter daily! Your notification has been saved."),
	}
	incs := Build(arts, Options{})
	if len(incs) != 1 || len(incs[0].Articles) != 2 {
		t.Fatalf("incidents %+v, want one of both pages", incs)
	}
	found := false
	for _, c := range incs[0].Claims {
		found = found || c.Article == 2 && c.Sentence == arts[1].Title && c.Reported
	}
	if !found {
		t.Errorf("claims %+v: the headline page's report is not its title", incs[0].Claims)
	}
}

// A state's officials and bodies are one party: the ministry and its
// minister add one independent origin, the other side's denial another.
func TestOriginsByParty(t *testing.T) {
	day := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC)
	text := "Russia's defence ministry said Ukrainian drones attacked an oil depot in Belgorod on Thursday morning. " +
		"Defence Minister Andrei Belousov said air defences had destroyed six drones. " +
		"A Ukrainian military spokesman denied that Ukraine had attacked the depot."
	a := model.Article{ID: 1, Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: day, Text: text}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	incs := Build([]model.Article{a}, Options{})
	if len(incs) != 1 {
		t.Fatalf("%d incidents", len(incs))
	}
	inc := incs[0]
	if strings.Join(inc.Parties, "|") != "Russia|Ukraine" || inc.IndependentOrigins != 2 || len(inc.Origins) < 3 {
		t.Errorf("parties %v (%d), origins %v", inc.Parties, inc.IndependentOrigins, inc.Origins)
	}
}

// A named speaker's word anywhere in an article is about the event it
// reports, unless it dates another day.
func TestSpeakerAnywhereButOtherDays(t *testing.T) {
	day := time.Date(2024, 3, 14, 9, 0, 0, 0, time.UTC)
	text := "Russian drones struck an oil depot in Belgorod on Thursday morning. " +
		"Firefighters worked through the day. The depot had been shut for repairs. Trucks queued outside. Prices rose. " +
		"Residents were told to keep windows closed. Schools stayed open. " +
		"Governor Vyacheslav Petrov said the fire was under control. " +
		"On March 2, a drone was destroyed near the same depot, Governor Vyacheslav Petrov said at the time."
	a := model.Article{ID: 1, Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: day, Text: text}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	incs := Build([]model.Article{a}, Options{})
	var inc *model.Incident
	for i := range incs {
		if incs[i].Date == "2024-03-14" {
			inc = &incs[i]
		}
	}
	if inc == nil {
		t.Fatalf("no incident on the 14th: %+v", incs)
	}
	under, earlier := false, false
	for _, c := range inc.Claims {
		under = under || strings.Contains(c.Text, "under control")
		earlier = earlier || strings.Contains(c.Sentence, "March 2")
	}
	if !under || earlier {
		t.Errorf("claims %+v", inc.Claims)
	}
}

// Undated reports of a place chained three weeks at a time do not make one
// incident of months of news: every member must be within reach.
func TestUndatedChainIsBounded(t *testing.T) {
	kyiv := model.Location{Name: "Kyiv", Country: "UA", GeoNameID: 703448, Precision: model.PlaceCity}
	at := func(days int) Mention {
		return Mention{Mention: model.Mention{Place: kyiv, EventType: model.RemoteViolence, SubEventType: model.SubAirDroneStrike, DayCue: true,
			Reference: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)}}
	}
	c := []Mention{at(0), at(21)}
	if !fitsStrict(at(30), c) {
		t.Error("a report within a month of every member should join")
	}
	if fitsStrict(at(42), c) {
		t.Error("a report six weeks after the first member joined through the second")
	}
}

// The counts after a sentence that tells the attack again without a time
// ("At the time of the attack …") are still the incident's; an undated
// report that names no weapon joins as a member only when its own
// sentence names the place.
func TestCountsAfterTheAttackToldAgain(t *testing.T) {
	tue := time.Date(2024, 5, 7, 15, 0, 0, 0, time.UTC)
	report := heraldArticle(1, tue, "A Russian missile struck a market in Kherson on Tuesday afternoon. "+
		"At the time of the attack, dozens of people were shopping there. "+
		"Twelve people were found dead and twenty were wounded.")
	later := heraldArticle(2, tue.Add(48*time.Hour), "The mayor visited the families of those killed in the attack on the market in Kherson.")
	incs := Build([]model.Article{report, later}, Options{})
	if len(incs) != 1 {
		t.Fatalf("%d incidents: %+v", len(incs), incs)
	}
	got := map[string]bool{}
	for _, f := range incs[0].Facts {
		got[f.Name+"="+f.Value] = true
	}
	if !got["killed=12"] || !got["injured=20"] {
		t.Errorf("facts %v", incs[0].Facts)
	}
	if len(incs[0].Articles) != 2 {
		t.Errorf("the later article names the attack's place: it reports the incident (%v)", incs[0].Articles)
	}
	for _, m := range incs[0].Members {
		if m.Article == 1 && m.Sentence == 1 {
			t.Errorf("the attack told again with the place of the sentence before became a member: %v", incs[0].Members)
		}
	}
}

// A district named inside the region most reports name is where in the
// region it happened; a town of another region is not.
func TestPlaceInsideTheRegion(t *testing.T) {
	region := model.Location{Name: "Kharkiv region", Country: "UA", Admin1: "Kharkiv", Lat: 49.7, Lon: 36.4, Precision: model.PlaceRegion}
	district := model.Location{Name: "Kupiansk region", Country: "UA", Admin1: "Kharkiv", Lat: 49.71, Lon: 37.6, Precision: model.PlaceRegion}
	elsewhere := model.Location{Name: "Poltava", Country: "UA", Admin1: "Poltava", Lat: 49.6, Lon: 34.5, Precision: model.PlaceCity, GeoNameID: 1}
	mk := func(ls ...model.Location) []Mention {
		var ms []Mention
		for i, l := range ls {
			ms = append(ms, Mention{Mention: model.Mention{ArticleID: int64(i + 1), Place: l}}) // an outlet each
		}
		return ms
	}
	var inc model.Incident
	setPlace(&inc, mk(region, region, region, region, region, district))
	if inc.Location.Name != district.Name {
		t.Errorf("with the district: %s", inc.Location.Name)
	}
	setPlace(&inc, mk(region, region, region, region, region, elsewhere))
	if inc.Location.Name != region.Name {
		t.Errorf("with a town of another region: %s", inc.Location.Name)
	}
	// One article naming the sea in every sentence does not outvote two
	// that name the port.
	sea := model.Location{Name: "Red Sea", Precision: model.PlaceRegion, BBox: []float64{32, 12, 44, 30}}
	port := model.Location{Name: "Harbourtown", Country: "YE", Precision: model.PlaceCity, GeoNameID: 2}
	ms := []Mention{{Mention: model.Mention{ArticleID: 1, Place: port}}, {Mention: model.Mention{ArticleID: 2, Place: port}}}
	for range 8 {
		ms = append(ms, Mention{Mention: model.Mention{ArticleID: 3, Place: sea, PlaceNamed: true}})
	}
	setPlace(&inc, ms)
	if inc.Location.Name != port.Name {
		t.Errorf("one article repeating the sea: %s", inc.Location.Name)
	}
}

// heraldArticle is an annotated article of a day-dated outlet.
func heraldArticle(id int64, pub time.Time, text string) model.Article {
	a := model.Article{ID: id, Path: "x.txt", Site: "Herald", Language: "en", DatePrec: model.PrecisionDay, Published: pub, Text: text}
	an := nlp.AnnotateArticle(&a)
	a.Annotations = &an
	return a
}
