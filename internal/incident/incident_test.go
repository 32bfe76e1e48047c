package incident

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sitrep/internal/demo"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

func TestClassify(t *testing.T) {
	cases := map[string]string{
		"drones attacked a fuel depot on the edge of the city":          AirDroneStrike,
		"a russian missile struck a warehouse in the port district":     ShellingMissile,
		"air defence units had destroyed six drones over the black sea": DisruptedWeapons,
		"the city council voted to build a tram line":                   "",
		"putin has maintained a narrative that the war is defensive":    "",
		"two drones attacked the kremlin in a daring night-time raid":   AirDroneStrike,
		"artillery shelling hit the market, killing three":              ShellingMissile,
	}
	for in, want := range cases {
		if _, got := classify(in); got != want {
			t.Errorf("classify(%q) = %q, want %q", in, got, want)
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
		if got := factName(q, sent, at); got != c.want {
			t.Errorf("factName(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	s2 := "its air defences had destroyed all six drones, and that none had reached its target"
	if got := factName(model.Quantity{Text: "six drones", Noun: "drone"}, s2, strings.Index(s2, "six drones")); got != "drones downed" {
		t.Errorf("six drones: %q", got)
	}
	if got := factName(model.Quantity{Text: "none", Noun: "drone"}, s2, strings.Index(s2, "none")); got != "drones hit" {
		t.Errorf("none: %q", got)
	}
}

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

func demoIncidents(t *testing.T) ([]model.Incident, map[int64]model.Article) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	root, err := demo.WriteCorpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runner.Ingest(ctx, st, []string{root}, runner.IngestOptions{Annotate: true}); err != nil {
		t.Fatal(err)
	}
	arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]model.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	return Build(arts, Options{}), byID
}

func sites(inc model.Incident) []string {
	var s []string
	for _, a := range inc.Articles {
		s = append(s, a.Site)
	}
	sort.Strings(s)
	return s
}

// The demo corpus holds two invented incidents told by several outlets in
// every format, a syndicated copy, conflicting numbers and an unrelated
// story; these are the expectations its reports support.
func TestDemoIncidents(t *testing.T) {
	incs, byID := demoIncidents(t)
	if len(incs) != 2 {
		for _, i := range incs {
			t.Logf("%s %s %s", i.Date, i.Title, sites(i))
		}
		t.Fatalf("%d incidents, want 2", len(incs))
	}
	odesa, depot := incs[0], incs[1] // newest first
	if depot.Date != "2024-03-13" || depot.SubEventType != AirDroneStrike || depot.Location.Name != "Novorossiysk" || depot.Location.Country != "RU" {
		t.Errorf("depot incident: %s %s %+v", depot.Date, depot.SubEventType, depot.Location)
	}
	if got := strings.Join(sites(depot), ","); got != "Coastal Wire,Eastern Courier,Harbour Times" {
		t.Errorf("depot articles: %s", got)
	}
	// The syndicated copy and the three outlets repeating the ministry add
	// no origin: the governor and the ministry are the two sources.
	if depot.IndependentOrigins != 2 || strings.Join(depot.Origins, "|") != "Igor Malykhin|Russia's defence ministry" {
		t.Errorf("depot origins %d %v", depot.IndependentOrigins, depot.Origins)
	}
	contra := map[string]string{}
	for _, c := range depot.Contradictions {
		var vs []string
		for _, v := range c.Values {
			vs = append(vs, v.Value)
		}
		contra[c.Fact] = strings.Join(vs, " vs ")
	}
	if contra["drones hit"] != "0 vs 1" || contra["drones launched"] != "3 vs 6" {
		t.Errorf("depot contradictions %v", contra)
	}
	facts := map[string]model.Fact{}
	for _, f := range depot.Facts {
		facts[f.Name+"="+f.Value] = f
	}
	if f := facts["drones downed=6"]; f.Status != "single-source" || len(f.Claims) < 3 {
		t.Errorf("six downed drones, one origin told by three outlets: %+v", f)
	}
	if f := facts["date=2024-03-13"]; f.Status != "corroborated" {
		t.Errorf("date fact %+v", f)
	}
	// Every claim points into its article's text.
	for _, c := range depot.Claims {
		a := byID[c.Article]
		r := []rune(a.Text)
		if c.Start < 0 || c.End > len(r) || c.Start >= c.End || string(r[c.Start:c.End]) != c.Text {
			t.Errorf("claim %s offsets %d-%d do not give its text %q", c.ID, c.Start, c.End, c.Text)
		}
	}

	if odesa.Date != "2024-03-14" || odesa.SubEventType != ShellingMissile || odesa.Location.Country != "UA" || !odesa.CivilianTargeting {
		t.Errorf("odesa incident: %s %s %+v civilian=%v", odesa.Date, odesa.SubEventType, odesa.Location, odesa.CivilianTargeting)
	}
	if got := strings.Join(sites(odesa), ","); got != "Baltic Wire,Baltic Wire,Black Sea Watch,Odesa Daily" {
		t.Errorf("odesa articles: %s", got)
	}
	for _, inc := range incs {
		for _, a := range inc.Articles {
			if strings.Contains(a.Title, "Tram") {
				t.Errorf("the unrelated tram story joined %s", inc.Title)
			}
		}
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
