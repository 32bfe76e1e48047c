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
		return lang.Reading{Type: typ, Sub: sub, Political: political(typ, unh),
			Hypothetical: lang.GateOf(modalRe).MatchString(low), Negated: lang.GateOf(negatedRe).MatchString(low)}
	}
	if unh == low {
		return lang.Reading{} // no habitual phrase to read the event words in
	}
	if typ, sub := classify(low, context); typ != "" {
		return lang.Reading{Type: typ, Sub: sub, Political: political(typ, low), Habitual: true}
	}
	return lang.Reading{}
}

// negatedRe finds a denial right before the event words: "did not hit",
// "no drones struck", "never reached".
var negatedRe = regexp.MustCompile(`\b(?:(?:did|does|do|was|were|has|have|had)\s*(?:not|n't)|never|no)\s+(?:\w+\s+){0,2}?(?:hit|struck|strike|attack\w*|reach\w*|explod\w*|damag\w*|shot|kill\w*)\b`)

// classify types a lower-cased sentence by the first rule of eventRules
// that holds, or returns "" when it reports no event. An explosion
// reported without a weapon takes the weapon named in the sentences
// around it (context, raw text): "residents report several explosions …
// At least three drones were heard".
func classify(low, context string) (typ model.EventType, sub model.SubEventType) {
	c := &cues{low: notWeapons(low), context: context}
	if !c.any(droneRe, missileRe, airRe) && c.has(explosionRe) && context != "" {
		c.borrowed = notWeapons(strings.ToLower(context)) // only here: most sentences never need it
	}
	for _, r := range eventRules {
		if r.when(c) {
			return model.SubEventTypes[r.sub], r.sub
		}
	}
	return "", ""
}

// cues answers, once per sentence, which words of the lexicon it holds.
type cues struct {
	low      string
	borrowed string // the sentences around, for an explosion's weapon
	context  string // the sentences around, raw
	memo     map[*regexp.Regexp]bool
}

func (c *cues) has(re *regexp.Regexp) bool {
	if v, ok := c.memo[re]; ok {
		return v
	}
	if c.memo == nil {
		c.memo = map[*regexp.Regexp]bool{}
	}
	v := lang.GateOf(re).MatchString(c.low)
	c.memo[re] = v
	return v
}

func (c *cues) any(res ...*regexp.Regexp) bool {
	for _, re := range res {
		if c.has(re) {
			return true
		}
	}
	return false
}

// weapon reports a weapon word in the sentence, or, for an explosion
// without one, in the sentences around it.
func (c *cues) weapon(re *regexp.Regexp) bool {
	return c.has(re) || c.borrowed != "" && lang.GateOf(re).MatchString(c.borrowed)
}

func (c *cues) attack() bool { return c.has(attackRe) }

// vesselAround reports a ship named in the sentence or the sentences
// around it: "the vessel's owner said … The Galaxy Leader was boarded".
func (c *cues) vesselAround() bool {
	return c.has(vesselRe) || c.context != "" && lang.GateOf(vesselRe).MatchString(strings.ToLower(c.context))
}
func (c *cues) drone() bool { return c.weapon(droneRe) }
func (c *cues) missile() bool {
	return c.weapon(missileRe)
}
func (c *cues) air() bool { return c.weapon(airRe) }

// eventRule types the sentences it holds for; the first that holds wins,
// so specific weapons come before general ones and violence before the
// words that often only accompany it (arrests, looting).
type eventRule struct {
	sub  model.SubEventType
	when func(c *cues) bool
	why  string // an example sentence it is for
}

