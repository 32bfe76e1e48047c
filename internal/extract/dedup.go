package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"
)

// SimHash is a 64-bit Charikar SimHash over word 3-shingles of the text,
// case- and punctuation-insensitive. Syndicated copies of an article, which
// differ only in boilerplate, a headline tweak or a sentence, land within a
// few bits of each other.
func SimHash(text string) uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(words) == 0 {
		return 0
	}
	var v [64]int
	add := func(s string) {
		h := xxhash.Sum64String(s)
		for i := range 64 {
			if h&(1<<uint(i)) != 0 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	if len(words) < 3 {
		add(strings.Join(words, " "))
	}
	for i := 0; i+3 <= len(words); i++ {
		add(words[i] + " " + words[i+1] + " " + words[i+2])
	}
	var h uint64
	for i := range 64 {
		if v[i] > 0 {
			h |= 1 << uint(i)
		}
	}
	return h
}

// Hamming is the number of differing bits.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// NearDuplicateBits is the largest SimHash distance at which two articles are
// treated as copies. With four 16-bit bands, any pair this close shares at
// least one band exactly (store.Bands), which is how the store finds candidates.
const NearDuplicateBits = 3

// MinNearDupWords: shorter texts are too small for SimHash to be meaningful;
// they are matched only by exact text hash.
const MinNearDupWords = 50

// TextHash is the sha256 of the whitespace-normalised text.
func TextHash(text string) string {
	s := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(s[:])
}
