package gazetteer

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Region is a first-level division of a country (a US state, a province,
// an oblast) with its own point: the mean of its towns' positions, which
// lies inside all but the oddest shapes and near where news happens.
type Region struct {
	Country    string // ISO 3166-1 alpha-2
	Code       string // GeoNames admin1 code ("TX", "09")
	ISO        string // ISO 3166-2 code, when known ("US-TX")
	Name       string
	Lat, Lon   float64
	Population int64 // of its towns in the data: the tie-breaker between namesakes
}

// Regions returns the first-level divisions a name may refer to (its
// name, or, for the US, Canada and Australia, its postal code or its
// AP-style abbreviation: "Ky.", "W.Va.", "Ont."), most populous first.
func (g *Gazetteer) Regions(name string) []*Region {
	key := strings.ToLower(strings.Join(strings.Fields(name), " "))
	return g.regions[key]
}

// regionWords are the generic words after a region's name.
var regionWords = []string{"oblast", "oblast’", "region", "province", "governorate", "krai", "kray"}

// DisplayName is how a region is named on its own: with its generic word
// when its name is a bare town name outside the countries that call their
// regions by name alone ("Sumy" → "Sumy region"; "Texas" stays).
func (r *Region) DisplayName() string {
	if _, ok := regionAbbreviations[r.Country]; ok || strings.Contains(r.Name, " ") {
		return r.Name
	}
	return r.Name + " region"
}

// Region returns the region of a place, or nil.
func (g *Gazetteer) Region(country, code string) *Region {
	return g.regionByCode[[2]string{country, code}]
}

// loadRegions builds the regions from admin1.tsv and the places already
// loaded (their positions and populations).
func (g *Gazetteer) loadRegions() error {
	type sum struct {
		lat, lon float64
		n        int
		pop      int64
	}
	sums := map[[2]string]*sum{}
	// In the order of their ids: a sum of floats taken in a map's order
	// came out a last digit apart from one run to the next, and so did
	// every stored place of a region (and the digests of their incidents).
	ids := make([]int64, 0, len(g.places))
	for id := range g.places {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		p := g.places[id]
		k := [2]string{p.Country, p.Admin1}
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		s.lat += p.Lat
		s.lon += p.Lon
		s.n++
		s.pop += p.Population
	}
	g.regions = map[string][]*Region{}
	g.regionByCode = map[[2]string]*Region{}
	err := lines("admin1.tsv.gz", func(f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("bad admin1 row %q", f)
		}
		k := [2]string{f[0], f[1]}
		g.admin1[k] = f[3]
		s := sums[k]
		if s == nil || s.n == 0 {
			return nil
		}
		r := &Region{Country: f[0], Code: f[1], ISO: f[2], Name: f[3], Lat: s.lat / float64(s.n), Lon: s.lon / float64(s.n), Population: s.pop}
		g.regionByCode[k] = r
		for _, n := range regionNames(r) {
			g.regions[n] = append(g.regions[n], r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, rs := range g.regions {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Population > rs[j].Population })
	}
	return nil
}

// regionNames are the lower-cased names a region is found by: its name,
// without a generic word ("Belgorod Oblast" → "belgorod oblast"; "State of
// Mexico"), and in the countries whose press abbreviates them, its postal
// code and abbreviations.
func regionNames(r *Region) []string {
	n := strings.ToLower(r.Name)
	out := []string{n}
	// "Kharkiv Oblast", "Kharkiv region", "the Kharkiv province": the
	// generic word as the press writes it, whichever the data gives.
	base := n
	for _, w := range regionWords {
		base = strings.TrimSuffix(base, " "+w)
	}
	for _, w := range regionWords {
		out = append(out, base+" "+w)
	}
	for _, prefix := range []string{"state of ", "province of ", "commonwealth of "} {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			out = append(out, rest)
		}
	}
	if abbr, ok := regionAbbreviations[r.Country]; ok {
		code := r.Code // the US's GeoNames codes are its postal codes; elsewhere the ISO suffix is
		if r.ISO != "" {
			code = strings.TrimPrefix(r.ISO, r.Country+"-")
		}
		for _, a := range abbr[strings.ToUpper(code)] {
			out = append(out, strings.ToLower(a))
		}
	}
	return out
}

// County is a second-level division (a US county, parish or borough) at
// the mean position of its postal codes.
type County struct {
	Country, Admin1 string // ISO country; GeoNames admin1 code of its state
	Name            string // as written with its kind: "Laurel County"
	Lat, Lon        float64
	Weight          int // its postal codes: the tie-breaker between namesakes
}

// Counties returns the counties a name may refer to ("Laurel County",
// "Rapides Parish"), the weightiest first.
func (g *Gazetteer) Counties(name string) []*County {
	return g.counties[strings.ToLower(strings.Join(strings.Fields(name), " "))]
}

// countyKind is what a state's press calls its second-level divisions.
var countyKind = map[string]string{"LA": "Parish", "AK": "Borough"}

func (g *Gazetteer) loadCounties() error {
	g.counties = map[string][]*County{}
	err := lines("admin2.tsv.gz", func(f []string) error {
		if len(f) != 7 {
			return fmt.Errorf("bad admin2 row %q", f)
		}
		lat, _ := strconv.ParseFloat(f[4], 64)
		lon, _ := strconv.ParseFloat(f[5], 64)
		n, _ := strconv.Atoi(f[6])
		name := f[2]
		kind := "County"
		if k, ok := countyKind[f[1]]; ok {
			kind = k
		}
		if !strings.HasSuffix(name, " "+kind) && !strings.HasSuffix(name, " Borough") && !strings.HasSuffix(name, " Census Area") && !strings.HasSuffix(name, " City") {
			name += " " + kind
		}
		c := &County{Country: f[0], Admin1: f[1], Name: name, Lat: lat, Lon: lon, Weight: n}
		key := strings.ToLower(name)
		g.counties[key] = append(g.counties[key], c)
		return nil
	})
	if err != nil {
		return err
	}
	for _, cs := range g.counties {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].Weight > cs[j].Weight })
	}
	return nil
}