var eventRules = []eventRule{
	{model.SubSuicideBomb, func(c *cues) bool { return c.has(suicideRe) },
		"a suicide bomber blew himself up at the checkpoint"},
	{model.SubChemicalWeapon, func(c *cues) bool { return c.has(chemicalRe) && (c.attack() || c.has(usedRe)) },
		"forces used chemical weapons against the defenders of the town"},
	{model.SubRemoteExplosive, func(c *cues) bool { return c.has(iedRe) && (c.attack() || c.has(explosionRe)) },
		"a roadside bomb hit the convoy; naval drones attacked the bridge"},
	{model.SubGrenade, func(c *cues) bool {
		return c.has(grenadeRe) && !c.drone() && (c.attack() || c.has(explosionRe) || c.has(threwRe))
	},
		"a man threw a grenade into the bar, wounding four"},
	{model.SubLooting, func(c *cues) bool { return c.has(forcedBoardingRe) && c.vesselAround() },
		"the galaxy leader was illegally boarded and captured during a helicopter raid (a ship named around; the boarding, not the helicopter, is the event)"},
	{model.SubShellingMissile, func(c *cues) bool { return c.attack() && c.missile() && !c.drone() },
		"a russian missile struck a warehouse in the port district"},
	{model.SubAirDroneStrike, func(c *cues) bool { return c.attack() && (c.drone() || c.air()) },
		"drones attacked a fuel depot on the edge of the city"},
	{model.SubShellingMissile, func(c *cues) bool { return c.attack() && c.missile() },
		"a missile and drones struck the port (the missile decides)"},
	{model.SubAirDroneStrike, func(c *cues) bool { return c.has(aircraftDownRe) && c.has(shotDownRe) && !c.drone() },
		"the plane was shot down by an air defence missile: an aircraft brought down by a weapon"},
	{model.SubDisruptedWeapons, func(c *cues) bool { return c.has(interceptRe) && (c.drone() || c.missile()) },
		"air defence units had destroyed six drones over the black sea"},
	{model.SubOther, func(c *cues) bool { return c.has(aircraftDownRe) && !c.drone() },
		"a private jet carrying ten people crashed in the region: a crash whose cause is not told"},
	{model.SubAbduction, func(c *cues) bool { return c.has(abductRe) },
		"gunmen kidnapped two aid workers on the road to the camp"},
	{model.SubLooting, func(c *cues) bool { return c.has(seizedVesselRe) },
		"the rebels hijacked a cargo ship in the red sea"},
	{model.SubSexualViolence, func(c *cues) bool { return c.has(sexualRe) },
		"soldiers raped women in the village, witnesses said"},
	{model.SubArmedClash, func(c *cues) bool { return c.has(clashRe) },
		"troops clashed with militants near the border post"},
	{model.SubGovernmentRegains, func(c *cues) bool { return c.has(regainRe) },
		"the army recaptured the town after a week of fighting"},
	{model.SubNonStateOvertakes, func(c *cues) bool { return c.has(overtakeRe) },
		"insurgents seized control of the district centre"},
	{model.SubProtestForce, func(c *cues) bool { return c.has(protestRe) && c.has(forceRe) },
		"police opened fire on protesters, killing two"},
	{model.SubViolentDemonstration, func(c *cues) bool { return c.has(riotRe) || c.has(protestRe) && c.has(protestViolenceRe) },
		"protesters threw stones and set cars on fire"},
	{model.SubProtestIntervention, func(c *cues) bool { return c.has(protestRe) && c.has(interventionRe) },
		"police used tear gas to disperse the demonstrators"},
	{model.SubAttack, func(c *cues) bool { return c.has(shootingRe) },
		"a gunman opened fire at a bus stop; a man was shot and killed"},
	{model.SubMobViolence, func(c *cues) bool { return c.has(mobRe) },
		"a mob beat the suspected thief to death"},
	{model.SubPeacefulProtest, func(c *cues) bool { return c.has(protestRe) && c.has(protestActRe) },
		"hundreds of people protested outside the parliament"},
	{model.SubLooting, func(c *cues) bool { return c.has(lootingRe) },
		"shops were looted and a mosque was set on fire"},
	{model.SubArrests, func(c *cues) bool { return c.has(arrestRe) && c.has(politicalArrestRe) },
		"police detained twenty activists after the rally (a crime suspect's arrest is not an ACLED event)"},
	{model.SubAgreement, func(c *cues) bool { return c.has(agreementRe) },
		"the two sides agreed a ceasefire; a prisoner exchange took place"},
	{model.SubBaseEstablished, func(c *cues) bool { return c.has(baseRe) },
		"the group set up a new base in the hills"},
	{model.SubTerritoryTransfer, func(c *cues) bool { return c.has(transferRe) },
		"the troops withdrew from the town and handed over control"},
	{model.SubGroupChange, func(c *cues) bool { return c.has(groupChangeRe) },
		"the two militias announced their merger"},
	{model.SubUnnamedWeapon, func(c *cues) bool { return c.has(namedAttackRe) && !c.has(modalRe) },
		"condemned saturday's attack on the hospital: a strike whose weapon is not named may join an incident, never start one"},
}

