package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"sitrep/internal/eval"
	"sitrep/internal/lang"
)

func (a *app) evalLangIDCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "langid [BENCH]",
		Short: "Score language identification on real Russian, Ukrainian and English news",
		Long: `Identifies the language of conflict-news's English and Russian/Ukrainian dev
texts (labelled by their Lang: header), whole and sentence by sentence (a
sentence stands for a short post), and of NEREL's Russian and NER-UK's
Ukrainian sentences when present, and prints accuracy per set and language
with what the misses were taken for ("?" is no answer, which the language
stage reads as English). BENCH is the bench folder (default ../shared/bench).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := benchDir(nil, "")
			if len(args) > 0 {
				dir, err = args[0], nil
			}
			if err != nil {
				return err
			}
			items, err := eval.LoadLangID(dir)
			if err != nil {
				return err
			}
			for _, s := range eval.ScoreLangID(items, lang.Identify) {
				var wrong []string
				for l, n := range s.Wrong {
					if l == "" {
						l = "?"
					}
					wrong = append(wrong, fmt.Sprintf("%s %d", l, n))
				}
				sort.Strings(wrong)
				fmt.Fprintf(a.stdout, "%-38s %s  %4d/%4d  %.3f  %s\n", s.Set, s.Lang, s.Correct, s.Items, float64(s.Correct)/float64(max(s.Items, 1)), strings.Join(wrong, ", "))
			}
			return nil
		},
	}
}
