package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"sitrep/internal/demo"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
	"sitrep/internal/nlp/ner"
	nermodel "sitrep/internal/nlp/ner/model"
	"sitrep/internal/store"
)

// benchDir finds a benchmark folder: the argument, else $SITREP_BENCH/name,
// else shared/bench/name in the current folder or one of its parents (the
// layout the project's checkouts use: ../shared/bench).
func benchDir(args []string, name string) (string, error) {
	if len(args) > 0 {
		return args[0], nil
	}
	if env := os.Getenv("SITREP_BENCH"); env != "" {
		return filepath.Join(env, name), nil
	}
	dir, _ := os.Getwd()
	for range 5 {
		p := filepath.Join(dir, "shared", "bench", name)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
		dir = filepath.Dir(dir)
	}
	return "", fmt.Errorf("benchmark %q not found: pass its folder, set SITREP_BENCH, or run from a checkout next to ../shared/bench", name)
}

func (a *app) evalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval extraction|dates|ner|quotes|geo|timex|clusters|incidents|langid|counts [PATH]",
		Short: "Score sitrep against the public benchmarks and print the figures",
	}
	cmd.AddCommand(a.evalExtractionCmd(), a.evalDatesCmd(),
		a.evalNERCmd(),
		a.evalQuotesCmd(), a.evalGeoCmd(), a.evalTimexCmd(), a.evalClustersCmd(), a.evalIncidentsCmd(), a.evalLangIDCmd(), a.evalCountsCmd())
	return cmd
}

func (a *app) evalExtractionCmd() *cobra.Command {
	var refs []string
	var fallback bool
	cmd := &cobra.Command{
		Use:   "extraction [PATH]",
		Short: "Score article-body extraction on the Zyte benchmark (181 pages)",
		Long: `Scores sitrep's HTML extractor with the Zyte article-extraction-benchmark metric
(4-token shingles, per-document normalised, macro-averaged precision and
recall, F1 from the averages, exact-match accuracy; ± is the bootstrap
standard deviation over 1000 resamples). --reference scores the stored
outputs of other systems with the same scorer, to check it against the
published table.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := benchDir(args, "article-extraction")
			if err != nil {
				return err
			}
			eb, err := eval.LoadExtractionBench(dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Zyte article-extraction benchmark: %d pages in %s\n\n", len(eb.IDs), dir)
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "system\tF1\tprecision\trecall\taccuracy")
			row := func(name string, m eval.Metrics) {
				fmt.Fprintf(tw, "%s\t%.3f ± %.3f\t%.3f ± %.3f\t%.3f ± %.3f\t%.3f ± %.3f\n", name,
					m.F1, m.F1SD, m.Precision, m.PrecisionSD, m.Recall, m.RecallSD, m.Accuracy, m.AccSD)
			}
			if len(refs) == 1 && refs[0] == "all" {
				refs = nil
				files, _ := filepath.Glob(filepath.Join(dir, "reference-outputs", "*.json"))
				for _, f := range files {
					refs = append(refs, strings.TrimSuffix(filepath.Base(f), ".json"))
				}
				sort.Strings(refs)
			}
			for _, r := range refs {
				pred, err := eval.LoadPredictions(filepath.Join(dir, "reference-outputs", r+".json"))
				if err != nil {
					return fmt.Errorf("reference %s: %w", r, err)
				}
				row(r+" (reference output)", eval.Bootstrap(eb.ScorePredictions(pred), 1000, 1))
			}
			prog := newProgress(a.stderr, len(eb.IDs), "eval extraction")
			run, err := eb.RunExtraction(cmd.Context(), func(ctx context.Context, page []byte, url string) (string, error) {
				r, err := extract.HTML(page, extract.HTMLOptions{URL: url, Fallback: fallback, FastDate: true, SkipRemoved: true})
				if err != nil {
					return "", err
				}
				return r.Text, nil
			}, func(done, total int) { prog.step(done, total) })
			prog.finish()
			if err != nil {
				return err
			}
			name := "sitrep"
			if fallback {
				name += " --fallback"
			}
			row(name, run.Metrics)
			tw.Flush()
			fmt.Fprintf(a.stdout, "\nsitrep: %.1f ms per page on one core (parsing and extraction, no date search), %d pages with no text, %s/%s\n",
				float64(run.PerPage.Microseconds())/1000, len(run.Failed), runtime.GOOS, runtime.GOARCH)
			fmt.Fprintln(a.stdout, "published: rs-trafilatura 0.970, go-trafilatura 0.960, trafilatura 0.958, readability.js 0.947 (F1)")
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&refs, "reference", nil, "also score these reference outputs (names in reference-outputs/, or 'all')")
	cmd.Flags().BoolVar(&fallback, "fallback", false, "run trafilatura's fallback extractors on every page")
	return cmd
}

func (a *app) evalDatesCmd() *cobra.Command {
	var fast bool
	cmd := &cobra.Command{
		Use:   "dates [PATH]",
		Short: "Score publication-date extraction on the htmldate benchmark (1000 pages)",
		Long: `Runs sitrep's publication-date search (go-htmldate, original date, extensive
unless --fast) on every labelled page and pools the counts as upstream does:
exact day → TP, another date → FP, none → FN.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := benchDir(args, "htmldate")
			if err != nil {
				return err
			}
			cases, err := eval.LoadDateBench(dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "htmldate benchmark: %d pages in %s\n", len(cases), dir)
			prog := newProgress(a.stderr, len(cases), "eval dates")
			run, err := eval.RunDates(cmd.Context(), cases, func(ctx context.Context, page []byte, url string) (string, error) {
				doc, err := extract.ParseHTML(page, "")
				if err != nil {
					return "", err
				}
				t, _ := extract.PublishedDate(doc, extract.HTMLOptions{URL: url, FastDate: fast, Now: time.Now()})
				if t.IsZero() {
					return "", nil
				}
				return t.Format("2006-01-02"), nil
			}, func(done, total int) { prog.step(done, total) })
			prog.finish()
			if err != nil {
				return err
			}
			mode := "extensive"
			if fast {
				mode = "fast"
			}
			fmt.Fprintf(a.stdout, "\nsitrep (go-htmldate, %s)  precision %.3f  recall %.3f  accuracy %.3f  F1 %.3f\n", mode, run.Precision, run.Recall, run.Accuracy, run.F1)
			fmt.Fprintf(a.stdout, "counts: TP %d  FP %d  FN %d  TN %d  (missing files %d)\n", run.TP, run.FP, run.FN, run.TN, run.Missing)
			fmt.Fprintf(a.stdout, "%.1f ms per page on one core (parsing and date search)\n", float64(run.PerPage.Microseconds())/1000)
			fmt.Fprintln(a.stdout, "published: htmldate 1.10.0 extensive P 0.908 R 0.993 acc 0.903 F 0.949; fast P 0.924 R 0.927 acc 0.861")
			return nil
		},
	}
	cmd.Flags().BoolVar(&fast, "fast", false, "skip the extensive search (htmldate's fast mode)")
	return cmd
}

