package gazetteer

import (
	"strings"
	"sync"
)

// Landmark is a named site that news places incidents at, beyond the
// populated places of GeoNames. This list is curated by hand for sitrep;
// coordinates were read off OpenStreetMap (openstreetmap.org) and rounded to
// about 100 m, countries and cities are those the site lies in.
type Landmark struct {
	Names    []string // lower case
	Name     string
	Country  string
	City     string
	Lat, Lon float64
	Kind     string // building, district, base, plant, sea, region
	// BBox bounds a sea or region: west, south, east, north in degrees.
	// Rough bounds (about ±0.5°) traced on OpenStreetMap for sitrep.
	BBox []float64
}

// Landmarks is the curated list; it favours sites of the war in Ukraine,
// where sitrep's founding corpus comes from.
var Landmarks = []Landmark{
	{Names: []string{"the kremlin", "kremlin", "moscow kremlin"}, Name: "Moscow Kremlin", Country: "RU", City: "Moscow", Lat: 55.7520, Lon: 37.6175, Kind: "building"},
	{Names: []string{"red square"}, Name: "Red Square", Country: "RU", City: "Moscow", Lat: 55.7539, Lon: 37.6208, Kind: "district"},
	{Names: []string{"zaryadye park", "zaryadye"}, Name: "Zaryadye Park", Country: "RU", City: "Moscow", Lat: 55.7512, Lon: 37.6290, Kind: "district"},
	{Names: []string{"rublyovka", "rublevka"}, Name: "Rublyovka", Country: "RU", City: "Moscow", Lat: 55.7420, Lon: 37.2750, Kind: "district"},
	{Names: []string{"moscow city", "moscow international business center", "moscow-city", "moscow's business district", "moscow business district"}, Name: "Moscow International Business Centre", Country: "RU", City: "Moscow", Lat: 55.7494, Lon: 37.5372, Kind: "district"},
	{Names: []string{"zaporizhzhia nuclear power plant", "zaporizhzhia npp", "zaporizhzhia nuclear plant", "zaporozhye nuclear power plant"}, Name: "Zaporizhzhia Nuclear Power Plant", Country: "UA", City: "Enerhodar", Lat: 47.5122, Lon: 34.5856, Kind: "plant"},
	{Names: []string{"hmeimim air base", "hmeimim", "khmeimim"}, Name: "Hmeimim Air Base", Country: "SY", City: "Latakia", Lat: 35.4011, Lon: 35.9486, Kind: "base"},
	{Names: []string{"engels military base", "engels air base", "engels-2", "engels airbase"}, Name: "Engels-2 Air Base", Country: "RU", City: "Engels", Lat: 51.4817, Lon: 46.2100, Kind: "base"},
	{Names: []string{"black sea"}, Name: "Black Sea", Country: "", City: "", Lat: 43.4, Lon: 34.0, Kind: "sea", BBox: []float64{27.4, 40.9, 41.8, 46.7}},
	// Seas and straits: rough centres (±1°), enough to place an incident
	// "in the Red Sea" on a map; their precision is "region".
	{Names: []string{"red sea"}, Name: "Red Sea", Lat: 20.0, Lon: 38.5, Kind: "sea", BBox: []float64{32.3, 12.5, 43.6, 30.0}},
	{Names: []string{"gulf of aden"}, Name: "Gulf of Aden", Lat: 12.5, Lon: 48.0, Kind: "sea", BBox: []float64{43.3, 10.4, 51.3, 15.0}},
	{Names: []string{"bab el-mandeb", "bab al-mandab", "bab-el-mandeb"}, Name: "Bab-el-Mandeb", Lat: 12.6, Lon: 43.4, Kind: "sea", BBox: []float64{42.9, 12.3, 43.7, 13.0}},
	{Names: []string{"sea of azov", "azov sea"}, Name: "Sea of Azov", Lat: 46.0, Lon: 36.5, Kind: "sea", BBox: []float64{34.8, 45.2, 39.3, 47.3}},
	{Names: []string{"baltic sea", "baltic"}, Name: "Baltic Sea", Lat: 58.0, Lon: 20.0, Kind: "sea", BBox: []float64{9.4, 53.9, 30.4, 65.9}},
	{Names: []string{"caspian sea", "caspian"}, Name: "Caspian Sea", Lat: 41.5, Lon: 50.5, Kind: "sea", BBox: []float64{46.6, 36.5, 54.8, 47.1}},
	{Names: []string{"persian gulf", "arabian gulf"}, Name: "Persian Gulf", Lat: 26.5, Lon: 52.0, Kind: "sea", BBox: []float64{47.7, 23.9, 56.5, 30.5}},
	{Names: []string{"strait of hormuz"}, Name: "Strait of Hormuz", Lat: 26.6, Lon: 56.4, Kind: "sea", BBox: []float64{55.9, 25.9, 57.2, 27.1}},
	{Names: []string{"eastern mediterranean"}, Name: "Eastern Mediterranean", Lat: 34.0, Lon: 30.0, Kind: "sea", BBox: []float64{22.0, 30.5, 36.3, 37.5}},
	{Names: []string{"crimea", "crimean peninsula"}, Name: "Crimea", Country: "UA", City: "", Lat: 45.3, Lon: 34.4, Kind: "region", BBox: []float64{32.4, 44.3, 36.7, 46.3}},
	{Names: []string{"donbas", "donbass"}, Name: "Donbas", Country: "UA", City: "", Lat: 48.0, Lon: 38.0, Kind: "region", BBox: []float64{36.5, 46.8, 40.3, 50.1}},
	{Names: []string{"crimean bridge", "kerch bridge"}, Name: "Crimean Bridge", Country: "UA", City: "Kerch", Lat: 45.3086, Lon: 36.5078, Kind: "building"},
}

