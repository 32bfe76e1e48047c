package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// gvariantRecords serialises records the way libgeonames stores them: each
// record's strings (NUL-terminated) and a binary tail, records 8-aligned,
// then the end offsets in 1-, 2- or 4-byte words.
func gvariantRecords(recs [][]string, tail int) []byte {
	var b []byte
	var ends []int
	for _, r := range recs {
		for len(b)%8 != 0 {
			b = append(b, 0)
		}
		b = append(b, strings.Join(r, "\x00")+"\x00"...)
		b = append(b, make([]byte, tail)...)
		ends = append(ends, len(b))
	}
	size := 1
	for _, limit := range []int{0xff, 0xffff} {
		if len(b)+len(ends)*size <= limit {
			break
		}
		size *= 2
	}
	for _, e := range ends {
		w := make([]byte, 8)
		binary.LittleEndian.PutUint64(w, uint64(e))
		b = append(b, w[:size]...)
	}
	return b
}

func TestReadRegionNames(t *testing.T) {
	recs := [][]string{
		{"495112", "Shebekino", "09", "Belgorod Oblast", "RU", "Russia", "Europe/Moscow"},
		{"703448", "Kyiv", "12", "Kyiv City", "UA", "Ukraine", "Europe/Kiev"},
		{"1", "Nowhere", "", "", "XX", "None", "UTC"}, // no region: skipped
	}
	want := map[[2]string]string{{"RU", "09"}: "Belgorod Oblast", {"UA", "12"}: "Kyiv City"}
	for _, tail := range []int{0, 200} { // 1- and 2-byte offsets
		path := filepath.Join(t.TempDir(), "cities.compiled")
		if err := os.WriteFile(path, gvariantRecords(recs, tail), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readRegionNames(path)
		if err != nil {
			t.Fatalf("tail %d: %v", tail, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("tail %d: %v, want %v", tail, got, want)
		}
	}
	// Not a GVariant array: a clear error, no panic.
	for _, junk := range []string{"", "x", "\xff\xff\xff\xff", "hello world, no framing here\x7f"} {
		path := filepath.Join(t.TempDir(), "junk")
		os.WriteFile(path, []byte(junk), 0o644)
		if _, err := readRegionNames(path); err == nil {
			t.Errorf("%q: no error", junk)
		}
	}
}
