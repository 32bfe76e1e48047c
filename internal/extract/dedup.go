package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// TextHash is the sha256 of the whitespace-normalised text.
func TextHash(text string) string {
	s := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(s[:])
}
