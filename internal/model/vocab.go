package model

// The typed vocabulary every stage shares. Each is a string type, so the
// JSON stays the words users read, while code compares constants the
// compiler checks instead of literals spelt three ways in three packages.

// Stance is how a speaker stands to what a claim says.
type Stance string

// Stances.
const (
	Asserts   Stance = "asserts"
	Denies    Stance = "denies"
	Accuses   Stance = "accuses"
	Doubts    Stance = "doubts"
	Threatens Stance = "threatens"
)

// Disputes reports whether a stance takes a side on responsibility or
// truth (a denial, an accusation, a doubt) rather than stating a fact.
func (s Stance) Disputes() bool { return s == Denies || s == Accuses || s == Doubts }

// FactStatus says how well a fact is supported by independent origins.
type FactStatus string

// Fact statuses (see PRODUCT.md, "Origins, parties and independence").
const (
	SingleSource FactStatus = "single-source" // stated by origins of one party only
	Corroborated FactStatus = "corroborated"  // stated by origins of two or more parties
	Contradicted FactStatus = "contradicted"  // origins give values that cannot all be true
)

// EntityType is the kind of a named mention.
type EntityType string

// Entity types: CoNLL's four, and the two sitrep adds by rule.
const (
	EntPerson    EntityType = "PERSON"
	EntOrg       EntityType = "ORG"
	EntLoc       EntityType = "LOC"
	EntMisc      EntityType = "MISC"
	EntNORP      EntityType = "NORP"      // nationalities, religious and political groups
	EntEquipment EntityType = "EQUIPMENT" // weapons and systems: drones, Pantsir, Patriot
)

// TimePrecision is how finely a time expression, report or incident is
// placed in time, from fine to coarse.
type TimePrecision string

// Time precisions.
const (
	TimeHour    TimePrecision = "hour"
	TimePart    TimePrecision = "part of day" // "early on Tuesday", "overnight"
	TimeDay     TimePrecision = "day"
	TimeWeek    TimePrecision = "week"
	TimeMonth   TimePrecision = "month"
	TimeQuarter TimePrecision = "quarter" // "the third quarter"
	TimeSeason  TimePrecision = "season"
	TimeYear    TimePrecision = "year"
	// TimeUnknown marks an incident no report dates.
	TimeUnknown TimePrecision = "unknown"
)

// EventRank ranks the precisions fine enough to date an event report:
// hour 4, part of day 3, day 2; a week or coarser is 0.
func (p TimePrecision) EventRank() int {
	switch p {
	case TimeHour:
		return 4
	case TimePart:
		return 3
	case TimeDay:
		return 2
	}
	return 0
}

// PlacePrecision is what kind of feature a place is, from fine to coarse.
type PlacePrecision string

// Place precisions.
const (
	PlaceLandmark PlacePrecision = "landmark"
	PlaceCity     PlacePrecision = "city"
	PlaceRegion   PlacePrecision = "region" // a first-level division, or a named region
	PlaceCountry  PlacePrecision = "country"
)

// EventRank ranks the places fine enough to locate an event report: a
// landmark 3, a city 2, a region 1; a country is 0.
func (p PlacePrecision) EventRank() int {
	switch p {
	case PlaceLandmark:
		return 3
	case PlaceCity:
		return 2
	case PlaceRegion:
		return 1
	}
	return 0
}

// EventType is an ACLED event type.
type EventType string

// ACLED event types.
const (
	Battles           EventType = "Battles"
	RemoteViolence    EventType = "Explosions/Remote violence"
	ViolenceCivilians EventType = "Violence against civilians"
	Protests          EventType = "Protests"
	Riots             EventType = "Riots"
	StrategicDevs     EventType = "Strategic developments"
	UnknownEventType  EventType = ""
)

// SubEventType is an ACLED sub-event type (and sitrep's one addition,
// SubUnnamedWeapon).
type SubEventType string