// Exonyms are English spellings that news uses for a place and that GeoNames
// and its translations lack, mapped to a name the gazetteer has. Curated
// by hand from the spelling of each place's English Wikipedia article and
// its "also spelled" note.
var Exonyms = map[string]string{
	"hodeidah":   "al hudaydah",
	"hodeida":    "al hudaydah",
	"hudaydah":   "al hudaydah",
	"zaporozhye": "zaporizhia",
	"zaporozhie": "zaporizhia",
	"krivoy rog": "kryvyi rih",
	"kryvyy rih": "kryvyi rih",
	"nikolaev":   "mykolayiv",
	"nikolayev":  "mykolayiv",
	"lgov":       "l'govskiy",
	"d.c.":       "washington, d.c.", // US news writes the capital by its district alone
	"dc":         "washington, d.c.",
}

// Landmark returns the curated landmark a name refers to, or nil.
func (g *Gazetteer) Landmark(name string) *Landmark {
	n := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(name, "’", "'")), " "))
	idx := landmarkIndex()
	if lm := idx[n]; lm != nil {
		return lm
	}
	if rest, ok := strings.CutPrefix(n, "the "); ok {
		return idx[rest]
	}
	return nil
}

// landmarkIndex maps each landmark name to its landmark (the first listed,
// should two share a name).
var landmarkIndex = sync.OnceValue(func() map[string]*Landmark {
	m := map[string]*Landmark{}
	for i := range Landmarks {
		for _, a := range Landmarks[i].Names {
			if m[a] == nil {
				m[a] = &Landmarks[i]
			}
		}
	}
	return m
})

// Officeholder maps a role, as news writes it, to the person who held it.
// Curated by hand for sitrep; the tenure dates are those given in each
// officeholder's Wikipedia article (empty To means still in office when the
// list was written). Extend it with care: a wrong date merges two people.
type Officeholder struct {
	Roles       []string // lower case, without articles: "russian president", "russia's president"
	Name        string
	Affiliation string
	From, To    string // YYYY-MM-DD
}

// inOffice reports whether o held office on date (YYYY-MM-DD; "" means any).
func (o *Officeholder) inOffice(date string) bool {
	return date == "" || date >= o.From && (o.To == "" || date <= o.To)
}

// Officeholders is the curated list.
var Officeholders = []Officeholder{
	{Roles: []string{"russian president", "russia's president", "president of russia", "kremlin leader"}, Name: "Vladimir Putin", Affiliation: "Russian government", From: "2012-05-07"},
	{Roles: []string{"ukrainian president", "ukraine's president", "president of ukraine"}, Name: "Volodymyr Zelensky", Affiliation: "Ukrainian government", From: "2019-05-20"},
	{Roles: []string{"russian defence minister", "russia's defence minister", "russian defense minister", "russia's defense minister"}, Name: "Sergei Shoigu", Affiliation: "Russian government", From: "2012-11-06", To: "2024-05-12"},
	{Roles: []string{"moscow mayor", "mayor of moscow", "moscow's mayor"}, Name: "Sergei Sobyanin", Affiliation: "Moscow city government", From: "2010-10-21"},
	{Roles: []string{"kremlin spokesman", "kremlin spokesperson", "putin's spokesman"}, Name: "Dmitry Peskov", Affiliation: "Russian government", From: "2012-05-22"},
	{Roles: []string{"wagner chief", "head of wagner", "wagner founder"}, Name: "Yevgeny Prigozhin", Affiliation: "Wagner Group", From: "2014-01-01", To: "2023-08-23"},
	{Roles: []string{"uk foreign secretary", "british foreign secretary"}, Name: "James Cleverly", Affiliation: "UK government", From: "2022-09-06", To: "2023-11-13"},
}

// Officeholder returns who held a role on a date (YYYY-MM-DD; "" means any).
func (g *Gazetteer) Officeholder(role, date string) *Officeholder {
	r := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(role, "’", "'")), " "))
	r = strings.TrimPrefix(strings.TrimPrefix(r, "the "), "a ")
	for i := range Officeholders {
		o := &Officeholders[i]
		for _, x := range o.Roles {
			if x != r {
				continue
			}
			if !o.inOffice(date) {
				continue
			}
			return o
		}
	}
	return nil
}

// OfficeholderNamed returns the officeholder in office on date (YYYY-MM-DD;
// "" means any) whose full name is name, or whose surname it is ("Putin"),
// when exactly one fits.
func (g *Gazetteer) OfficeholderNamed(name, date string) *Officeholder {
	var found *Officeholder
	for i := range Officeholders {
		o := &Officeholders[i]
		f := strings.Fields(o.Name)
		if name != o.Name && name != f[len(f)-1] {
			continue
		}
		if !o.inOffice(date) {
			continue
		}
		if found != nil && found.Name != o.Name {
			return nil
		}
		found = o
	}
	return found
}
