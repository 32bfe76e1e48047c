package lang

import (
	"strings"
	"unicode"

	"github.com/RadhiFadlillah/whatlanggo"
)

// Identify returns the ISO 639-1 code of the language of text, or "" when
// it cannot tell. It is built for what the stages must not get wrong: a
// Russian or Ukrainian post read as English (the English models then make
// entities, places and claims out of nothing) and Ukrainian read as
// Russian or the reverse. Cyrillic text is told apart by letters only one
// of the two alphabets has and by frequent function words, which holds on
// a one-line post where a trigram model (whatlanggo) is unreliable; other
// scripts go to whatlanggo, and a short Latin text it cannot place is
// English when it has English function words.
func Identify(text string) string {
	if len(text) > 4000 {
		text = text[:4000]
	}
	var latin, cyrillic, other int
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		default:
			other++
		}
	}
	letters := latin + cyrillic + other
	switch {
	case letters == 0:
		return ""
	case cyrillic*2 > letters:
		return cyrillicLanguage(text)
	case latin*2 > letters:
		info := whatlanggo.Detect(text)
		if info.IsReliable() {
			return info.Lang.Iso6391()
		}
		// Unsure on a short text: English when that is its best guess or
		// the text has English function words.
		if info.Lang == whatlanggo.Eng || englishWords(text) >= 2 {
			return "en"
		}
		// A long sentence's worth of letters in another language is that
		// language (read as English it would be annotated with nonsense);
		// below 80 letters an unsure guess is wrong too often on English
		// (14 of 803 conflict-news sentences at 40 letters, 1 at 80).
		if latin >= 80 {
			return info.Lang.Iso6391()
		}
		return ""
	}
	if info := whatlanggo.Detect(text); info.IsReliable() {
		return info.Lang.Iso6391()
	}
	return ""
}

// cyrillicLetters are letters one Cyrillic alphabet has and Russian or
// Ukrainian lacks, each with the language it points to and why.
var cyrillicLetters = []struct {
	letters string
	lang    string
	why     string
}{
	{"іїєґ", "uk", "Ukrainian letters Russian lacks (і also Belarusian: ў decides)"},
	{"ыэё", "ru", "Russian letters Ukrainian lacks (ы, э also Belarusian)"},
	{"ў", "be", "Belarusian short u"},
	{"ђћљњџј", "sr", "Serbian letters"},
	{"ѓќѕ", "mk", "Macedonian letters"},
}

// cyrillicWords are frequent function words of one of the two languages
// that the other does not write the same way.
var cyrillicWords = map[string]string{
	// Ukrainian
	"що": "uk", "та": "uk", "це": "uk", "як": "uk", "від": "uk", "який": "uk", "яка": "uk", "які": "uk", "його": "uk",
	"її": "uk", "був": "uk", "була": "uk", "було": "uk", "буде": "uk", "також": "uk", "під": "uk", "після": "uk", "через": "uk",
	"із": "uk", "зі": "uk", "щодо": "uk", "або": "uk", "коли": "uk", "ще": "uk", "вже": "uk", "є": "uk", "й": "uk", "і": "uk",
	"ми": "uk", "ви": "uk", "ти": "uk", "вона": "uk", "воно": "uk", "вони": "uk", "йому": "uk", "нього": "uk", "тепер": "uk",
	"багато": "uk", "чого": "uk", "дуже": "uk", "але": "uk", "аби": "uk", "хай": "uk", "однак": "uk", "знову": "uk",
	"бо": "uk", "отже": "uk", "чи": "uk", "цього": "uk", "цей": "uk", "ця": "uk", "ці": "uk", "з": "uk",
	// Russian
	"что": "ru", "это": "ru", "как": "ru", "от": "ru", "который": "ru", "которая": "ru", "которые": "ru", "его": "ru",
	"её": "ru", "был": "ru", "была": "ru", "было": "ru", "будет": "ru", "также": "ru", "под": "ru", "после": "ru",
	"или": "ru", "когда": "ru", "ещё": "ru", "уже": "ru", "и": "ru", "он": "ru", "она": "ru", "они": "ru",
	"мы": "ru", "вы": "ru", "ты": "ru", "оно": "ru", "ему": "ru", "него": "ru", "теперь": "ru", "много": "ru", "очень": "ru",
	"но": "ru", "чтобы": "ru", "пусть": "ru", "однако": "ru", "снова": "ru", "ведь": "ru", "ли": "ru", "этого": "ru",
	"этот": "ru", "эта": "ru", "эти": "ru", "с": "ru", "со": "ru",
}

// cyrillicEndings are word endings of one of the two languages: verb and
// noun forms the other spells differently.
var cyrillicEndings = []struct{ end, lang string }{
	{"тися", "uk"},               // reflexive infinitive (Russian -ться)
	{"тся", "ru"},                // reflexive present (Ukrainian -ться)
	{"ння", "uk"}, {"нні", "uk"}, // verbal nouns (Russian -ние, -нии)
	{"ние", "ru"}, {"ния", "ru"}, {"нии", "ru"}, {"нием", "ru"},
	{"ості", "uk"}, {"ість", "uk"}, // abstract nouns (Russian -ость, -ости)
	{"ость", "ru"}, {"ости", "ru"},
	{"лося", "uk"}, {"лася", "uk"}, {"лися", "uk"}, // reflexive past (Russian -лось, -лась, -лись)
	{"лось", "ru"}, {"лась", "ru"}, {"лись", "ru"},
	{"ою", "uk"}, // instrumental (Russian mostly -ой)
}

// cyrillicLanguage tells Cyrillic languages apart; ties between Russian
// and Ukrainian go to whatlanggo, then to Russian (more Cyrillic news is
// written in it).
func cyrillicLanguage(text string) string {
	low := strings.ToLower(text)
	score := map[string]int{}
	for _, r := range low {
		for _, l := range cyrillicLetters {
			if strings.ContainsRune(l.letters, r) {
				score[l.lang] += 2
			}
		}
	}
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		if l, ok := cyrillicWords[w]; ok {
			score[l]++
		}
		for _, e := range cyrillicEndings {
			if strings.HasSuffix(w, e.end) && len([]rune(w)) > len([]rune(e.end))+1 {
				score[e.lang]++
				break
			}
		}
	}
	// Belarusian shares і with Ukrainian and ы, э with Russian: ў decides.
	if score["be"] > 0 {
		return "be"
	}
	for _, l := range []string{"sr", "mk"} {
		if score[l] > 0 && score[l] >= score["uk"] && score[l] >= score["ru"] {
			return l
		}
	}
	switch {
	case score["uk"] > score["ru"]:
		return "uk"
	case score["ru"] > score["uk"]:
		return "ru"
	}
	if info := whatlanggo.Detect(text); info.IsReliable() {
		if c := info.Lang.Iso6391(); c != "" {
			return c
		}
	}
	return "ru"
}

// englishWords counts the distinct English function words of text.
func englishWords(text string) int {
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		switch w {
		case "the", "and", "of", "to", "in", "was", "were", "is", "are", "has", "have", "said", "on", "at", "for", "by", "with", "from", "that", "this":
			seen[w] = true
		}
	}
	return len(seen)
}
