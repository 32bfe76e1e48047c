package en

import (
	"regexp"
	"strings"

	"sitrep/internal/lang"
	"sitrep/internal/model"
)

// The event lexicon of English news: the words that report attacks,
// interceptions and their weapons, and the phrases that make a sentence
// habitual, hypothetical or a recollection rather than a report.

var (
	attackRe  = regexp.MustCompile(`\b(strikes?|struck|attack(s|ed)?|hit|hits|bombard\w*|shell(ed|ing)|explo(ded|sion|sions)|blasts?|crash(ed|ing) into|raids?|assault|approached|launched|fired at|targeted|slammed into|smashed into|pounded|bombed|shelled|dropped|kill(ed|ing)|wound(ed|ing)|damag(ed|ing)|(came|come|comes|coming) under (\w+ )?fire)\b`)
	droneRe   = regexp.MustCompile(`\b(drones?|uavs?|unmanned aerial|unmanned boats?)\b`)
	missileRe = regexp.MustCompile(`\b(missiles?|rockets?|iskander\S*|kalibr|kinzhal|artillery|shelling|shells?|shelled|mortars?|howitzers?)\b`)
	// Habitual phrases describe a pattern, not an event: "citing constant
	// shelling and drone attacks", "almost daily strikes".
	habitualRe  = regexp.MustCompile(`\b(constant|daily|regular|frequent|repeated|persistent|ongoing|nightly|incessant|relentless|near-daily)\s+(\w+\s+){0,3}?(shelling|attacks?|strikes?|bombardments?|raids?)(\s+and\s+(\w+\s+){0,2}?(shelling|attacks?|strikes?|bombardments?|raids?))?\b`)
	airRe       = regexp.MustCompile(`\b(air ?strikes?|bombs?|warplanes?|aircraft|glide bombs?|(fighter )?jets|bombers|helicopters?)\b`)
	interceptRe = regexp.MustCompile(`\b(shot down|downed|intercepted|destroyed|neutrali[sz]ed|jamm(ed|ing)|air defen[cs]es? (was|were) active)\b`)
	explosionRe = regexp.MustCompile(`\b(explosions?|blasts?|exploded)\b`)
	civilianRe  = regexp.MustCompile(`\b(residential|apartment|civilians?|homes?|houses?|hospital|school|market|warehouse of a private)\b`)
)

var (
	dayCueRe   = regexp.MustCompile(`\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight|last night|this morning|the previous night|early hours)\b`)
	monthCueRe = regexp.MustCompile(`\b(?:earlier|later|early|late)\s+(?:in|this)\s+(january|february|march|april|may|june|july|august|september|october|november|december|month)\b`)
)

// Classify implements lang.Events. Habitual phrases are blanked before
// the event words are read; a sentence that reads as an event only with
// them is habitual.
func (English) Classify(sentence, context string) lang.Reading {
	low := strings.ToLower(sentence)
	unh := unhabitual(low)
	if typ, sub := classify(unh, context); typ != "" {
		return lang.Reading{Type: typ, Sub: sub, Hypothetical: modalRe.MatchString(low), Negated: negatedRe.MatchString(low)}
	}
	if unh == low {
		return lang.Reading{} // no habitual phrase to read the event words in
	}
	if typ, sub := classify(low, context); typ != "" {
		return lang.Reading{Type: typ, Sub: sub, Habitual: true}
	}
	return lang.Reading{}
}

// negatedRe finds a denial right before the event words: "did not hit",
// "no drones struck", "never reached".
var negatedRe = regexp.MustCompile(`\b(?:(?:did|does|do|was|were|has|have|had)\s*(?:not|n't)|never|no)\s+(?:\w+\s+){0,2}?(?:hit|struck|strike|attack\w*|reach\w*|explod\w*|damag\w*)\b`)

// classify types a lower-cased sentence, or returns "" when it reports no
// incident. An explosion reported without a weapon takes the weapon named
// in the sentences around it (context, raw text): "residents report
// several explosions … At least three drones were heard".
func classify(low, context string) (typ model.EventType, sub model.SubEventType) {
	attack := attackRe.MatchString(low)
	drone, missile, air := droneRe.MatchString(low), missileRe.MatchString(low), airRe.MatchString(low)
	if !drone && !missile && !air && explosionRe.MatchString(low) && context != "" {
		ctx := strings.ToLower(context) // only here: most sentences never need it
		drone, missile, air = droneRe.MatchString(ctx), missileRe.MatchString(ctx), airRe.MatchString(ctx)
	}
	switch {
	case attack && missile && !drone:
		return model.RemoteViolence, model.SubShellingMissile
	case attack && (drone || air):
		return model.RemoteViolence, model.SubAirDroneStrike
	case attack && missile:
		return model.RemoteViolence, model.SubShellingMissile
	case interceptRe.MatchString(low) && (drone || missile):
		return model.StrategicDevs, model.SubDisruptedWeapons
	case namedAttackRe.MatchString(low) && !modalRe.MatchString(low):
		// "condemned Saturday's attack on the hospital": a strike whose
		// weapon is not named. It may join an incident, never start one.
		return model.RemoteViolence, model.SubUnnamedWeapon
	}
	return "", ""
}

