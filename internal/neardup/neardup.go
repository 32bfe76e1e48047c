// Package neardup finds copies of an article (syndicated, lightly edited or
// trimmed) with MinHash signatures over word 3-shingles and LSH banding.
// Both extraction (signatures) and the stores (band keys) use it.
package neardup

import (
	"encoding/binary"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"
)

// Near-duplicate detection uses MinHash over word 3-shingles with LSH
// banding. A syndicated copy differs from its original by a headline, a
// credit line or a trimmed ending: its shingle set mostly overlaps the
// original's, which MinHash estimates in constant space per article.
const (
	MinHashSize = 64 // hash functions per signature
	LSHBands    = 16 // bands of MinHashSize/LSHBands rows; pairs with Jaccard ≥ 0.7 become candidates with probability > 0.98
	lshRows     = MinHashSize / LSHBands
	// MinNearDupWords: shorter texts are matched only by exact text hash.
	MinNearDupWords = 40
)

// Signature is the MinHash signature of a text and its shingle count.
type Signature struct {
	Mins     []uint32
	Shingles int
}

func shingleHashes(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(words) < 3 {
		return nil
	}
	seen := make(map[uint64]struct{}, len(words))
	out := make([]uint64, 0, len(words))
	for i := 0; i+3 <= len(words); i++ {
		h := xxhash.Sum64String(words[i] + " " + words[i+1] + " " + words[i+2])
		if _, ok := seen[h]; !ok {
			seen[h] = struct{}{}
			out = append(out, h)
		}
	}
	return out
}

// splitmix64 is a strong 64-bit mixer; hash function i is mix(x ^ seed_i).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

var seeds = func() [MinHashSize]uint64 {
	var s [MinHashSize]uint64
	for i := range s {
		s[i] = splitmix64(uint64(i) * 0x2545f4914f6cdd1d)
	}
	return s
}()

// MinHash computes the signature of text; it is empty for texts shorter than
// MinNearDupWords words.
func MinHash(text string) Signature {
	if len(strings.Fields(text)) < MinNearDupWords {
		return Signature{}
	}
	sh := shingleHashes(text)
	mins := make([]uint32, MinHashSize)
	for i := range mins {
		mins[i] = ^uint32(0)
	}
	for _, h := range sh {
		for i, s := range seeds {
			if v := uint32(splitmix64(h ^ s)); v < mins[i] {
				mins[i] = v
			}
		}
	}
	return Signature{Mins: mins, Shingles: len(sh)}
}

// BandKeys are the LSH keys of a signature: one per band, the band number
// mixed in so that equal keys only match within a band.
func BandKeys(mins []uint32) []int64 {
	if len(mins) != MinHashSize {
		return nil
	}
	keys := make([]int64, LSHBands)
	var buf [4*lshRows + 1]byte
	for b := range LSHBands {
		buf[0] = byte(b)
		for r := range lshRows {
			binary.LittleEndian.PutUint32(buf[1+4*r:], mins[b*lshRows+r])
		}
		keys[b] = int64(xxhash.Sum64(buf[:]))
	}
	return keys
}

// Jaccard estimates the Jaccard similarity of two signatures' shingle sets.
func Jaccard(a, b []uint32) float64 {
	if len(a) != MinHashSize || len(b) != MinHashSize {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / MinHashSize
}

// IsNearDuplicate decides whether two texts are copies of one article: their
// shingle sets overlap with Jaccard ≥ 0.6, or the shorter one is at least
// half the longer and ≥ 90% contained in it (a trimmed syndicated copy).
func IsNearDuplicate(a, b Signature) bool {
	j := Jaccard(a.Mins, b.Mins)
	if j >= 0.6 {
		return true
	}
	small, large := float64(min(a.Shingles, b.Shingles)), float64(max(a.Shingles, b.Shingles))
	if small == 0 || small < large/2 {
		return false
	}
	// |A∩B| = J·(|A|+|B|)/(1+J)
	inter := j * (small + large) / (1 + j)
	return inter/small >= 0.9
}

// PackMins and UnpackMins store a signature as bytes.
func PackMins(mins []uint32) []byte {
	if len(mins) == 0 {
		return nil
	}
	b := make([]byte, 4*len(mins))
	for i, m := range mins {
		binary.LittleEndian.PutUint32(b[4*i:], m)
	}
	return b
}

// UnpackMins is the inverse of PackMins.
func UnpackMins(b []byte) []uint32 {
	if len(b) == 0 || len(b)%4 != 0 {
		return nil
	}
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}
