package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/model"
)

// extractJSON is the --json form of one extracted article.
type extractJSON struct {
	Path        string               `json:"path"`
	Story       int                  `json:"story"`
	URL         string               `json:"url,omitempty"`
	Format      model.Format         `json:"format"`
	Title       string               `json:"title"`
	TitleSource string               `json:"title_source,omitempty"`
	Author      string               `json:"author,omitempty"`
	Site        string               `json:"site,omitempty"`
	Published   string               `json:"published,omitempty"`
	DatePrec    model.Precision      `json:"date_precision,omitempty"`
	DateSource  model.DateSource     `json:"date_source,omitempty"`
	Language    string               `json:"language,omitempty"`
	SummaryOnly bool                 `json:"summary_only,omitempty"`
	Text        string               `json:"text"`
	Removed     []model.RemovedBlock `json:"removed"`
}

func toExtractJSON(a model.Article) extractJSON {
	j := extractJSON{
		Path: a.Path, Story: a.Story, URL: a.URL, Format: a.Format, Title: a.Title, TitleSource: a.TitleSource,
		Author: a.Author, Site: a.Site, DatePrec: a.DatePrec, DateSource: a.DateSource, Language: a.Language,
		SummaryOnly: a.SummaryOnly, Text: a.Text, Removed: a.Removed,
	}
	if !a.Published.IsZero() {
		j.Published = a.Published.Format(time.RFC3339)
	}
	if j.Removed == nil {
		j.Removed = []model.RemovedBlock{}
	}
	return j
}

func (a *app) extractCmd() *cobra.Command {
	var asJSON, fallback bool
	cmd := &cobra.Command{
		Use:   "extract [--json] FILE|FOLDER...",
		Short: "Print the clean text of documents without storing them",
		Long: `Extract prints each document's clean text, the way trafilatura's command line
does. With --json it prints one JSON object per article per line: title,
author, site, published, language, text and the removed boilerplate with the
reason for each block. A folder, a WARC, a feed or a Telegram export gives
several articles; a plain-text dump may hold several stories.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			walked := ingest.Walk(args, ingest.Filter{})
			files, fails := walked.Files, walked.Failed
			for _, f := range fails {
				fmt.Fprintf(a.stderr, "sitrep extract: %s: %s\n", safe(f.Path), safe(f.Reason))
			}
			failed := len(fails)
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			first := true
			for _, path := range files {
				if err := cmd.Context().Err(); err != nil {
					return err
				}
				res := ingest.ReadFile(path, ingest.Options{})
				if errors.Is(res.Err, ingest.ErrNotNews) && !walked.Named[path] {
					continue // a folder's label file or checksums
				}
				if res.Err != nil {
					fmt.Fprintf(a.stderr, "sitrep extract: %s: %s\n", safe(path), safe(res.Err.Error()))
					failed++
				}
				for _, d := range res.Docs {
					arts, err := extract.Document(d, extract.Options{Fallback: fallback})
					if err != nil {
						fmt.Fprintf(a.stderr, "sitrep extract: %s: %s\n", safe(d.Path), safe(err.Error()))
						failed++
						continue
					}
					for _, art := range arts {
						if asJSON {
							if err := enc.Encode(toExtractJSON(art)); err != nil {
								return err
							}
							continue
						}
						printPlain(a.stdout, art, first)
						first = false
					}
				}
			}
			if failed > 0 {
				return ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print metadata and removed boilerplate as JSON lines")
	cmd.Flags().BoolVar(&fallback, "fallback", false, "run trafilatura's fallback extractors on every page")
	return cmd
}

func printPlain(w io.Writer, a model.Article, first bool) {
	if !first {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "----------------------------------------")
		fmt.Fprintln(w)
	}
	if a.TitleSource != "lead" && a.Title != "" {
		fmt.Fprintln(w, a.Title)
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, a.Text)
}
