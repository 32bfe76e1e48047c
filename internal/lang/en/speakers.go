package en

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Alias implements lang.Speakers.
func (English) Alias(role string) string {
	role = strings.ToLower(role)
	// The head of a Ukrainian regional (military) administration is what
	// foreign reports call the regional governor; a spokesman speaks for
	// his body ("Ukrainian Navy spokesman": the navy).
	if regionalHeadRe.MatchString(role) {
		return "regional governor"
	}
	if m := spokesRe.FindStringSubmatch(role); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// Description implements lang.Speakers: "the ministry", "regional
// administration" and "Ukraine's navy" describe; "Russia" and "Kremlin"
// name.
func (English) Description(speaker string) string {
	bare := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(speaker), "the "), "The ")
	if bare == "" || startsUpperWord(bare) && !possessiveBodyRe.MatchString(bare) {
		return ""
	}
	return strings.ToLower(bare)
}

func startsUpperWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 'A' && r <= 'Z' || r > 127
}

// possessiveBodyRe matches a body named by its country: "Ukraine's navy".
var possessiveBodyRe = regexp.MustCompile(`^\p{Lu}\p{L}+(?:'s|’s)(?:\s+\p{Ll}+)+$`)

var spokesRe = regexp.MustCompile(`^(?:the\s+)?(.+?)\s+(?:spokesman|spokeswoman|spokesperson|press officer|press secretary)$`)

var regionalHeadRe = regexp.MustCompile(`\bhead of\b.*\b(regional|oblast) (military |state )?administration\b`)

// Party implements lang.Speakers.
func (English) Party(affiliation string) string {
	adj, body, ok := strings.Cut(strings.ToLower(strings.TrimSpace(affiliation)), " ")
	if !ok || body != "government" && body != "military" {
		return ""
	}
	if c := partyOf[adj]; c != "" {
		return c
	}
	return demonymCountry[adj]
}

// partyOf names the states the language stage's affiliations abbreviate.
var partyOf = map[string]string{"uk": "United Kingdom", "us": "United States"}
