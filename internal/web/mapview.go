package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

type mapPoint struct {
	X, Y, R float64
	Href    string
	Title   string
	Class   string
	N       int     // incidents at this place (one circle for all)
	Label   string  // the place's name, for the places with most reports
	LX      float64 // where the label starts
}

type mapPage struct {
	// The filters, as the incident list takes them; the facets for the form.
	Q, Type, Country, From, To string
	Types                      []model.SubEventType
	Countries                  []string
	Filtered                   bool
	ViewBox                    string
	World                      string // borders and coasts
	Land                       string // land polygons, filled
	Points                     []mapPoint
	Placed                     int // incidents with a position
	Total                      int
	FontSize                   float64 // labels scale with the zoom
}

// mapLabels is how many places get their name written beside them.
const mapLabels = 12

// project is the equirectangular projection of the world outline (see
// mapgen): 720 × 360 units.
func project(lat, lon float64) (x, y float64) { return (lon + 180) * 2, (90 - lat) * 2 }

// handleMap draws incidents with a known position on the offline world
// outline, zoomed to where they are. Incidents at one place share one
// circle with their count (Moscow and the Kremlin drew on top of each
// other, "3 of 3 incidents have a position" showing two dots); a circle of
// one links to its incident, of several to the list of that place; the
// places with most reports are named.
func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	f := filterOf(r)
	var p *mapPage
	var err error
	if f == (store.IncidentFilter{}) {
		p, err = s.mapOf(r.Context())
	} else {
		// A filtered map is drawn for its request: the filters are the
		// list's (a time span, a type, a country, words), so the map
		// answers "where, then" as the list answers "what".
		var incs []model.IncidentSummary
		incs, _, err = s.st.IncidentSummaries(r.Context(), f)
		if err == nil {
			p = buildMap(incs, s.world, s.land)
		}
	}
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	types, countries, err := s.st.IncidentFacets(r.Context())
	if err != nil {
		s.fail(w, http.StatusInternalServerError, "could not read incidents", err)
		return
	}
	page := *p // the cached page is shared: fill in a copy
	page.Q, page.Type, page.Country, page.From, page.To = f.Q, string(f.Type), f.Country, f.From, f.To
	page.Types, page.Countries, page.Filtered = types, countries, f != (store.IncidentFilter{})
	s.render(w, "map.html", &page)
}

// mapOf returns the map of the stored incidents, built again only when
// they changed (looked at most every recheck): reading every incident's
// summary took about a second at 100,000 reports.
func (s *Server) mapOf(ctx context.Context) (*mapPage, error) {
	s.mu.Lock()
	cached, fresh := s.mapCache, time.Since(s.mapChecked) < recheck
	s.mu.Unlock()
	if cached != nil && fresh {
		return cached.page, nil
	}
	state, err := s.st.IncidentState(ctx)
	if err != nil {
		return nil, err
	}
	if cached != nil && cached.version == state.Version {
		s.mu.Lock()
		s.mapChecked = time.Now()
		s.mu.Unlock()
		return cached.page, nil
	}
	all, _, err := s.st.IncidentSummaries(ctx, store.IncidentFilter{})
	if err != nil {
		return nil, err
	}
	p := buildMap(all, s.world, s.land)
	s.mu.Lock()
	s.mapCache, s.mapChecked = &mapView{version: state.Version, page: p}, time.Now()
	s.mu.Unlock()
	return p, nil
}

type mapView struct {
	version int64
	page    *mapPage
}