// ACLED sub-event types (ACLED codebook 2023), by event type.
const (
	// Battles
	SubArmedClash        SubEventType = "Armed clash"
	SubGovernmentRegains SubEventType = "Government regains territory"
	SubNonStateOvertakes SubEventType = "Non-state actor overtakes territory"
	// Explosions/Remote violence
	SubChemicalWeapon  SubEventType = "Chemical weapon"
	SubAirDroneStrike  SubEventType = "Air/drone strike"
	SubSuicideBomb     SubEventType = "Suicide bomb"
	SubShellingMissile SubEventType = "Shelling/artillery/missile attack"
	SubRemoteExplosive SubEventType = "Remote explosive/landmine/IED"
	SubGrenade         SubEventType = "Grenade"
	// Violence against civilians
	SubSexualViolence SubEventType = "Sexual violence"
	SubAttack         SubEventType = "Attack"
	SubAbduction      SubEventType = "Abduction/forced disappearance"
	// Protests
	SubPeacefulProtest     SubEventType = "Peaceful protest"
	SubProtestForce        SubEventType = "Excessive force against protesters"
	SubProtestIntervention SubEventType = "Protest with intervention"
	// Riots
	SubViolentDemonstration SubEventType = "Violent demonstration"
	SubMobViolence          SubEventType = "Mob violence"
	// Strategic developments
	SubAgreement         SubEventType = "Agreement"
	SubArrests           SubEventType = "Arrests"
	SubGroupChange       SubEventType = "Change to group/activity"
	SubDisruptedWeapons  SubEventType = "Disrupted weapons use"
	SubBaseEstablished   SubEventType = "Headquarters or base established"
	SubLooting           SubEventType = "Looting/property destruction"
	SubTerritoryTransfer SubEventType = "Non-violent transfer of territory"
	SubOther             SubEventType = "Other"
	// SubUnnamedWeapon types a report of an attack that names no weapon:
	// it joins an incident typed by other reports but never starts one.
	SubUnnamedWeapon SubEventType = "Attack, weapon not named"
)

// SubEventTypes maps every sub-event type to its ACLED event type.
var SubEventTypes = map[SubEventType]EventType{
	SubArmedClash: Battles, SubGovernmentRegains: Battles, SubNonStateOvertakes: Battles,
	SubChemicalWeapon: RemoteViolence, SubAirDroneStrike: RemoteViolence, SubSuicideBomb: RemoteViolence,
	SubShellingMissile: RemoteViolence, SubRemoteExplosive: RemoteViolence, SubGrenade: RemoteViolence,
	SubUnnamedWeapon:  RemoteViolence,
	SubSexualViolence: ViolenceCivilians, SubAttack: ViolenceCivilians, SubAbduction: ViolenceCivilians,
	SubPeacefulProtest: Protests, SubProtestForce: Protests, SubProtestIntervention: Protests,
	SubViolentDemonstration: Riots, SubMobViolence: Riots,
	SubAgreement: StrategicDevs, SubArrests: StrategicDevs, SubGroupChange: StrategicDevs,
	SubDisruptedWeapons: StrategicDevs, SubBaseEstablished: StrategicDevs, SubLooting: StrategicDevs,
	SubTerritoryTransfer: StrategicDevs, SubOther: StrategicDevs,
}

// Violent reports whether an event of this type harms people or property
// by force (the types an attack that names no weapon can join).
func (s SubEventType) Violent() bool {
	switch SubEventTypes[s] {
	case Battles, RemoteViolence, ViolenceCivilians, Riots:
		return true
	}
	return s == SubProtestForce || s == SubLooting
}

// Political says whether an incident is political violence or a
// political event in ACLED's sense, or other violence (crime) the news
// reports; unknown when the reports do not tell.
type Political string

// Political values.
const (
	PoliticalYes     Political = "true"
	PoliticalNo      Political = "false"
	PoliticalUnknown Political = "unknown"
)

// Count is a number as a report gives it: exact ("two"), a bound ("at
// least 66", "more than 10", "up to 600") or a vague range ("dozens"), so
// that figures export and compare by what they say, not by their words.
type Count struct {
	Min    float64  `json:"min"`
	Max    *float64 `json:"max,omitempty"` // nil: no upper bound
	Approx bool     `json:"approx,omitempty"`
}

// ExactCount is the count of a plain number.
func ExactCount(n float64) Count { return Count{Min: n, Max: &n} }

// Exact reports whether the count is one number, stated as such.
func (c Count) Exact() bool { return !c.Approx && c.Max != nil && *c.Max == c.Min }

// Admits reports whether a bound allows the exact number x: "at least 9"
// admits 9 and 12, "up to 5" admits 3. Approximate counts admit nothing:
// "about 50" neither confirms nor contradicts 48.
func (c Count) Admits(x float64) bool {
	if c.Approx {
		return false
	}
	return x >= c.Min && (c.Max == nil || x <= *c.Max)
}