// namedAttackRe finds the words that report an attack by themselves (not
// "killed" or "damaged", which other news uses too).
var modalRe = regexp.MustCompile(`\b(may|might|could|would|will|should|threaten\w*|vow\w*|warn\w*)\b`)

var namedAttackRe = regexp.MustCompile(`\b(attack(s|ed)?|air ?strikes?|strikes?|struck|bombard\w*)\b`)

// Recalled implements lang.Events.
func (English) Recalled(sentence string) bool { return recalled(strings.ToLower(sentence)) }

// recallRe finds "a week after", "two days after", "months after".
var recallRe = regexp.MustCompile(`\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+)?(?:days?|weeks?|months?|years?)\s+after\b`)

// recalled reports whether a lower-cased sentence tells its attack only in
// an "a week after …" clause, its main clause reporting something else.
func recalled(low string) bool {
	m := recallRe.FindStringIndex(low)
	if m == nil {
		return false
	}
	clause := low[m[1]:]
	if k := strings.IndexAny(clause, ",;"); k >= 0 {
		clause = clause[:k]
	}
	if _, sub := classify(unhabitual(clause), ""); sub == "" {
		return false
	}
	_, main := classify(unhabitual(low[:m[0]]), "")
	return main == ""
}

// unhabitual blanks the habitual phrases of a lower-cased sentence, keeping
// its length, so that they do not count as event words.
func unhabitual(low string) string {
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	return habitualVerbRe.ReplaceAllStringFunc(habitualRe.ReplaceAllStringFunc(low, blank), blank)
}

// habitualVerbRe finds attack verbs made habitual by an adverb: "is shelled
// almost daily", "have repeatedly used small drones", "regularly target".
var habitualVerbRe = regexp.MustCompile(`\b(?:(?:repeatedly|regularly|routinely|constantly|frequently|often|daily|nightly)\s+(?:\w+\s+){0,2}?(?:shell(?:s|ed)?|attack(?:s|ed)?|strike|struck|hit|bomb(?:s|ed)?|target(?:s|ed)?|use[sd]?)\b(?:\s+(?:\w+\s+){0,2}?(?:drones?|missiles?|rockets?|artillery|bombs?|shells?)\b)?|(?:shelled|attacked|struck|hit|bombed|targeted)\s+(?:almost\s+|nearly\s+)?(?:daily|every day|every night|regularly|repeatedly|constantly|nightly)\b|\b(?:is|are)\s+(?:shelled|attacked|bombed|targeted)\b)`)

// Civilian implements lang.Events.
func (English) Civilian(sentence string) bool {
	return civilianRe.MatchString(strings.ToLower(sentence))
}

// DayCue implements lang.Events.
func (English) DayCue(text string) bool { return dayCueRe.MatchString(strings.ToLower(text)) }

// MonthCue implements lang.Events.
func (English) MonthCue(sentence string) string {
	if mc := monthCueRe.FindStringSubmatch(strings.ToLower(sentence)); mc != nil {
		return mc[1]
	}
	return ""
}

// DatelineEnd implements lang.Events.
func (English) DatelineEnd(sentence string) int {
	if m := datelineRe.FindStringIndex(sentence); m != nil {
		return m[1]
	}
	return 0
}

// datelineRe matches a dateline opening a sentence: a place in capitals
// or followed by an agency in brackets, perhaps a date, then a dash.
var datelineRe = regexp.MustCompile(`^(?:\p{Lu}[\p{Lu}.'’ -]{1,30}|\p{Lu}[\p{L}.'’ -]{1,30}(?:,\s*[\p{L}0-9 .]{1,30})?\s*\([^)]{1,30}\))(?:,\s*[\p{L}0-9 .]{1,30})?\s*(?:\([^)]{1,30}\))?\s*(?:—|–|--|-)\s`)

// LaunchSite implements lang.Events: "launched from the Belgorod region".
func (English) LaunchSite(before string) bool {
	before = strings.ToLower(before)
	return strings.HasSuffix(before, "from ") || strings.HasSuffix(before, "from the ")
}

// EventWords implements lang.Events.
func (English) EventWords(sentence string) [][2]int {
	low := strings.ToLower(sentence)
	var out [][2]int
	for _, re := range []*regexp.Regexp{attackRe, interceptRe} {
		for _, m := range re.FindAllStringIndex(low, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

// SpeechTime implements lang.Events.
func (English) SpeechTime(before string) bool {
	return speechTimeRe.MatchString(strings.ToLower(before))
}

// speechTimeRe ends the text just before a time of speaking: "said on",
// "told reporters on", "wrote late on".
var speechTimeRe = regexp.MustCompile(`\b(said|says|told \w+|reported|announced|wrote|added|stated|declared)\s+((early|late)\s+)?(on\s+)?$`)

// Since implements lang.Events.
func (English) Since(timex string) bool { return strings.HasPrefix(strings.ToLower(timex), "since") }

// Attacker implements lang.Events.
func (English) Attacker(demonym string) string { return demonymCountry[strings.ToLower(demonym)] }

var demonymCountry = map[string]string{"ukrainian": "Ukraine", "russian": "Russia", "belarusian": "Belarus", "iranian": "Iran", "israeli": "Israel", "syrian": "Syria"}