func (a *app) evalNERCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ner [PATH]",
		Short: "Score the entity tagger on the CoNLL-2003 English test set",
		Long: `Tags test.txt of the CoNLL-2003 folder with the embedded model and prints
exact-span precision, recall and F1 per type and overall (conlleval style,
micro-averaged). PATH is the folder or the file to score.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := benchDir(args, "conll2003")
			if err != nil {
				return err
			}
			if st, err := os.Stat(path); err == nil && st.IsDir() {
				path = filepath.Join(path, "test.txt")
			}
			docs, err := ner.ReadCoNLL(path)
			if err != nil {
				return err
			}
			m, ctx := nermodel.Default(), nermodel.DefaultContext()
			var gold, pred [][]string
			tokens := 0
			start := time.Now()
			for _, d := range docs {
				words := make([][]string, len(d))
				for i, s := range d {
					words[i] = s.Words
					gold = append(gold, s.Labels)
					tokens += len(s.Words)
				}
				pred = append(pred, m.TagDoc(words, ctx)...)
			}
			elapsed := time.Since(start)
			sc := eval.ScoreNER(gold, pred)
			fmt.Fprintf(a.stdout, "CoNLL-2003 NER: %d documents, %d sentences, %d tokens in %s\n", len(docs), len(gold), tokens, path)
			fmt.Fprintf(a.stdout, "model: %s\n\n", m.Meta["trained_on"])
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "type\tprecision\trecall\tF1\tgold\tpredicted")
			for _, t := range sc.Types() {
				p := sc.PerType[t]
				fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t%d\n", t, p.Precision, p.Recall, p.F1, p.TP+p.FN, p.TP+p.FP)
			}
			o := sc.Overall
			fmt.Fprintf(tw, "overall\t%.4f\t%.4f\t%.4f\t%d\t%d\n", o.Precision, o.Recall, o.F1, o.TP+o.FN, o.TP+o.FP)
			tw.Flush()
			fmt.Fprintf(a.stdout, "\n%.0f tokens/s on one core (two passes, gazetteer features), model load excluded\n", float64(tokens)/elapsed.Seconds())
			fmt.Fprintln(a.stdout, "reference: prose v3 about 0.49 F1; a plain perceptron about 0.85; target 0.88")
			return nil
		},
	}
}

func (a *app) evalQuotesCmd() *cobra.Command {
	var missed bool
	cmd := &cobra.Command{
		Use:   "quotes [PATH]",
		Short: "Score attribution (source, cue, content spans) on PolNeAR dev",
		Long: `Finds attributions in the PolNeAR dev articles and scores source, cue and
