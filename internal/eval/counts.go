package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"sitrep/internal/model"
)

// FileFact is a fact a gold file attributes to one document ("file"), as
// conflict-news's ru_uk_dev gold writes them, with its evidence.
type FileFact struct {
	Incident string
	File     string  `json:"file"`
	Name     string  `json:"name"`
	Value    float64 `json:"value"`
	Evidence string  `json:"evidence"`
}

// LoadFileFacts reads the facts of a conflict-news gold file that name
// their document.
func LoadFileFacts(path string) ([]FileFact, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g struct {
		Incidents map[string]struct {
			Facts []FileFact `json:"facts"`
		} `json:"incidents"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []FileFact
	keys := make([]string, 0, len(g.Incidents))
	for k := range g.Incidents {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, f := range g.Incidents[k].Facts {
			if f.File != "" {
				f.Incident = k
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// CountScore is how many gold facts of a name the documents' counts state.
type CountScore struct {
	Name        string
	Gold, Found int
	Missed      []FileFact
	Unsupported bool // a fact the language stage does not read for these texts
}

// ScoreCounts finds each gold fact among the counts annotated in its file:
// a quantity stating that fact whose bounds admit the value. read lists
// the fact names the language stage reads; the others are counted apart.
func ScoreCounts(facts []FileFact, counts map[string][]model.Quantity, read map[string]bool) []CountScore {
	at := map[string]*CountScore{}
	var names []string
	for _, f := range facts {
		s := at[f.Name]
		if s == nil {
			s = &CountScore{Name: f.Name, Unsupported: !read[f.Name]}
			at[f.Name] = s
			names = append(names, f.Name)
		}
		s.Gold++
		found := false
		for _, q := range counts[f.File] {
			if q.Fact == f.Name && (q.Count.Admits(f.Value) || q.Count.Approx && q.Value == f.Value) {
				found = true
				break
			}
		}
		if found {
			s.Found++
		} else {
			s.Missed = append(s.Missed, f)
		}
	}
	sort.Strings(names)
	out := make([]CountScore, len(names))
	for i, n := range names {
		out[i] = *at[n]
	}
	return out
}
