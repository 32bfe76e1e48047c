package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
)

// readRegionNames reads the English names of first-level regions from
// libgeonames' compiled city table (cities.compiled, a resource inside
// Debian's libgeonames0; see ../data/SOURCES.md for how to extract it).
// The file is one serialised GVariant array of records whose first seven
// fields are strings: GeoNames id, name, admin1 code, admin1 name, country
// code, country name, time zone. The result maps (country, GeoNames admin1
// code) to the region's name as GeoNames writes it ("Belgorod Oblast").
func readRegionNames(path string) (map[[2]string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ends, err := gvariantArrayEnds(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[[2]string]string{}
	start := 0
	for i, end := range ends {
		start = (start + 7) &^ 7 // records hold doubles: 8-byte aligned
		if end < start || end > len(b) {
			return nil, fmt.Errorf("%s: record %d ends at %d, before its start %d", path, i, end, start)
		}
		rec := b[start:end]
		var f [7]string
		p := 0
		for k := range f {
			q := bytes.IndexByte(rec[p:], 0)
			if q < 0 {
				return nil, fmt.Errorf("%s: record %d has fewer than 7 strings", path, i)
			}
			f[k] = string(rec[p : p+q])
			p += q + 1
		}
		if f[2] != "" && f[3] != "" && len(f[4]) == 2 {
			out[[2]string{f[4], f[2]}] = f[3]
		}
		start = end
	}
	return out, nil
}

// gvariantArrayEnds returns the end offsets of a serialised GVariant
// array of variable-size elements: they are stored after the last element,
// each in the smallest of 1, 2, 4 or 8 bytes that can hold the array's size.
func gvariantArrayEnds(b []byte) ([]int, error) {
	n := len(b)
	size := 8
	switch {
	case n <= 0xff:
		size = 1
	case n <= 0xffff:
		size = 2
	case n <= 0xffffffff:
		size = 4
	}
	word := func(at int) int {
		var v uint64
		switch size {
		case 1:
			v = uint64(b[at])
		case 2:
			v = uint64(binary.LittleEndian.Uint16(b[at:]))
		case 4:
			v = uint64(binary.LittleEndian.Uint32(b[at:]))
		default:
			v = binary.LittleEndian.Uint64(b[at:])
		}
		return int(v)
	}
	if n < size {
		return nil, fmt.Errorf("too short for a GVariant array (%d bytes)", n)
	}
	last := word(n - size)
	if last > n-size || (n-last)%size != 0 {
		return nil, fmt.Errorf("not a GVariant array: framing starts at %d of %d bytes", last, n)
	}
	ends := make([]int, (n-last)/size)
	for i := range ends {
		ends[i] = word(last + i*size)
	}
	return ends, nil
}