content spans against the first annotator's, exactly and with any overlap.
"direct-source" is the source span of direct quotes (contents that open with
a quotation mark). PATH is the polnear folder or its dev folder.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := benchDir(args, "polnear")
			if err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(dir, "dev")); err == nil {
				dir = filepath.Join(dir, "dev")
			}
			docs, err := eval.LoadPolNeAR(dir)
			if err != nil {
				return err
			}
			start := time.Now()
			preds := make([][]eval.PredAttribution, len(docs))
			gold := 0
			for i, d := range docs {
				gold += len(d.Attrs)
				conv := eval.ByteToRune(d.Text)
				for _, at := range nlp.FindAttributions(d.Text) {
					preds[i] = append(preds[i], eval.PredAttribution{
						Source:  eval.RuneSpan{Start: conv(at.Source.Start), End: conv(at.Source.End)},
						Cue:     eval.RuneSpan{Start: conv(at.Cue.Start), End: conv(at.Cue.End)},
						Content: eval.RuneSpan{Start: conv(at.Content.Start), End: conv(at.Content.End)},
						Direct:  at.Direct,
					})
				}
			}
			elapsed := time.Since(start)
			sc := eval.ScoreQuotes(docs, preds)
			fmt.Fprintf(a.stdout, "PolNeAR %s: %d articles, %d gold attributions in %s\n\n", filepath.Base(dir), len(docs), gold, dir)
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "span\texact P\texact R\texact F1\toverlap P\toverlap R\toverlap F1")
			for _, k := range []string{"source", "cue", "content", "direct-source"} {
				e, o := sc.Exact[k], sc.Overlap[k]
				fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n", k, e.Precision, e.Recall, e.F1, o.Precision, o.Recall, o.F1)
			}
			tw.Flush()
			fmt.Fprintf(a.stdout, "\n%.1f ms per article on one core\n", float64(elapsed.Microseconds())/1000/float64(len(docs)))
			if missed {
				fmt.Fprintln(a.stdout, "\ndirect-quote sources not matched exactly (gold | predicted | text around):")
				for _, m := range eval.MissedDirectSources(docs, preds) {
					fmt.Fprintf(a.stdout, "%s\t%q | %q | %s\n", m.Doc, m.Gold, m.Pred, m.Sentence)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&missed, "missed", false, "list the direct-quote sources not matched exactly, and predicted ones that match none")
	return cmd
}

func (a *app) evalClustersCmd() *cobra.Command {
	var labelsPath string
	cmd := &cobra.Command{
		Use:   "clusters [demo|seeds|FOLDER --labels FILE]",
		Short: "Score incident clustering: pairwise precision and recall against hand labels",
		Long: `Ingests a corpus into a temporary database, builds incidents and compares which
articles share an incident with hand-made labels: a pair of articles is
positive when both report a common incident. "demo" (the default) is the
built-in sample corpus, "seeds" the founding corpus in ../shared; any other
folder needs --labels (JSON: file name → incident labels).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			set := "demo"
			if len(args) == 1 {
				set = args[0]
			}
			tmp, err := os.MkdirTemp("", "sitrep-eval-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			var corpus string
			var labels eval.ClusterLabels
			switch {
			case set == "demo":
				if corpus, err = demo.WriteCorpus(tmp); err != nil {
					return err
				}
				labels, err = eval.BuiltinLabels("demo")
			case set == "seeds" && labelsPath == "":
				if corpus, err = corpusDir("seeds"); err != nil {
					return err
				}
				labels, err = eval.BuiltinLabels("seeds")
			default:
				if labelsPath == "" {
					return fmt.Errorf("folder %s needs --labels FILE", set)
				}
				corpus = set
				labels, err = eval.LoadClusterLabels(labelsPath)
			}
			if err != nil {
				return err
			}
			// Score what a user sees: the incidents ingest stored.
			var arts []model.Article
			var incs []model.Incident
			err = withEvalStore(ctx, []string{corpus}, func(st store.Store) error {
				if arts, err = st.Articles(ctx, store.ArticleFilter{}); err != nil {
					return err
				}
				incs, err = st.Incidents(ctx, store.IncidentFilter{})
				return err
			})
			if err != nil {
				return err
			}
			s := eval.ScoreIncidents(labels, arts, incs)
			fmt.Fprintf(a.stdout, "incident clustering on %s: %d labelled articles, %d incidents built\n", set, s.Articles, len(incs))
			fmt.Fprintf(a.stdout, "pairs: gold %d, predicted %d, both %d\n", s.GoldPairs, s.PredPairs, s.Both)
			fmt.Fprintf(a.stdout, "pairwise precision %.3f  recall %.3f  F1 %.3f\n", s.Precision, s.Recall, s.F1)
			if len(s.Unlabelled) > 0 {
				fmt.Fprintf(a.stdout, "not labelled (left out): %s\n", strings.Join(s.Unlabelled, ", "))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&labelsPath, "labels", "", "labels file for a corpus folder")
	return cmd
}

// corpusDir finds ../shared/corpus/NAME the way benchDir finds benchmarks.
func corpusDir(name string) (string, error) {
	dir, _ := os.Getwd()
	for range 5 {
		p := filepath.Join(dir, "shared", "corpus", name)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
		dir = filepath.Dir(dir)
	}
	return "", fmt.Errorf("corpus %q not found: run from a checkout next to ../shared/corpus", name)
}
