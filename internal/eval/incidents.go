package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/model"
)

// The incident scorer of the real multi-outlet news sets
// (../shared/bench/conflict-news): the same figures as the score.py that
// ships with them, from the same gold file and the same incidents.

// NewsGold is a conflict-news gold file: which incident each document
// reports, and each incident's facts as coded by hand.
type NewsGold struct {
	Documents map[string]string
	Incidents []GoldIncident // in the file's order
}

// GoldIncident is one hand-coded incident.
type GoldIncident struct {
	Key          string
	Date         string     `json:"date"`
	Lat          float64    `json:"lat"`
	Lon          float64    `json:"lon"`
	EventType    string     `json:"acled_event_type"`
	SubEventType string     `json:"acled_sub_event_type"`
	Facts        []GoldFact `json:"facts"`
	Speakers     []string   `json:"speakers"`
}

// GoldFact is one stated value.
type GoldFact struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// LoadNewsGold reads a gold.json, keeping the incidents in file order.
func LoadNewsGold(path string) (*NewsGold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Documents map[string]string `json:"documents"`
		Incidents json.RawMessage   `json:"incidents"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	g := &NewsGold{Documents: raw.Documents}
	dec := json.NewDecoder(bytes.NewReader(raw.Incidents))
	if _, err := dec.Token(); err != nil { // {
		return nil, fmt.Errorf("%s: incidents: %w", path, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%s: incidents: %w", path, err)
		}
		inc := GoldIncident{Key: fmt.Sprint(tok)}
		if err := dec.Decode(&inc); err != nil {
			return nil, fmt.Errorf("%s: incident %s: %w", path, inc.Key, err)
		}
		g.Incidents = append(g.Incidents, inc)
	}
	return g, nil
}

// NewsScore is what the scorer found.
type NewsScore struct {
	Lines                                  []string // one per gold incident
	Found, Type, Sub, Date, Place          int
	Facts, FactsAll, Speakers, SpeakersAll int
	Precision, Recall                      float64
}

// FactRecall and SpeakerRecall are the shares found.
func (s NewsScore) FactRecall() float64    { return ratio(s.Facts, s.FactsAll) }
func (s NewsScore) SpeakerRecall() float64 { return ratio(s.Speakers, s.SpeakersAll) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ScoreNews scores incidents (in the order `incidents --json` lists them)
// against a gold file, as score.py does.
func ScoreNews(g *NewsGold, incs []model.Incident) NewsScore {
	var s NewsScore
	type pred struct {
		inc   *model.Incident
		files map[string]bool
	}
	preds := make([]pred, len(incs))
	predPairs := map[[2]string]bool{}
	for i := range incs {
		preds[i] = pred{&incs[i], newsFiles(&incs[i], g.Documents)}
		addPairs(predPairs, keysOf(preds[i].files))
	}
	byInc := map[string][]string{}
	for d, i := range g.Documents {
		byInc[i] = append(byInc[i], d)
	}
	goldPairs := map[[2]string]bool{}
	for _, ds := range byInc {
		addPairs(goldPairs, ds)
	}
	tp := 0
	for p := range predPairs {
		if goldPairs[p] {
			tp++
		}
	}
	s.Precision, s.Recall = ratio(tp, len(predPairs)), ratio(tp, len(goldPairs))
	for _, gi := range g.Incidents {
		mine := map[string]bool{}
		for _, d := range byInc[gi.Key] {
			mine[d] = true
		}
		var best *pred
		bestN := -1
		for i := range preds {
			if n := shared(preds[i].files, mine); n > bestN { // the first of the best, as Python's max
				best, bestN = &preds[i], n
			}
		}
		if best == nil || bestN == 0 {
			s.Lines = append(s.Lines, fmt.Sprintf("  %s: no incident holds its articles", gi.Key))
			for _, f := range gi.Facts {
				if factCategory(f.Name) != "" {
					s.FactsAll++
				}
			}
			s.SpeakersAll += len(gi.Speakers)
			continue
		}
		s.Lines = append(s.Lines, s.scoreOne(gi, best.inc, best.files, mine))
	}
	return s
}

// scoreOne scores the incident that holds most of a gold incident's
// documents and returns its line.
func (s *NewsScore) scoreOne(gi GoldIncident, inc *model.Incident, files, mine map[string]bool) string {
	s.Found++
	t := string(inc.EventType) == gi.EventType
	sub := string(inc.SubEventType) == gi.SubEventType
	dd, okd := isoDay(inc.Date)
	gd, okg := isoDay(gi.Date)
	dateOK := okd && okg && math.Abs(dd.Sub(gd).Hours()/24) <= 1
	placeOK := haversineKm(inc.Location.Lat, inc.Location.Lon, gi.Lat, gi.Lon) <= 50
	s.Type, s.Sub, s.Date, s.Place = s.Type+b2i(t), s.Sub+b2i(sub), s.Date+b2i(dateOK), s.Place+b2i(placeOK)
	type fv struct {
		cat string
		n   float64
	}
	have := map[fv]bool{}
	for _, f := range inc.Facts {
		if n, ok := firstNumber(f.Value); ok {
			have[fv{factCategory(f.Name), n}] = true
		}
	}
	var fmiss []string
	for _, f := range gi.Facts {
		c := factCategory(f.Name)
		if c == "" {
			continue
		}
		s.FactsAll++
		if have[fv{c, f.Value}] {
			s.Facts++
		} else {
			fmiss = append(fmiss, pyRepr(f.Name+"="+pyNumber(f.Value)))
		}
	}
	var names []string
	for _, c := range inc.Claims {
		b, _ := json.Marshal(c.Speaker)
		names = append(names, strings.ToLower(string(b)))
	}
	all := strings.Join(names, " ")
	var smiss []string
	for _, sp := range gi.Speakers {
		s.SpeakersAll++
		w := strings.Fields(parenRe.ReplaceAllString(sp, ""))
		if len(w) > 0 && strings.Contains(all, strings.ToLower(w[len(w)-1])) {
			s.Speakers++
		} else {
			smiss = append(smiss, pyRepr(sp))
		}
	}
	other := 0
	for f := range files {
		if !mine[f] {
			other++
		}
	}
	typ, date, place := "ok", "ok", "ok"
	if !t {
		typ = string(inc.SubEventType)
	}
	if !dateOK {
		date = inc.Date
	}
	if !placeOK {
		place = inc.Location.Name
	}
	return fmt.Sprintf("  %s: %d/%d docs (+%d other), type %s, date %s, place %s; facts missed [%s]; speakers missed [%s]",
		gi.Key, shared(files, mine), len(mine), other, typ, date, place, strings.Join(first(fmiss, 6), ", "), strings.Join(first(smiss, 5), ", "))
}

// Print writes the score as score.py does.
func (s NewsScore) Print(w io.Writer, n int) {
	for _, l := range s.Lines {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "incidents found %d/%d, event type %d/%d, sub-type %d/%d, date %d/%d, place %d/%d, facts %d/%d (%.2f), speakers %d/%d (%.2f)\n",
		s.Found, n, s.Type, n, s.Sub, n, s.Date, n, s.Place, n, s.Facts, s.FactsAll, s.FactRecall(), s.Speakers, s.SpeakersAll, s.SpeakerRecall())
	fmt.Fprintf(w, "clustering pairwise P %.3f R %.3f; facts %.2f; speakers %.2f\n", s.Precision, s.Recall, s.FactRecall(), s.SpeakerRecall())
}

var parenRe = regexp.MustCompile(`\(.*?\)`)

// newsFiles are the gold documents an incident's articles are (by the base
// name of their path or URL).
func newsFiles(inc *model.Incident, docs map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, a := range inc.Articles {
		for _, v := range []string{a.Path, a.URL} {
			if b := filepath.Base(v); v != "" && docs[b] != "" {
				out[b] = true
			}
		}
	}
	return out
}

func addPairs(pairs map[[2]string]bool, ds []string) {
	sort.Strings(ds)
	for i := range ds {
		for j := i + 1; j < len(ds); j++ {
			pairs[[2]string{ds[i], ds[j]}] = true
		}
	}
}

func keysOf(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func shared(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// factCategory groups a fact name as score.py does: killed, injured,
// missing, or a weapon downed or launched; "" for others (and children).
func factCategory(name string) string {
	n := strings.ToLower(name)
	if strings.Contains(n, "child") {
		return ""
	}
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("killed", "dead", "death", "fatalit"):
		return "killed"
	case has("injur", "wound", "hurt"):
		return "injured"
	case has("missing"):
		return "missing"
	}
	for _, w := range []string{"drone", "missile", "rocket"} {
		if !strings.Contains(n, w) {
			continue
		}
		if has("down", "shot", "intercept", "destroy", "suppress", "jam") {
			return w + " downed"
		}
		if has("launch", "used", "attack") {
			return w + " launched"
		}
		return ""
	}
	return ""
}

var numberRe = regexp.MustCompile(`-?\d+(\.\d+)?`)

// firstNumber is the first number in a value ("at least 7" → 7).
func firstNumber(v string) (float64, bool) {
	m := numberRe.FindString(strings.ReplaceAll(v, ",", ""))
	if m == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(m, 64)
	return n, err == nil
}

// pyNumber prints a gold value as Python prints the JSON number.
func pyNumber(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func isoDay(s string) (time.Time, bool) {
	if len(s) > 10 {
		s = s[:10]
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	r := math.Pi / 180
	x := math.Pow(math.Sin((lat2-lat1)*r/2), 2) + math.Cos(lat1*r)*math.Cos(lat2*r)*math.Pow(math.Sin((lon2-lon1)*r/2), 2)
	return 12742 * math.Asin(math.Sqrt(x))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// pyRepr quotes a string as Python's repr does (for the lists score.py
// prints): single quotes, or double quotes around a single quote.
func pyRepr(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}
