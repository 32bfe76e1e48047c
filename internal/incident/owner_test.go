package incident

import (
	"math/rand"
	"sort"
	"testing"
)

// The owners of counts and claims are found by binary search over the
// sorted event sentences; these are the plain scans they replace.
func scanNearest(sents []int, si int) int {
	best := -1
	for _, s := range sents {
		d, bd := abs(s-si), abs(best-si)
		if best < 0 || d < bd || d == bd && s < best {
			best = s
		}
	}
	return best
}

func scanCountOwner(sents []int, si int) int {
	before, after := -1, -1
	for _, s := range sents {
		switch {
		case s < si && si-s <= countAfter && s > before:
			before = s
		case s > si && s-si <= countBefore && (after < 0 || s < after):
			after = s
		}
	}
	if before >= 0 {
		return before
	}
	return after
}

func TestOwnersMatchScan(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		sents := make([]int, rng.Intn(8))
		for i := range sents {
			sents[i] = rng.Intn(30)
		}
		sort.Ints(sents)
		si := rng.Intn(34) - 2
		if got, want := nearestEvent(sents, si), scanNearest(sents, si); got != want {
			t.Fatalf("nearestEvent(%v, %d) = %d, want %d", sents, si, got, want)
		}
		if got, want := countOwner(sents, si), scanCountOwner(sents, si); got != want {
			t.Fatalf("countOwner(%v, %d) = %d, want %d", sents, si, got, want)
		}
	}
}