// The lexicon of the rules beyond air, drone and missile strikes.
var (
	aircraftDownRe = regexp.MustCompile(`\b((planes?|jets?|aircraft|airliners?|helicopters?)\b.{0,60}\b(crash(ed|es)?|shot down|went down|came down|downed)|(shot down|downed)\s+(\w+\s+){0,3}(planes?|jets?|aircraft|airliners?|helicopters?))\b`)
	shotDownRe     = regexp.MustCompile(`\b(shot down|downed|missiles?|air defen[cs]es?)\b`)
	suicideRe      = regexp.MustCompile(`\b(suicide (bomb\w*|attack\w*|blast|car bomb|vest)|blew (himself|herself|themselves) up)\b`)
	chemicalRe     = regexp.MustCompile(`\b(chemical (weapons?|attacks?|munitions?|agents?)|chlorine gas|sarin|nerve agent)\b`)
	usedRe         = regexp.MustCompile(`\b(used|dropped|fired)\b`)
	iedRe          = regexp.MustCompile(`\b(roadside bombs?|car bombs?|improvised explosive|ieds?|landmines?|land mines?|explosive devices?|booby[- ]trap\w*|(sea|naval|surface|underwater|marine) drones?|unmanned (surface |sea |naval )?(boats?|vessels?))\b`)
	grenadeRe      = regexp.MustCompile(`\bgrenades?\b`)
	threwRe        = regexp.MustCompile(`\b(threw|thrown|hurled|lobbed|tossed)\b`)
	abductRe       = regexp.MustCompile(`\b(abduct(ed|ing|ion|s)?|kidnapp?(ed|ing|ings)?|taken hostage|took (\w+ ){0,3}hostages?|held hostage)\b`)
	// "seized a tanker", "had taken control of an Israeli-linked cargo
	// ship", "seized what they called an Israeli ship".
	seizedVesselRe   = regexp.MustCompile(`\b(seiz(ed|ing|ure of)|hijack(ed|ing)|boarded|captured|(took|taken|taking|seized|gained) control of) (what (\w+ ){1,4})?(the |a |an )?([\w-]+ ){0,5}(ship|vessel|tanker|freighter|carrier)\b`)
	vesselRe         = regexp.MustCompile(`\b(ships?|vessels?|tankers?|freighters?|cargo carriers?|ferry|ferries|yachts?|trawlers?)\b`)
	forcedBoardingRe = regexp.MustCompile(`\b(illegally|forcibly) boarded\b|\bboarded\b.{0,60}\b(captured|seized|hijacked|raid|stormed|commandeered)\b|\b(gunmen|pirates|commandos|militants|rebels|armed men|troops|soldiers)\b.{0,40}\bboarded\b`)
	sexualRe         = regexp.MustCompile(`\b(rap(e|ed|es|ing)|sexual(ly)? (assault\w*|violence|abuse\w*|attack\w*))\b`)
	clashRe          = regexp.MustCompile(`\b(clash(es|ed)? (with|between)|clashed|fighting (between|with)|fought (with|against|off)|firefights?|gun ?battles?|exchang(ed|e) of fire|exchanged fire|ambush(ed)?)\b`)
	// "Kherson, liberated in November 2022, is shelled": a participle set
	// off by commas recalls, it does not report.
	regainRe          = regexp.MustCompile(`\b(recaptur(ed|es)|retook|retaken|regain(ed)? control|took back|liberated (the|a|an)|(was|were|been) liberated|liberation of)\b`)
	overtakeRe        = regexp.MustCompile(`\b(militants?|rebels?|insurgents?|fighters|jihadists?|militias?|armed groups?) (have |had )?(seized|captured|overran|took control of|taken control of|took over)\b`)
	protestRe         = regexp.MustCompile(`\b(protest(s|ed|ers|ing)?|demonstrat(ion|ions|ors|ed)|rall(y|ies|ied)|marchers|sit-ins?|picket(s|ed|ers)?)\b`)
	protestActRe      = regexp.MustCompile(`\b(protest(ed|ing)|demonstrated|rallied|marched|gathered|took to the streets|held (a |an )?(\w+ )?(protest|demonstration|rally|vigil|march)|(protest|demonstration|rally|march) (was )?(held|took place)|protesters|demonstrators)\b`)
	forceRe           = regexp.MustCompile(`\b(opened fire|live (ammunition|rounds|fire)|shot dead|killing|killed|fired on)\b`)
	interventionRe    = regexp.MustCompile(`\b(tear ?gas|rubber bullets|water cannons?|dispers(ed|e)|detained|arrested|batons?|pepper spray|broke up)\b`)
	protestViolenceRe = regexp.MustCompile(`\b(threw (stones|rocks|bottles|molotov)|hurled|torched|set (\w+ ){0,3}(on )?fire|smashed|stormed|vandali[sz]ed|looted)\b`)
	riotRe            = regexp.MustCompile(`\b(riot(s|ed|ing|ers)?)\b`)
	shootingRe        = regexp.MustCompile(`\b((guns?|firearms?|rifles?|pistols?|handguns?|shotguns?|revolvers?)\b[^.;]{0,60}\b(discharged|went off|fired)|(accidental|negligent|unintentional) discharge of (a|an|the|his|her|their) ([\w-]+ ){0,2}(guns?|firearms?|handguns?|rifles?|pistols?|shotguns?|weapons?|revolvers?)|accidentally (fired|discharged)|(\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple) (people |men |women |teens |children )?shot\b|(man|woman|teen\w*|boy|girl|child|toddler|infant|officer|deputy|student|\d+-year-old)(, \d+,)? shot\b|bullets? (struck|hit)|(accidentally|fatally|critically|seriously) shot|shot (himself|herself|themselves|his own|her own)|shoots? (himself|herself|self)|shot (and killed|and wounded|dead|to death|multiple times|several times|in the|at)|fatally (shot|stabbed|wounded)|gunshot wounds?|gunfire|opened fire|shootings?|gunm[ae]n|shooters?|stabb(ed|ing|ings)|stab wounds?|murder(ed|s)?|homicides?|drive-by|(was|were|been|got|being) shot|shot (him|her|them|at)|shot (a|an|the|his|her|their|two|three|four|five|several|multiple) ([\w-]+ ){0,2}(m[ae]n|wom[ae]n|boys?|girls?|teen\w*|persons?|people|victims?|officers?|deput(y|ies)|students?|child(ren)?|drivers?|clerks?|residents?|brothers?|sisters?|wife|husband|girlfriend|boyfriend|father|mother|son|daughter|neighbou?rs?)\b)`)
	mobRe             = regexp.MustCompile(`\b(mob|lynch(ed|ing)?|vigilantes?)\b`)
	lootingRe         = regexp.MustCompile(`\b(loot(ed|ing)|torched|set (\w+ ){0,3}(on )?fire|burn(ed|t) down|ransacked|vandali[sz]ed)\b`)
	arrestRe          = regexp.MustCompile(`\b(arrest(ed|s)?|detain(ed|s)?|taken into custody)\b`)
	politicalArrestRe = regexp.MustCompile(`\b(activists?|protesters|demonstrators|opposition|journalists?|dissidents?|treason|sabotage|spying|espionage|collaborat\w*|extremis\w*|terror\w*|militants?|insurgents?)\b`)
	agreementRe       = regexp.MustCompile(`\b((signed|agreed|reached|announced|brokered) (a |an |the )?([\w-]+ ){0,3}(ceasefire|truce|peace (deal|agreement|accord)|agreement|deal)|(ceasefire|truce) (took effect|came into (force|effect))|prisoner (exchange|swap)|exchanged prisoners)\b`)
	baseRe            = regexp.MustCompile(`\b(established|set up|opened|built) (a |an |its |their )?(new )?([\w-]+ )?(base|headquarters|outpost)\b`)
	transferRe        = regexp.MustCompile(`\b((withdrew|pulled out) (\w+ ){0,2}(forces|troops)? ?from|handed over (control|the town|the city)|took (over|control) (\w+ ){0,4}without (a fight|resistance))\b`)
	groupChangeRe     = regexp.MustCompile(`\b(announced (its|their) (merger|dissolution|formation)|merged with|disbanded|pledged allegiance)\b`)
)

