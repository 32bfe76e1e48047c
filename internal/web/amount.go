package web

import (
	"strings"

	"sitrep/internal/model"
)

// singular is the unit of one, for the units facts carry ("1 drones" read
// as a slip on every incident page).
var singular = map[string]string{
	"people": "person", "drones": "drone", "missiles": "missile", "rockets": "rocket",
	"shells": "shell", "buildings": "building", "homes": "home", "houses": "house",
	"vehicles": "vehicle", "aircraft": "aircraft", "ships": "ship", "vessels": "vessel",
}

// vague are counts written as words that take "of" before their unit:
// "hundreds of people", not "hundreds people".
var vague = map[string]bool{
	"dozens": true, "hundreds": true, "thousands": true, "tens": true, "scores": true, "millions": true,
}

// amount writes a fact's value with its unit as a reader says it.
func amount(value, unit string) string {
	switch {
	case unit == "":
		return value
	case value == "1":
		if one, ok := singular[unit]; ok {
			return "1 " + one
		}
		return "1 " + strings.TrimSuffix(unit, "s")
	case vague[strings.ToLower(value)]:
		return value + " of " + unit
	}
	return value + " " + unit
}

// placeLabel writes a place with its region and country, leaving out a
// region that only repeats the place ("Moscow, Moscow, RU").
func placeLabel(l model.Location) string {
	parts := []string{l.Name}
	if l.Admin1 != "" && !strings.EqualFold(l.Admin1, l.Name) {
		parts = append(parts, l.Admin1)
	}
	if l.Country != "" {
		parts = append(parts, l.Country)
	}
	return strings.Join(parts, ", ")
}
