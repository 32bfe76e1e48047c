package cli

import "testing"

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"400MiB", 400 << 20, true}, {"2GiB", 2 << 30, true}, {"512 KiB", 512 << 10, true}, {"100B", 100, true},
		{"off", 0, true}, {"0", 0, true},
		{"400", 0, false}, {"400MB", 0, false}, {"-1GiB", 0, false}, {"MiB", 0, false}, {"99999999999TiB", 0, false},
	} {
		got, err := parseSize(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v", tc.in, got, err)
		}
	}
}