// notWeaponRe finds a weapon word that names something else: "an event
// for drone designers", "missile defence", "rocket sirens".
var notWeaponRe = regexp.MustCompile(`\b(drones?|uavs?|missiles?|rockets?)[ -](designers?|makers?|manufactur\w*|industry|production|factor(?:y|ies)|plants?|developers?|engineers?|exhibitions?|festivals?|competitions?|defen[cs]es?|sirens?|alerts?|warnings?|components?|parts|programs?|programmes?|technolog\w*|startups?|compan(?:y|ies)|firms?|scientists?)\b`)

// notWeapons blanks the weapon words that name something else, keeping
// the length of the text.
func notWeapons(low string) string {
	if !lang.GateOf(notWeaponRe).Admits(low) {
		return low
	}
	return notWeaponRe.ReplaceAllStringFunc(low, func(m string) string {
		k := strings.IndexAny(m, " -")
		return strings.Repeat(" ", k) + m[k:]
	})
}

// political reads whether an event is political violence: every ACLED
// type but an attack on civilians is; an attack is when an armed force
// or a political motive is named, crime when the words say so ("robbery",
// "domestic dispute"), else unknown.
func political(typ model.EventType, low string) model.Political {
	if typ != model.ViolenceCivilians {
		return model.PoliticalYes
	}
	switch {
	case armedForceRe.MatchString(low):
		return model.PoliticalYes
	case crimeRe.MatchString(low):
		return model.PoliticalNo
	}
	return model.PoliticalUnknown
}

