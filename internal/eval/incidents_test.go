package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sitrep/internal/model"
)

func TestFactCategory(t *testing.T) {
	for name, want := range map[string]string{
		"killed": "killed", "death toll": "killed", "injured": "injured", "wounded": "injured",
		"children killed": "", "missing": "missing", "drones downed": "drone downed", "drones shot down": "drone downed",
		"drones launched": "drone launched", "missiles intercepted": "missile downed", "drones hit": "", "buildings damaged": "",
	} {
		if got := factCategory(name); got != want {
			t.Errorf("factCategory(%q) = %q, want %q", name, got, want)
		}
	}
}

// A hand-made gold of two incidents and three predictions.
func TestScoreNews(t *testing.T) {
	g := &NewsGold{Documents: map[string]string{"a.txt": "x", "b.txt": "x", "c.txt": "x", "d.txt": "y"},
		Incidents: []GoldIncident{
			{Key: "x", Date: "2024-03-14", Lat: 46.48, Lon: 30.72, EventType: "Explosions/Remote violence",
				SubEventType: "Air/drone strike", Facts: []GoldFact{{Name: "killed", Value: 2}, {Name: "injured", Value: 5}},
				Speakers: []string{"Oleh Kiper (governor)", "Navy"}},
			{Key: "y", Date: "2024-03-20", Lat: 50, Lon: 36, Facts: []GoldFact{{Name: "killed", Value: 1}}, Speakers: []string{"Someone"}},
		}}
	art := func(p string) model.IncidentArticle { return model.IncidentArticle{Path: "/x/" + p} }
	incs := []model.Incident{
		{ID: "i1", EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike", Date: "2024-03-15",
			Location: model.Location{Lat: 46.5, Lon: 30.7}, Articles: []model.IncidentArticle{art("a.txt"), art("b.txt")},
			Facts:  []model.Fact{{Name: "killed", Value: "at least 2"}},
			Claims: []model.IncidentClaim{{Speaker: model.Speaker{Name: "Oleh Kiper", Role: "governor"}}}},
		{ID: "i2", Articles: []model.IncidentArticle{art("c.txt"), art("zzz.txt")}},
	}
	s := ScoreNews(g, incs)
	// Gold pairs: ab, ac, bc; predicted: ab.
	if s.Precision != 1 || s.Recall != 1.0/3 || s.Found != 1 || s.Type != 1 || s.Date != 1 || s.Place != 1 ||
		s.Facts != 1 || s.FactsAll != 3 || s.Speakers != 1 || s.SpeakersAll != 3 {
		t.Errorf("score %+v", s)
	}
	if !strings.Contains(s.Lines[1], "y: no incident holds its articles") {
		t.Errorf("lines %q", s.Lines)
	}
}

// The scorer prints what the set's score.py prints on the same input.
func TestScoreNewsMatchesScorePy(t *testing.T) {
	dir := filepath.Join(benchDir, "conflict-news")
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found; skipping the comparison with score.py")
	}
	if _, err := os.Stat(filepath.Join(dir, "score.py")); err != nil {
		t.Skipf("conflict-news not found at %s (ships with ../shared; skipping)", dir)
	}
	g, err := LoadNewsGold(filepath.Join(dir, "dev", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	// Predictions that exercise every branch: the gold documents grouped
	// by a rule of their own (every third one moved), facts and speakers
	// taken from the gold for some.
	var incs []model.Incident
	for i, gi := range g.Incidents {
		inc := model.Incident{ID: gi.Key, EventType: model.EventType(gi.EventType), Date: gi.Date,
			Location: model.Location{Name: gi.Key, Lat: gi.Lat + float64(i%2), Lon: gi.Lon}}
		if i%3 == 0 {
			inc.SubEventType = model.SubEventType(gi.SubEventType)
		}
		for j, f := range gi.Facts {
			if j%2 == 0 {
				inc.Facts = append(inc.Facts, model.Fact{Name: f.Name, Value: "about " + pyNumber(f.Value)})
			}
		}
		if len(gi.Speakers) > 0 {
			inc.Claims = append(inc.Claims, model.IncidentClaim{Speaker: model.Speaker{Name: gi.Speakers[0]}})
		}
		incs = append(incs, inc)
	}
	var docs []string
	for doc := range g.Documents {
		docs = append(docs, doc)
	}
	sort.Strings(docs)
	n := 0
	for _, doc := range docs {
		key := g.Documents[doc]
		for i := range incs {
			if incs[i].ID == key {
				k := i
				if n%3 == 0 {
					k = (i + 1) % len(incs)
				}
				incs[k].Articles = append(incs[k].Articles, model.IncidentArticle{Path: "/bench/" + doc})
			}
		}
		n++
	}
	data, _ := json.Marshal(map[string]any{"incidents": incs})
	tmp := filepath.Join(t.TempDir(), "incidents.json")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(py, filepath.Join(dir, "score.py"), tmp, filepath.Join(dir, "dev", "gold.json")).Output()
	var got bytes.Buffer
	ScoreNews(g, incs).Print(&got, len(g.Incidents))
	if got.String() != string(out) {
		t.Errorf("score.py printed\n%s\nsitrep printed\n%s", out, got.String())
	}
}
