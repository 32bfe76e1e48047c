package gazetteer

import (
	"slices"
	"testing"
)

func TestLookups(t *testing.T) {
	g := Default()
	for _, name := range []string{"Kyiv", "Kiev", "Киев", "Київ", "kyiv"} {
		ps := g.Places(name)
		if len(ps) == 0 || ps[0].ID != 703448 || ps[0].Country != "UA" {
			t.Errorf("Places(%q) = %v, want Kyiv (703448)", name, ps)
		}
	}
	if ps := g.Places("Moscow"); len(ps) < 2 || ps[0].Country != "RU" || ps[0].Population < 10_000_000 {
		t.Errorf("Moscow: most populous first, got %+v", ps[0])
	}
	if c := g.Country("Russian Federation"); c == nil || c.Code != "RU" {
		t.Errorf("Country(Russian Federation) = %v", c)
	}
	if c := g.Demonym("Ukrainian"); c == nil || c.Code != "UA" {
		t.Errorf("Demonym(Ukrainian) = %v", c)
	}
	if !g.IsPersonName("Vladimir") || g.IsPersonName("vladimir") {
		t.Error("person names are matched as written")
	}
	if !g.IsWord("Drone") || g.IsWord("Zelensky") {
		t.Error("IsWord")
	}
	// Region names are GeoNames' English ones where it has them, else
	// iso-codes' (Crimea's seat links no ISO code but GeoNames names it).
	for place, want := range map[string]string{"Zaporizhia": "Zaporizhzhya Oblast", "Novorossiysk": "Krasnodarskiy",
		"Shebekino": "Belgorod Oblast", "Los Angeles": "California", "Simferopol": "Autonomous Republic of Crimea", "Kyiv": "Kyiv City"} {
		if got := g.Admin1Name(g.Places(place)[0]); got != want {
			t.Errorf("Admin1Name(%s) = %q, want %q", place, got, want)
		}
	}
	if cl := g.Classes("Ukraine"); !slices.Contains(cl, "country") {
		t.Errorf("Classes(Ukraine) = %v", cl)
	}
}

// Romanisation variants reach the GeoNames spelling, and the most populous
// place still comes first.
func TestFoldedSpellings(t *testing.T) {
	g := Default()
	for name, want := range map[string]string{
		"Zaporizhzhia":   "Zaporizhia",
		"Kostiantynivka": "Kostyantynivka",
		"Kramatorsk":     "Kramators’k",
		"Mykolaiv":       "Mykolayiv",
		"Feodosia":       "Feodosiya",
	} {
		ps := g.Places(name)
		if len(ps) == 0 || ps[0].Name != want || ps[0].Country != "UA" {
			t.Errorf("Places(%q) = %v, want %s first", name, ps, want)
		}
	}
	if ps := g.Places("El-Fasher"); len(ps) == 0 || ps[0].Name != "El Fasher" || ps[0].Country != "SD" {
		t.Errorf("Places(El-Fasher) = %v, want El Fasher (SD)", ps)
	}
	if got := fold("Москва"); got != "" {
		t.Errorf("fold of a Cyrillic name = %q, want none", got)
	}
}

// News abbreviates a name's first word ("St. Cloud", "Ft. Worth", "Mt.
// Vernon") or a place by an abbreviation alone ("D.C."); GeoNames spells
// it out.
func TestAbbreviatedFirstWord(t *testing.T) {
	g := Default()
	for name, want := range map[string]string{"St. Cloud": "Saint Cloud", "Ft. Worth": "Fort Worth", "Mt. Vernon": "Mount Vernon", "St Cloud": "Saint Cloud"} {
		found := false
		for _, p := range g.Places(name) {
			found = found || p.Name == want && p.Country == "US"
		}
		if !found {
			t.Errorf("Places(%q) = %v, want %s (US) among them", name, g.Places(name), want)
		}
	}
	for _, name := range []string{"D.C.", "DC"} {
		if ps := g.Places(name); len(ps) == 0 || ps[0].Name != "Washington, D.C." {
			t.Errorf("Places(%q) = %v, want Washington, D.C.", name, ps)
		}
	}
	if ps := g.Places("St."); len(ps) != 0 {
		t.Errorf("Places(St.) = %v, want none", ps)
	}
}

func TestExonymsReachAPlace(t *testing.T) {
	g := Default()
	for from, to := range Exonyms {
		if len(g.Places(to)) == 0 {
			t.Errorf("exonym %q points to %q, which the gazetteer lacks", from, to)
		}
	}
	if ps := g.Places("Hodeidah"); len(ps) == 0 || ps[0].Country != "YE" {
		t.Errorf("Places(Hodeidah) = %v, want Al Hudaydah, Yemen", ps)
	}
}

func TestOfficeholders(t *testing.T) {
	g := Default()
	for _, c := range []struct{ role, name, date, want string }{
		{"the Russian president", "", "2023-05-30", "Vladimir Putin"},
		{"Russia’s defence minister", "", "2023-05-30", "Sergei Shoigu"},
		{"Russia's defence minister", "", "2024-06-01", ""}, // left office 2024-05-12
		{"", "Putin", "2023-05-30", "Vladimir Putin"},
		{"", "Vladimir Putin", "", "Vladimir Putin"},
		{"", "Shoigu", "2024-06-01", ""},
		{"", "Sergei", "2023-05-30", ""}, // a given name is no surname
	} {
		var o *Officeholder
		if c.role != "" {
			o = g.Officeholder(c.role, c.date)
		} else {
			o = g.OfficeholderNamed(c.name, c.date)
		}
		got := ""
		if o != nil {
			got = o.Name
		}
		if got != c.want {
			t.Errorf("%q/%q on %s = %q, want %q", c.role, c.name, c.date, got, c.want)
		}
	}
}

func TestRegions(t *testing.T) {
	g := Default()
	for _, c := range []struct {
		name, country, code string
		lat, lon            float64
	}{
		{"Texas", "US", "TX", 31, -99},
		{"Ky.", "US", "KY", 37.5, -85.3},
		{"W.Va.", "US", "WV", 38.6, -80.6},
		{"Ontario", "CA", "08", 45, -79},
		{"Belgorod Oblast", "RU", "09", 50.7, 37.0},
	} {
		rs := g.Regions(c.name)
		if len(rs) == 0 || rs[0].Country != c.country || rs[0].Code != c.code {
			t.Errorf("Regions(%q) = %+v", c.name, rs)
			continue
		}
		if d := abs(rs[0].Lat-c.lat) + abs(rs[0].Lon-c.lon); d > 4 {
			t.Errorf("%s at %.2f,%.2f, want near %.1f,%.1f", c.name, rs[0].Lat, rs[0].Lon, c.lat, c.lon)
		}
	}
	// A country's point is its own, not its capital's.
	if us := g.Country("United States"); us == nil || abs(us.Lat-39.5) > 2 || abs(us.Lon+98.5) > 3 {
		t.Errorf("US point %+v", us)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// A region's point is the same in every process: it was a sum of floats
// taken in a map's order.
func TestRegionPointStable(t *testing.T) {
	var first [2]float64
	for i := range 3 {
		g, err := load()
		if err != nil {
			t.Fatal(err)
		}
		r := g.Region("US", "FL")
		if r == nil {
			t.Fatal("no region US/FL")
		}
		if i == 0 {
			first = [2]float64{r.Lat, r.Lon}
		} else if first != [2]float64{r.Lat, r.Lon} {
			t.Fatalf("load %d: %v, first %v", i, [2]float64{r.Lat, r.Lon}, first)
		}
	}
}
