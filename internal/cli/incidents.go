package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"sitrep/internal/export"
	"sitrep/internal/model"
	"sitrep/internal/store"
)

// storedIncidents reads the stored incidents in full, newest first, after
// notePending.
func (a *app) storedIncidents(ctx context.Context, st store.Store, f store.IncidentFilter) ([]model.Incident, error) {
	if err := a.notePending(ctx, st); err != nil {
		return nil, err
	}
	return st.Incidents(ctx, f)
}

// notePending says, without writing anything, when articles still wait for
// their incidents (an interrupted ingest, a store from an older sitrep) and
// how to finish.
func (a *app) notePending(ctx context.Context, st store.Store) error {
	state, err := st.IncidentState(ctx)
	if err != nil {
		return err
	}
	if state.Pending > 0 {
		fmt.Fprintf(a.stderr, "note: %d articles wait for their incidents to be updated; run `sitrep rebuild` (or ingest again) to finish\n", state.Pending)
	}
	return nil
}

func (a *app) incidentsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "incidents [--db FILE] [--json]",
		Short: "List incidents, newest first",
		Long: `Lists the stored incidents newest first: date, type, place, articles,
independent origins and contradictions. Ingest keeps them up to date; this
command only reads. --json prints {"incidents": [...]} with every claim,
fact and contradiction.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := a.notePending(cmd.Context(), st); err != nil {
				return err
			}
			if asJSON {
				return writeIncidentsJSON(cmd.Context(), st, a.stdout)
			}
			return writeIncidentsTable(cmd.Context(), st, a.stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// listPage is how many incidents the listing reads at a time: the output
// streams, so a store of a million incidents lists in bounded memory.
const listPage = 5000

// writeIncidentsJSON streams {"incidents": [...]} a page at a time.
func writeIncidentsJSON(ctx context.Context, st store.Store, w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"incidents\": [")
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	n := 0
	for off := 0; ; off += listPage {
		incs, err := st.Incidents(ctx, store.IncidentFilter{Limit: listPage, Offset: off})
		if err != nil {
			return err
		}
		for i := range incs {
			if n > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			// Encode ends each value with a newline; the separator follows it.
			if err := enc.Encode(&incs[i]); err != nil {
				return err
			}
			n++
		}
		if len(incs) < listPage {
			break
		}
	}
	if n > 0 {
		bw.WriteString("  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// writeIncidentsTable prints the list rows (never the claims) a page at a
// time.
func writeIncidentsTable(ctx context.Context, st store.Store, w io.Writer) error {
	for off := 0; ; off += listPage {
		rows, _, err := st.IncidentSummaries(ctx, store.IncidentFilter{Limit: listPage, Offset: off})
		if err != nil {
			return err
		}
		if off == 0 && len(rows) == 0 {
			fmt.Fprintln(w, "no incidents (ingest reports first: sitrep ingest PATH…)")
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		if off == 0 {
			fmt.Fprintln(tw, "ID\tDATE\tTYPE\tPLACE\tARTICLES\tORIGINS\tCONTRADICTIONS")
		}
		for _, i := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", i.ID, model.DateLabel(i.Date, i.DatePrecision), i.SubEventType, placeLabel(i.Location),
				i.Articles, i.IndependentOrigins, export.ContradictedLabel(i.Contradicted))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if len(rows) < listPage {
			return nil
		}
	}
}

func placeLabel(l model.Location) string {
	if l.Country != "" {
		return l.Name + ", " + l.Country
	}
	return l.Name
}

func (a *app) showCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [--db FILE] [--json] ID",
		Short: "Show one incident in full: facts, claims by speaker, contradictions, sources",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			found, err := findIncident(cmd.Context(), st, args[0])
			if err != nil {
				return err
			}
			if found.ID != args[0] && strings.HasPrefix(args[0], "inc-") && !strings.HasPrefix(found.ID, args[0]) {
				fmt.Fprintf(a.stderr, "note: %s was merged into %s\n", args[0], found.ID)
			}
			if asJSON {
				return export.JSON(a.stdout, found)
			}
			printIncident(a, found)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// findIncident finds an incident by id (following merges) or by a unique
// prefix of at least six characters.
func findIncident(ctx context.Context, st store.Store, id string) (*model.Incident, error) {
	inc, err := st.Incident(ctx, id)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return inc, err
	}
	if len(id) >= 6 {
		rows, _, err := st.IncidentSummaries(ctx, store.IncidentFilter{})
		if err != nil {
			return nil, err
		}
		found := ""
		for _, r := range rows {
			if strings.HasPrefix(r.ID, id) {
				if found != "" {
					return nil, fmt.Errorf("incident ID %q is ambiguous", id)
				}
				found = r.ID
			}
		}
		if found != "" {
			return st.Incident(ctx, found)
		}
	}
	return nil, fmt.Errorf("no incident %q (sitrep incidents lists them)", id)
}

func printIncident(a *app, i *model.Incident) {
	w := a.stdout
	fmt.Fprintf(w, "%s  %s\n", i.ID, i.Title)
	fmt.Fprintf(w, "%s (%s) · %s › %s · %s", model.DateLabel(i.Date, i.DatePrecision), i.DatePrecision, i.EventType, i.SubEventType, placeLabel(i.Location))
	if i.Location.Lat != 0 || i.Location.Lon != 0 {
		fmt.Fprintf(w, " (%.4f, %.4f, %s)", i.Location.Lat, i.Location.Lon, i.Location.Precision)
	}
	var parties []string
	for _, p := range i.PartyOrigins() {
		parties = append(parties, p.Label())
	}
	fmt.Fprintf(w, "\n%d articles · %d independent origins (by party): %s\n", len(i.Articles), i.IndependentOrigins, strings.Join(parties, "; "))
	if i.CivilianTargeting {
		fmt.Fprintln(w, "civilian targets reported")
	}
	if len(i.Actors) > 0 {
		var as []string
		for _, x := range i.Actors {
			as = append(as, x.Name+" ("+x.Role+")")
		}
		fmt.Fprintf(w, "actors: %s\n", strings.Join(as, ", "))
	}
	fmt.Fprintln(w, "\nFacts")
	for _, f := range i.Facts {
		fmt.Fprintf(w, "  %-16s %-10s [%s] claims %s\n", f.Name, f.Value, f.Status, strings.Join(f.Claims, " "))
	}
	if len(i.Contradictions) > 0 {
		fmt.Fprintln(w, "\nContradictions")
		for _, c := range i.Contradictions {
			var vs []string
			for _, v := range c.Values {
				vs = append(vs, fmt.Sprintf("%s (%s)", v.Value, strings.Join(v.Claims, " ")))
			}
			fmt.Fprintf(w, "  %s: %s\n", c.Fact, strings.Join(vs, " vs "))
		}
	}
	fmt.Fprintln(w, "\nClaims by origin")
	byOrigin := map[string][]model.IncidentClaim{}
	for _, c := range i.Claims {
		byOrigin[c.Origin] = append(byOrigin[c.Origin], c)
	}
	for _, o := range i.Origins {
		fmt.Fprintf(w, "  %s\n", o)
		for _, c := range byOrigin[o] {
			who := c.Speaker.Name
			if c.Speaker.Role != "" {
				who += ", " + c.Speaker.Role
			}
			cue := c.Cue
			if c.Reported {
				cue = "reports"
			}
			fmt.Fprintf(w, "    [%s] %s %s (%s): %s\n", c.ID, who, cue, c.Stance, clip(c.Text, 160))
		}
	}
	fmt.Fprintln(w, "\nSources")
	for _, x := range i.Articles {
		line := fmt.Sprintf("  #%d %s — %s", x.ID, orDash(x.Site), x.Title)
		if x.Published != "" {
			line += " (" + x.Published[:10] + ")"
		}
		if x.DuplicateOf != 0 {
			line += " [copy of #" + strconv.FormatInt(x.DuplicateOf, 10) + "]"
		}
		fmt.Fprintln(w, line)
		src := x.URL
		if src == "" {
			src = x.Path
		}
		fmt.Fprintf(w, "     %s\n", src)
	}
	if len(i.Context) > 0 {
		fmt.Fprintln(w, "\nContext (articles that mention it without reporting it)")
		for _, x := range i.Context {
			fmt.Fprintf(w, "  #%d %s — %s\n", x.ID, orDash(x.Site), x.Title)
		}
	}
}
