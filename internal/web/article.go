package web

import (
	"errors"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

type articlePage struct {
	Article   *model.Article
	Body      template.HTML // escaped text with highlight spans, built by highlight
	Claims    []model.Claim
	Incidents []model.Incident // the incidents the article reports
	Versions  []versionRef     // every stored version of its path, when more than one
	Changes   []change         // what changed from the version before, paragraph by paragraph
	Gone      string           // when its channel stopped showing it (a Telegram post), "" otherwise
}

// versionRef links one version of an article.
type versionRef struct {
	ID      int64
	Version int
	At      string
	Current bool
}

// maxArticleIncidents is how many incidents an article page lists (a live
// blog can report hundreds).
const maxArticleIncidents = 50

// handleArticle shows an article's clean text with entities, times,
// quantities and claims highlighted, and the removed boilerplate collapsed.
func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	a, ok := s.loadArticle(w, r)
	if !ok {
		return
	}
	p := articlePage{Article: a, Body: highlight(a)}
	if a.Annotations != nil {
		p.Claims = a.Annotations.Claims
	}
	refs, err := s.st.IncidentsTouching(r.Context(), []model.MentionRef{{Article: a.ID, Sentence: -1}})
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read the article's incidents", err)
		return
	}
	for _, ref := range refs[:min(len(refs), maxArticleIncidents)] {
		inc, err := s.st.Incident(r.Context(), ref.ID)
		if err != nil {
			continue // dropped or merged since the list was read
		}
		p.Incidents = append(p.Incidents, *inc)
	}
	if err := s.history(r, a, &p); err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read the article's versions", err)
		return
	}
	s.render(w, "article.html", p)
}

// history fills in the other versions of the article's path, what changed
// from the one before, and whether its source stopped showing it.
func (s *Server) history(r *http.Request, a *model.Article, p *articlePage) error {
	if st, ok, err := s.st.FetchState(r.Context(), a.Path); err != nil {
		return err
	} else if ok && !st.GoneAt.IsZero() {
		p.Gone = st.GoneAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	if a.Version <= 1 && a.Capture == "" {
		return nil // a file ingested once: no other version to look for
	}
	vs, err := s.st.Articles(r.Context(), store.ArticleFilter{Path: a.Path, Limit: maxVersions})
	if err != nil || len(vs) < 2 {
		return err
	}
	var prev *model.Article
	for i := range vs {
		v := &vs[i]
		if v.Story != a.Story {
			continue
		}
		p.Versions = append(p.Versions, versionRef{ID: v.ID, Version: v.Version, At: v.IngestedAt.UTC().Format("2006-01-02 15:04"), Current: v.ID == a.ID})
		if v.Version == a.Version-1 {
			prev = v
		}
	}
	if prev != nil {
		p.Changes = diffParagraphs(prev.Text, a.Text)
	}
	return nil
}

// maxVersions is how many versions of one path an article page lists.
const maxVersions = 200

// loadArticle reads the article named by the {id} path value, or answers
// 400/404/500 itself and returns false.
func (s *Server) loadArticle(w http.ResponseWriter, r *http.Request) (*model.Article, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "article IDs are numbers", nil)
		return nil, false
	}
	a, err := s.st.Article(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, http.StatusNotFound, "no such article", nil)
		return nil, false
	}
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read the article", err)
		return nil, false
	}
	return a, true
}

// mark is a highlighted span: byte offsets, a CSS class from a fixed set,
// a tooltip and an optional anchor.
type mark struct {
	start, end int
	class      string
	title      string
	anchor     string
	rank       int // nesting order: lower is outer
}

// entityClass keeps CSS classes to a fixed set, whatever the data says.
var entityClass = map[model.EntityType]string{"PERSON": "ent-per", "ORG": "ent-org", "LOC": "ent-loc", "NORP": "ent-norp", "EQUIPMENT": "ent-eq", "MISC": "ent-misc"}

// highlight renders an article's text as HTML: every piece of text is
// escaped; the only markup is the highlight spans, cut at every boundary so
// that they nest properly however the annotations overlap.
func highlight(a *model.Article) template.HTML {
	text := a.Text
	var marks []mark
	if an := a.Annotations; an != nil {
		for i, c := range an.Claims {
			marks = append(marks, mark{c.Start, c.End, "claim stance-" + stanceClass(c.Stance), c.Speaker.Name + " " + c.Cue, "c" + strconv.Itoa(i), 0})
		}
		for i, s := range an.Sentences {
			marks = append(marks, mark{s[0], s[1], "", "", "s" + strconv.Itoa(i), -1})
		}
		for _, e := range an.Entities {
			title := string(e.Type)
			if e.Canonical != "" && e.Canonical != e.Text {
				title += ": " + e.Canonical
			}
			if e.Place != nil {
				title += " (" + e.Place.Name + ", " + e.Place.Country + ")"
			}
			marks = append(marks, mark{e.Start, e.End, "ent " + entityClass[e.Type], title, "", 1})
		}
		for _, t := range an.Times {
			when := t.From.UTC().Format("2006-01-02 15:04")
			if t.MonthDay != "" {
				when = "day " + t.MonthDay + " of a year not known"
			}
			marks = append(marks, mark{t.Start, t.End, "time", when + " (" + string(t.Precision) + ")", "", 2})
		}
		for _, q := range an.Quantities {
			marks = append(marks, mark{q.Start, q.End, "qty", q.Noun, "", 3})
		}
	}
	var cuts []int
	cuts = append(cuts, 0, len(text))
	for _, m := range marks {
		if m.start < 0 || m.end > len(text) || m.start >= m.end {
			continue
		}
		cuts = append(cuts, m.start, m.end)
	}
	sort.Ints(cuts)
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].rank < marks[j].rank })
	var b strings.Builder
	for k := 0; k+1 < len(cuts); k++ {
		s, e := cuts[k], cuts[k+1]
		if s == e {
			continue
		}
		var open []mark
		for _, m := range marks {
			if m.start <= s && e <= m.end && m.start < m.end && m.end <= len(text) {
				if m.start == s && m.anchor != "" {
					b.WriteString(`<a id="` + m.anchor + `"></a>`)
				}
				if m.class != "" {
					open = append(open, m)
				}
			}
		}
		for _, m := range open {
			b.WriteString(`<span class="` + template.HTMLEscapeString(m.class) + `" title="` + template.HTMLEscapeString(m.title) + `">`)
		}
		seg := template.HTMLEscapeString(text[s:e])
		b.WriteString(strings.ReplaceAll(seg, "\n\n", "</p><p>"))
		for range open {
			b.WriteString(`</span>`)
		}
	}
	return template.HTML("<p>" + b.String() + "</p>")
}

func stanceClass(s model.Stance) string {
	switch s {
	case model.Asserts, model.Denies, model.Accuses, model.Doubts, model.Threatens:
		return string(s)
	}
	return "other"
}