var (
	armedForceRe = regexp.MustCompile(`\b(soldiers|troops|army|militants?|insurgents?|rebels?|terroris\w*|extremists?|jihadis\w*|armed groups?|militias?|paramilitar\w*|occupiers|hate crime|politically motivated|war)\b`)
	crimeRe      = regexp.MustCompile(`\b(robber(y|ies)|robbed|burglar\w*|domestic|dispute|argument|drugs?|gangs?|carjack\w*|road rage|home invasion|murder-suicide|accidental(ly)?)\b`)
)

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
	if lang.GateOf(habitualRe).Admits(low) {
		low = habitualRe.ReplaceAllStringFunc(low, blank)
	}
	if lang.GateOf(habitualVerbRe).Admits(low) {
		low = habitualVerbRe.ReplaceAllStringFunc(low, blank)
	}
	return low
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

// LaunchSite implements lang.Events: "launched from the Belgorod region",
// and the ends of a journey ("a plane en route from Moscow to St.
// Petersburg crashed in the Tver region", "a ship bound for Haifa"): a
// craft's route, not where it came down. A weapon's "to" stays its target
// ("drones flew from Belgorod to Kharkiv" struck Kharkiv), so only the
// words of a journey make a "to" one.
func (English) LaunchSite(before string) bool {
	before = strings.ToLower(before)
	return strings.HasSuffix(before, "from ") || strings.HasSuffix(before, "from the ") || routeEndRe.MatchString(before)
}

// Bearing implements lang.Events.
func (English) Bearing(before string) bool { return bearingRe.MatchString(strings.ToLower(before)) }

// bearingRe ends the text before a place others are told from: "northwest
// of", "south-east of the", "30 km from", "about 100 miles east of".
var bearingRe = regexp.MustCompile(`\b((north|south)[- ]?(east|west)?|east|west|(north|south)(east|west)ern|northern|southern|eastern|western|\d+ ?(km|kilometres|kilometers|miles|mi))\s+(of|from)\s+(the\s+)?(\w+('s|’s)\s+)?$`)

// routeEndRe ends the text before the destination of a journey.
var routeEndRe = regexp.MustCompile(`(?:\b(?:en route|travel+ing|journey|flight|sailing|bound|heading|headed|on (?:its|their|his|her|the) way)\b[^.;:]{0,40}\b(?:to|for)|\bbound for|\bdestined for) (?:the )?$`)

