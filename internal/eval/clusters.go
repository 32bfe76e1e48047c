package eval

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sitrep/internal/model"
	"sort"
	"strconv"
	"strings"
)

// ClusterLabels maps an article key (file name, "#N" for a container member
// or a story after the first) to the incidents it reports.
type ClusterLabels map[string][]string

// LoadClusterLabels reads a labels file: JSON mapping an article key to
// its incident labels, or to one incident label (the gva-dev gold, keyed by
// file names without their extensions).
func LoadClusterLabels(path string) (ClusterLabels, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	l := ClusterLabels{}
	for k, v := range raw {
		var one string
		if json.Unmarshal(v, &one) == nil {
			l[k] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(v, &many); err != nil {
			return nil, fmt.Errorf("%s: labels of %s: want a string or a list of strings", path, k)
		}
		l[k] = many
	}
	return l, nil
}

// keyIn is the key under which labels name an article: its own, else its
// file name without extensions ("abc.html.gz" → "abc").
func (l ClusterLabels) keyIn(k string) string {
	if _, ok := l[k]; ok {
		return k
	}
	base, _, _ := strings.Cut(k, ".")
	if _, ok := l[base]; ok {
		return base
	}
	return k
}

// ArticleKey is how labels name an article: the base name of its path,
// with "#story" for stories of a plain-text dump.
func ArticleKey(path string, story int, isText bool) string {
	k := filepath.Base(path)
	if isText {
		k += "#" + strconv.Itoa(story)
	}
	return k
}

// PairScores are pairwise clustering figures: a pair of articles is
// positive when the two report a common incident.
type PairScores struct {
	Articles, GoldPairs, PredPairs, Both int
	Precision, Recall, F1                float64
	Unlabelled                           []string
}

// ScorePairs compares predicted incident membership (article key → incident
// IDs) with the gold labels, over every pair of labelled articles.
func ScorePairs(gold ClusterLabels, pred map[string][]string) PairScores {
	var keys []string
	var s PairScores
	for k := range pred {
		if _, ok := gold[k]; !ok {
			s.Unlabelled = append(s.Unlabelled, k)
		}
	}
	for k := range gold {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sort.Strings(s.Unlabelled)
	s.Articles = len(keys)
	share := func(a, b []string) bool {
		for _, x := range a {
			for _, y := range b {
				if x == y {
					return true
				}
			}
		}
		return false
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			g := share(gold[keys[i]], gold[keys[j]])
			p := share(pred[keys[i]], pred[keys[j]])
			if g {
				s.GoldPairs++
			}
			if p {
				s.PredPairs++
			}
			if g && p {
				s.Both++
			}
		}
	}
	if s.PredPairs > 0 {
		s.Precision = float64(s.Both) / float64(s.PredPairs)
	}
	if s.GoldPairs > 0 {
		s.Recall = float64(s.Both) / float64(s.GoldPairs)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Built-in label sets for `sitrep eval clusters` (see labels/README.md).
//
//go:embed labels/*.json
var labelFiles embed.FS

// BuiltinLabels returns a built-in label set by name ("demo", "seeds").
func BuiltinLabels(name string) (ClusterLabels, error) {
	b, err := labelFiles.ReadFile("labels/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("no built-in label set %q (have demo, seeds)", name)
	}
	var l ClusterLabels
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("labels %s: %w", name, err)
	}
	return l, nil
}

// ScoreIncidents scores incidents against gold labels, pairwise: the
// articles are keyed as the labels key them (ArticleKey), and two articles
// are a predicted pair when they share an incident.
func ScoreIncidents(gold ClusterLabels, arts []model.Article, incs []model.Incident) PairScores {
	key := map[int64]string{}
	pred := map[string][]string{}
	for _, a := range arts {
		k := gold.keyIn(ArticleKey(a.Path, a.Story, a.Format == model.FormatText))
		key[a.ID], pred[k] = k, nil
	}
	for _, inc := range incs {
		for _, a := range inc.Articles {
			pred[key[a.ID]] = append(pred[key[a.ID]], inc.ID)
		}
	}
	return ScorePairs(gold, pred)
}
