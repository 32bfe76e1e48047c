package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

func (a *app) articlesCmd() *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "articles [--db FILE] [--json] [ID]",
		Short: "List stored articles, or show one with its removed boilerplate",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if len(args) == 1 {
				id, err := strconv.ParseInt(args[0], 10, 64)
				if err != nil {
					return fmt.Errorf("article ID %q is not a number", args[0])
				}
				art, err := st.Article(ctx, id)
				if err != nil {
					return err
				}
				if asJSON {
					return enc.Encode(art.Public()) // offsets in code points
				}
				printArticle(a, art)
				return nil
			}
			arts, err := st.Articles(ctx, store.ArticleFilter{Limit: limit})
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]model.Article, len(arts))
				for i := range arts {
					out[i] = arts[i].Public()
				}
				return enc.Encode(map[string]any{"articles": out})
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPUBLISHED\tSITE\tFORMAT\tWORDS\tCOPY OF\tTITLE")
			for _, x := range arts {
				pub := "-"
				if !x.Published.IsZero() {
					pub = x.Published.Format("2006-01-02")
				}
				copyOf := "-"
				if x.DuplicateOf != 0 {
					copyOf = strconv.FormatInt(x.DuplicateOf, 10)
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\n", x.ID, pub, clip(orDash(x.Site), 24), x.Format,
					len(strings.Fields(x.Text)), copyOf, clip(x.Title, 70))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&limit, "limit", 0, "list at most this many articles")
	return cmd
}

func printArticle(a *app, x *model.Article) {
	w := a.stdout
	fmt.Fprintf(w, "#%d  %s\n", x.ID, x.Title)
	fmt.Fprintf(w, "path:      %s (story %d, version %d, %s)\n", safe(x.Path), x.Story, x.Version, x.Format)
	if x.URL != "" {
		fmt.Fprintf(w, "url:       %s\n", x.URL)
	}
	fmt.Fprintf(w, "site:      %s\nauthor:    %s\nlanguage:  %s\n", orDash(x.Site), orDash(x.Author), orDash(x.Language))
	if x.Published.IsZero() {
		fmt.Fprintln(w, "published: unknown")
	} else {
		fmt.Fprintf(w, "published: %s (%s, from %s)\n", x.Published.Format("2006-01-02 15:04 MST"), x.DatePrec, x.DateSource)
	}
	if x.DuplicateOf != 0 {
		fmt.Fprintf(w, "copy of:   #%d\n", x.DuplicateOf)
	}
	if x.SummaryOnly {
		fmt.Fprintln(w, "note:      the feed carried only a summary")
	}
	fmt.Fprintf(w, "\n%s\n", x.Text)
	if len(x.Removed) > 0 {
		fmt.Fprintf(w, "\nremoved (%d blocks):\n", len(x.Removed))
		for _, r := range x.Removed {
			fmt.Fprintf(w, "  [%s] %s\n", r.Reason, clip(r.Text, 100))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
