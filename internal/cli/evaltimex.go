package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"sitrep/internal/eval"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
)

func (a *app) evalTimexCmd() *cobra.Command {
	var predPath string
	cmd := &cobra.Command{
		Use:   "timex [FILE|FOLDER] [--predictions OUT.jsonl]",
		Short: "Score time expressions on a TimeML gold file (TimeBank 1.2 by default)",
		Long: `Annotates every document of a TimeML-derived gold file (the timebank.json
format of ../shared/bench/timex: creation date, text and every TIMEX3) with
its creation date as the reference, writes each time expression found as a
TIMEX3 value (1998-01-08, 1998-01-08T15:30, 1998-01-08TNI, 1998-W02,
1998-10, 1998-SU, 1998), and prints what that folder's score.py prints:
DATE and TIME only, spans matched by overlap, value F1. --predictions
writes one JSON line per document ({"id", "timex": [{"start", "end",
"text", "type", "value"}]}, code-point offsets), which score.py reads to
give the same figures.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := goldFile(args, "timex", "timebank.json")
			if err != nil {
				return err
			}
			docs, err := eval.LoadTimex(path)
			if err != nil {
				return err
			}
			preds := map[string][]eval.Timex{}
			el, err := a.predictEach(cmd.Context(), "eval timex", predPath, len(docs), func(i int) (any, error) {
				d := docs[i]
				dct, err := time.Parse("2006-01-02", d.DCT[:min(len(d.DCT), 10)]) // some carry a clock time: the day is the reference
				if err != nil {
					return nil, fmt.Errorf("%s: creation date %q: %w", d.ID, d.DCT, err)
				}
				preds[d.ID] = timexOf(d.Text, dct)
				return eval.TimexPrediction{ID: d.ID, Timex: preds[d.ID]}, nil
			})
			if err != nil {
				return err
			}
			s := eval.ScoreTimex(docs, preds)
			fmt.Fprintf(a.stdout, "docs %d gold DATE+TIME %d predicted %d; span P %.3f R %.3f F1 %.3f; value accuracy on matched %.3f\n",
				s.Docs, s.Gold, s.Predicted, s.SpanP(), s.SpanR(), s.SpanF1(), s.ValueAccuracy())
			fmt.Fprintf(a.stdout, "timex value F1 %.3f (P %.3f R %.3f)\n", s.ValueF1(), s.ValueP(), s.ValueR())
			fmt.Fprintf(a.stdout, "%.1f ms per document on one core (the whole language stage)\n", float64(el.Microseconds())/1000/float64(max(len(docs), 1)))
			fmt.Fprintln(a.stdout, "TempEval-3 value F1 (platinum test, relaxed span): HeidelTime 77.61, NavyTime 70.97, SUTime 67.38")
			return nil
		},
	}
	cmd.Flags().StringVar(&predPath, "predictions", "", "write per-document predictions as JSON lines")
	return cmd
}

// timexOf runs the language stage with ref as the document's date and
// lists its time expressions as TIMEX3 values, code-point offsets.
func timexOf(text string, ref time.Time) []eval.Timex {
	an := nlp.Annotate(text, ref).Model().InCodePoints(text)
	out := []eval.Timex{}
	for _, t := range an.Times {
		v := eval.TimexValue(t)
		if v == "" {
			continue
		}
		typ := "DATE"
		if t.Precision == model.TimeHour || t.Precision == model.TimePart {
			typ = "TIME"
		}
		out = append(out, eval.Timex{Start: t.Start, End: t.End, Text: t.Text, Type: typ, Value: v})
	}
	return out
}