// Speaks implements lang.Events.
func (English) Speaks(before, after string) bool {
	return speaksRe.MatchString(strings.ToLower(after)) && !prepositionEndRe.MatchString(strings.ToLower(before))
}

// Office implements lang.Events.
func (English) Office(before string) bool { return officeRe.MatchString(strings.ToLower(before)) }

// officeRe ends the text before a place that names an official's office:
// "governor of Russia's", "the mayor of", "head of the".
var officeRe = regexp.MustCompile(`\b(governor|mayor|head|chief|administration|governments?|minister|ministry|police|prosecutors?|authorities|officials?|spokes(man|woman|person)|council|department|governorship)\s+of\s+(the\s+)?(\w+('s|’s)\s+)?$`)

// prepositionEndRe ends the text before a place that is the object of a
// preposition: "residents of", "officials in".
var prepositionEndRe = regexp.MustCompile(`\b(of|in|from|at|near|outside|around|across|over)\s+(the\s+)?$`)

// speaksRe opens the text after a capital that stands for its government:
// a verb of speaking ("Moscow said"), the title of who speaks for it
// ("Kremlin press secretary Dmitry Peskov"), its rule ("the Kiev
// regime"), or its hand in an attack ("Kyiv was behind the attack").
var speaksRe = regexp.MustCompile(`^(?:'s|’s)?\s+(?:press\s+secretary|spokes(?:man|woman|person)|envoy|ambassador|regime)\b|^\s+(?:(?:was|is|were|are|has\s+been)\s+(?:behind|responsible)|carried\s+out|staged|orchestrated|masterminded)\b|^(?:'s|’s)\s+(?:\w+\s+){0,2}(?:attacks|strikes|offensive|counteroffensive)\b|^(?:'s|’s)?\s+(?:has\s+|had\s+|have\s+)?(?:said|says|claimed|claims|blamed|blames|accused|accuses|denied|denies|warned|warns|vowed|vows|responded|condemned|condemns|insisted|insists|called|calls|announced|demanded|rejected|dismissed|threatened|admitted|confirmed|reported)\b`)

// EventWords implements lang.Events.
func (English) EventWords(sentence string) [][2]int {
	low := strings.ToLower(sentence)
	var out [][2]int
	for _, re := range eventWordRes {
		for _, m := range re.FindAllStringIndex(low, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

// eventWordRes find the words that tell an event happened, for placing a
// sentence's times: the attack and interception verbs and the triggers of
// the other rules.
var eventWordRes = []*regexp.Regexp{attackRe, interceptRe, shootingRe, clashRe, abductRe, sexualRe, protestRe, riotRe,
	lootingRe, seizedVesselRe, forcedBoardingRe, regainRe, overtakeRe, suicideRe, iedRe, grenadeRe}

// SpeechTime implements lang.Events.
func (English) SpeechTime(before string) bool {
	return speechTimeRe.MatchString(strings.ToLower(before))
}

// speechTimeRe ends the text just before a time of speaking: "said on",
// "told reporters on", "wrote late on".
var speechTimeRe = regexp.MustCompile(`\b(said|says|told \w+|reported|announced|wrote|added|stated|declared)\s+((early|late)\s+)?(on\s+)?$`)

// ReleaseTime implements lang.Events.
func (English) ReleaseTime(before string) bool {
	return releaseTimeRe.MatchString(strings.ToLower(before))
}

// releaseTimeRe ends the text just before the time pictures came out:
// "released dramatic footage on", "published a video late on".
var releaseTimeRe = regexp.MustCompile(`\b(released|published|posted|shared|aired|broadcast|circulated)\s+(\w+\s+){0,3}(footage|videos?|images|photos|photographs|pictures)\s+((early|late)\s+)?(on\s+)?$`)

// Since implements lang.Events.
func (English) Since(timex string) bool { return strings.HasPrefix(strings.ToLower(timex), "since") }

// Attacker implements lang.Events.
func (English) Attacker(demonym string) string { return demonymCountry[strings.ToLower(demonym)] }

var demonymCountry = map[string]string{"ukrainian": "Ukraine", "russian": "Russia", "belarusian": "Belarus", "iranian": "Iran", "israeli": "Israel", "syrian": "Syria"}