// buildMap places the incidents on the world outline.
func buildMap(all []model.IncidentSummary, world, land string) *mapPage {
	p := &mapPage{World: world, Land: land, Total: len(all)}
	type place struct {
		x, y     float64
		name     string
		articles int
		incs     []model.IncidentSummary
	}
	byKey := map[string]*place{}
	var places []*place
	for _, inc := range all {
		l := inc.Location
		if l.Lat == 0 && l.Lon == 0 {
			continue
		}
		p.Placed++
		x, y := project(l.Lat, l.Lon)
		k := fmt.Sprintf("%.1f,%.1f", x, y) // about 5 km: one town
		pl := byKey[k]
		if pl == nil {
			pl = &place{x: x, y: y, name: l.Name}
			byKey[k] = pl
			places = append(places, pl)
		}
		pl.articles += inc.Articles
		pl.incs = append(pl.incs, inc)
	}
	minX, minY, maxX, maxY := 720.0, 360.0, 0.0, 0.0
	for _, pl := range places {
		first := pl.incs[0]
		cls := typeClass[first.SubEventType]
		if cls == "" {
			cls = "t-other"
		}
		// R is in pixels of a 1,000-pixel-wide map here, scaled to the
		// zoom below: a circle keeps its size on screen at any zoom.
		pt := mapPoint{X: pl.x, Y: pl.y, R: 2.5 + 0.8*float64(min(pl.articles, 8)) + 1.2*float64(min(len(pl.incs)-1, 6)),
			Class: cls, N: len(pl.incs)}
		if len(pl.incs) == 1 {
			pt.Href = "/incidents/" + url.PathEscape(first.ID)
			pt.Title = fmt.Sprintf("%s %s (%d articles)", first.Date, first.Title, first.Articles)
		} else {
			pt.Href = "/?q=" + url.QueryEscape(pl.name)
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %d incidents, %d articles", pl.name, len(pl.incs), pl.articles)
			for i, inc := range pl.incs {
				if i == 8 {
					fmt.Fprintf(&b, "\n… and %d more", len(pl.incs)-8)
					break
				}
				fmt.Fprintf(&b, "\n%s %s", inc.Date, inc.SubEventType)
			}
			pt.Title = b.String()
		}
		p.Points = append(p.Points, pt)
		minX, minY, maxX, maxY = min(minX, pl.x), min(minY, pl.y), max(maxX, pl.x), max(maxY, pl.y)
	}
	// Name the places with most reports.
	order := make([]int, len(places))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return places[order[a]].articles > places[order[b]].articles })
	named := 0
	for _, i := range order {
		if named == mapLabels {
			break
		}
		p.Points[i].Label = places[i].name
		named++
	}
	// Small circles draw last, over the big ones they would hide behind.
	sort.SliceStable(p.Points, func(a, b int) bool { return p.Points[a].R > p.Points[b].R })
	p.ViewBox, p.FontSize = "0 0 720 360", 6
	if len(p.Points) > 0 {
		// Fit the points with a margin, keeping the 2:1 shape, at least 80 × 40.
		cx, cy := (minX+maxX)/2, (minY+maxY)/2
		wd := max(80, (maxX-minX)*1.4, 2*(maxY-minY)*1.4)
		wd = min(wd, 720)
		x0 := min(max(cx-wd/2, 0), 720-wd)
		y0 := min(max(cy-wd/4, 0), 360-wd/2)
		p.ViewBox = fmt.Sprintf("%.1f %.1f %.1f %.1f", x0, y0, wd, wd/2)
		p.FontSize = wd / 90
	}
	zoom := 720.0 / 1000
	if len(p.Points) > 0 {
		zoom = viewWidth(p.ViewBox) / 1000
	}
	for i := range p.Points {
		p.Points[i].R *= zoom
	}
	placeLabels(p.Points, p.FontSize)
	return p
}

// viewWidth is the width of an SVG viewBox "x y w h".
func viewWidth(vb string) float64 {
	f := strings.Fields(vb)
	if len(f) != 4 {
		return 720
	}
	w, err := strconv.ParseFloat(f[2], 64)
	if err != nil || w <= 0 {
		return 720
	}
	return w
}

// placeLabels sets where each label starts, right of its circle, and
// drops a label that would overlap one placed before it (the points come
// largest first, so the places with most reports keep theirs).
func placeLabels(pts []mapPoint, font float64) {
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	for i := range pts {
		pt := &pts[i]
		if pt.Label == "" {
			continue
		}
		pt.LX = pt.X + pt.R + 0.3*font
		b := box{pt.LX, pt.Y - font/2, pt.LX + 0.55*font*float64(len([]rune(pt.Label))), pt.Y + font/2}
		clash := false
		for _, o := range placed {
			if b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 {
				clash = true
				break
			}
		}
		if clash {
			pt.Label = ""
			continue
		}
		placed = append(placed, b)
	}
}

// loadWorld reads the outline (borders and coasts) and the land polygons
// generated by mapgen.
func loadWorld() (outline, land string, err error) {
	b, err := staticFS.ReadFile("static/world.path")
	if err != nil {
		return "", "", err
	}
	l, err := staticFS.ReadFile("static/land.path")
	return strings.TrimSpace(string(b)), strings.TrimSpace(string(l)), err
}
