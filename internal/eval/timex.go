package eval

import (
	"fmt"
	"time"

	"sitrep/internal/model"
)

// TimexDoc is one document of a TimeML-derived gold file (the
// timebank.json format of ../shared/bench/timex): its creation date, text
// and every TIMEX3 with its value.
type TimexDoc struct {
	ID   string  `json:"id"`
	DCT  string  `json:"dct"`
	Text string  `json:"text"`
	Gold []Timex `json:"gold"`
}

// Timex is a time expression with its TIMEX3 type and value; offsets are
// code points of the document's text.
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// TimexPrediction is one document's predicted expressions, as a line of
// the predictions file.
type TimexPrediction struct {
	ID    string  `json:"id"`
	Timex []Timex `json:"timex"`
}

// LoadTimex reads a timex gold file.
func LoadTimex(path string) ([]TimexDoc, error) {
	var docs []TimexDoc
	if err := readGold(path, "timex", &docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// TimexScore is what the timex score.py prints, TempEval-3 style: DATE
// and TIME gold only, a prediction matched by overlap (relaxed span), its
// value right when equal to gold's; a prediction that overlaps only a
// DURATION or SET is not counted.
type TimexScore struct {
	Docs, Gold, Predicted, Matched, ValueOK int
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// SpanP, SpanR and SpanF1 score the spans.
func (s TimexScore) SpanP() float64  { return float64(s.Matched) / float64(max(s.Predicted, 1)) }
func (s TimexScore) SpanR() float64  { return float64(s.Matched) / float64(max(s.Gold, 1)) }
func (s TimexScore) SpanF1() float64 { return f1(s.SpanP(), s.SpanR()) }

// ValueP, ValueR and ValueF1 score spans with the right value.
func (s TimexScore) ValueP() float64  { return float64(s.ValueOK) / float64(max(s.Predicted, 1)) }
func (s TimexScore) ValueR() float64  { return float64(s.ValueOK) / float64(max(s.Gold, 1)) }
func (s TimexScore) ValueF1() float64 { return f1(s.ValueP(), s.ValueR()) }

// ValueAccuracy is the share of matched spans with the right value.
func (s TimexScore) ValueAccuracy() float64 { return float64(s.ValueOK) / float64(max(s.Matched, 1)) }

// ScoreTimex scores predictions by document id as score.py does.
func ScoreTimex(docs []TimexDoc, preds map[string][]Timex) TimexScore {
	s := TimexScore{Docs: len(docs)}
	for _, d := range docs {
		var gold, other []Timex
		for _, g := range d.Gold {
			if g.Type == "DATE" || g.Type == "TIME" {
				gold = append(gold, g)
			} else {
				other = append(other, g)
			}
		}
		s.Gold += len(gold)
		used := map[int]bool{}
		for _, t := range preds[d.ID] {
			hit := -1
			for i, g := range gold {
				if g.Start < t.End && t.Start < g.End && !used[i] {
					hit = i
					break
				}
			}
			if hit < 0 {
				if overlapsAny(t, other) {
					continue
				}
				s.Predicted++
				continue
			}
			s.Predicted++
			used[hit] = true
			s.Matched++
			if t.Value == gold[hit].Value {
				s.ValueOK++
			}
		}
	}
	return s
}

func overlapsAny(t Timex, gs []Timex) bool {
	for _, g := range gs {
		if g.Start < t.End && t.Start < g.End {
			return true
		}
	}
	return false
}

// TimexValue writes a resolved time expression as a TIMEX3 value: a day
// (1998-01-08), a clock time (1998-01-08T15:30), a part of a day
// (1998-01-08TNI), an ISO week (1998-W02), a month, a season (1998-SU) or
// a year.
func TimexValue(t model.TimeExpr) string {
	if t.Ref != "" {
		return t.Ref
	}
	if t.MonthDay != "" {
		return "XXXX-" + t.MonthDay // TimeML's value of a day whose year is not known
	}
	f := t.From
	switch t.Precision {
	case model.TimeHour:
		return f.Format("2006-01-02T15:04")
	case model.TimePart:
		return partValue(t)
	case model.TimeDay:
		return f.Format("2006-01-02")
	case model.TimeWeek:
		y, w := f.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case model.TimeMonth:
		return f.Format("2006-01")
	case model.TimeQuarter:
		return fmt.Sprintf("%04d-Q%d", f.Year(), (int(f.Month())-1)/3+1)
	case model.TimeSeason:
		return seasonValue(f)
	case model.TimeYear:
		return f.Format("2006")
	}
	return ""
}

// partValue names a part of a day by the hour it starts at (see the
// language stage's partOfDay): 5 morning, 12 afternoon, 18 evening (or,
// running past midnight, night), 22 night; other spans are their day.
func partValue(t model.TimeExpr) string {
	day := t.From.Format("2006-01-02")
	switch h := t.From.Hour(); {
	case h == 5:
		return day + "TMO"
	case h == 12:
		return day + "TAF"
	case h == 18 && t.To.Sub(t.From) > 6*time.Hour, h == 22:
		return day + "TNI"
	case h == 18:
		return day + "TEV"
	}
	return day
}

func seasonValue(f time.Time) string {
	y := f.Year()
	switch f.Month() {
	case time.March, time.April, time.May:
		return fmt.Sprintf("%04d-SP", y)
	case time.June, time.July, time.August:
		return fmt.Sprintf("%04d-SU", y)
	case time.September, time.October, time.November:
		return fmt.Sprintf("%04d-FA", y)
	}
	if f.Month() == time.January || f.Month() == time.February {
		y-- // the winter that began in December
	}
	return fmt.Sprintf("%04d-WI", y)
}
