package web

import (
	"slices"
	"sort"
	"strings"

	"sitrep/internal/model"
)

// provOrigin is how one origin's word reached the incident's sources: the
// article that carried it first and those that repeated it after, in
// publication order.
type provOrigin struct {
	Origin string // as the page names it: a speaker, or "<outlet> (its own reporting)"
	Party  string
	Steps  []provStep
}

// provStep is one article carrying an origin's claims.
type provStep struct {
	Article   int64
	Site      string
	Published string
	First     bool     // the earliest (by publication, then by id) to carry it
	CopyOf    int64    // a stored copy of that article (syndication, reprint)
	Cites     []string // other outlets of the incident its claim sentences name ("told Reuters")
	Claims    int
}

// provenance builds the chain of every origin of an incident: who said
// it, where it was first carried, who repeated it, and which repetitions
// are copies or name the outlet they took it from. Outlets are matched by
// the incident's own sources, so no list of agencies is needed: a
// sentence that names another source's outlet ("according to Meduza")
// cites it.
func provenance(inc *model.Incident) []provOrigin {
	art := map[int64]model.IncidentArticle{}
	for _, a := range inc.Articles {
		art[a.ID] = a
	}
	names := outletNames(inc.Articles)
	steps := map[string]map[int64]*provStep{}
	party := map[string]string{}
	var order []string
	for _, c := range inc.Claims {
		if c.Origin == "" {
			continue
		}
		k := c.Origin
		if steps[k] == nil {
			steps[k] = map[int64]*provStep{}
			order = append(order, k)
		}
		if party[k] == "" && c.Party != k {
			party[k] = c.Party // one claim may lack the party another gives
		}
		st := steps[k][c.Article]
		if st == nil {
			a := art[c.Article]
			st = &provStep{Article: c.Article, Site: a.Site, Published: a.Published, CopyOf: a.DuplicateOf}
			steps[k][c.Article] = st
		}
		st.Claims++
		for site, ns := range names {
			if site == art[c.Article].Site || slices.Contains(st.Cites, site) {
				continue
			}
			for _, n := range ns {
				if mentions(c.Sentence, n) {
					st.Cites = append(st.Cites, site)
					break
				}
			}
		}
	}
	out := make([]provOrigin, 0, len(order))
	for _, k := range order {
		p := provOrigin{Origin: k, Party: party[k]}
		if site, ok := strings.CutPrefix(k, "outlet:"); ok {
			p.Origin, p.Party = site+" (its own reporting)", ""
		}
		for _, st := range steps[k] {
			sort.Strings(st.Cites)
			p.Steps = append(p.Steps, *st)
		}
		sort.Slice(p.Steps, func(i, j int) bool {
			a, b := p.Steps[i], p.Steps[j]
			if (a.Published == "") != (b.Published == "") {
				return a.Published != "" // undated last
			}
			if a.Published != b.Published {
				return a.Published < b.Published
			}
			return a.Article < b.Article
		})
		p.Steps[0].First = true
		for i := range p.Steps {
			p.Steps[i].Published = dayOf(p.Steps[i].Published) // ordered by the time, shown by the day
		}
		out = append(out, p)
	}
	return out
}

// dayOf keeps the date of a publication time ("2025-04-13T00:00:00Z").
func dayOf(ts string) string {
	if len(ts) > 10 && ts[10] == 'T' {
		return ts[:10]
	}
	return ts
}

// outletNames are the ways a sentence may name each source's outlet: its
// name as stored ("Meduza", "reuters.com") and, for a host name, the part
// before the public suffix ("reuters").
func outletNames(arts []model.IncidentArticle) map[string][]string {
	out := map[string][]string{}
	for _, a := range arts {
		if a.Site == "" || out[a.Site] != nil {
			continue
		}
		ns := []string{a.Site}
		if i := strings.IndexByte(a.Site, '.'); i > 0 && !strings.Contains(a.Site, " ") {
			ns = append(ns, a.Site[:i])
		}
		var keep []string
		for _, n := range ns {
			if len([]rune(n)) >= 3 {
				keep = append(keep, n)
			}
		}
		out[a.Site] = keep
	}
	return out
}

// mentions reports whether sentence names n as a whole word, ignoring case.
func mentions(sentence, n string) bool {
	low, n := strings.ToLower(sentence), strings.ToLower(n)
	for i := 0; ; {
		j := strings.Index(low[i:], n)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isWordByte(low[j-1])
		after := j+len(n) == len(low) || !isWordByte(low[j+len(n)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
