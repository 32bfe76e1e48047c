// Package uk is Ukrainian behind the language seam: for now the lexicon
// the language stage reads event reports with (see lang.Lexicon).
package uk

import (
	"time"
	"unicode"

	"sitrep/internal/lang"
	"sitrep/internal/model"
)

func init() { lang.RegisterLexicon(&Lexicon) }

// Lexicon is Ukrainian's.
var Lexicon = lang.Lexicon{
	Code:   "uk",
	Script: unicode.Cyrillic,
	Months: map[string]time.Month{"січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
		"серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12},
	Today:     []string{"сьогодні", "вночі", "вранці", "цієї ночі", "сьогодні вранці", "вдень"},
	Yesterday: []string{"учора", "вчора", "напередодні"},
	NightOf:   []string{"в ніч на", "у ніч на"},
	Triggers: []lang.Trigger{
		{Stem: "безпілотник", Sub: model.SubAirDroneStrike, Why: "drone"},
		{Stem: "бпла", Sub: model.SubAirDroneStrike, Why: "UAV (БПЛА)"},
		{Stem: "дрон", Sub: model.SubAirDroneStrike, Why: "drone"},
		{Stem: "шахед", Sub: model.SubAirDroneStrike, Why: "Shahed drone"},
		{Stem: "авіаудар", Sub: model.SubAirDroneStrike, Why: "air strike"},
		{Stem: "ракет", Sub: model.SubShellingMissile, Why: "missile"},
		{Stem: "обстріл", Sub: model.SubShellingMissile, Why: "shelling"},
		{Stem: "артилер", Sub: model.SubShellingMissile, Why: "artillery"},
		{Stem: "катастроф", Sub: model.SubOther, Why: "crash of an aircraft", With: []string{"літак", "борт", "гелікоптер"}},
		{Stem: "розбив", Sub: model.SubOther, Why: "an aircraft crashed", With: []string{"літак", "борт", "гелікоптер"}},
		{Stem: "авіакатастроф", Sub: model.SubOther, Why: "air crash"},
		{Stem: "захопи", Sub: model.SubLooting, Why: "seizure of a vessel", With: []string{"судн", "корабл", "танкер", "суховантаж"}},
		{Stem: "захоплен", Sub: model.SubLooting, Why: "seizure of a vessel", With: []string{"судн", "корабл", "танкер", "суховантаж"}},
		{Stem: "удар", Sub: "", Why: "strike (a weapon named elsewhere decides)"},
		{Stem: "вибух", Sub: "", Why: "explosion (a weapon named elsewhere decides)"},
		{Stem: "атак", Sub: "", Why: "attack (a weapon named elsewhere decides)"},
	},
	Endings:    []string{"ами", "ями", "ого", "ому", "ою", "ею", "ій", "ом", "ем", "ах", "ях", "і", "у", "ю", "а", "я", "и", "е"},
	Nominative: []string{"", "а", "я", "ь", "і", "и"},
	Adjectival: []string{"ський", "ська", "ське", "ські", "ської", "ського", "ському", "ській", "ською", "ських", "ськими", "ським",
		"цький", "цька", "цької", "цького", "цькому", "цькій"},
	Oblast: []string{"област", "ова", "ода", "облдержадміністрац", "краю", "краї", "край"},
	Regions: map[string]string{
		"крим": "Crimea", "криму": "Crimea", "кримом": "Crimea",
		"кримський": "Crimea", "кримського": "Crimea", "кримському": "Crimea", "кримським": "Crimea",
		"чорне море": "Black Sea", "чорному морі": "Black Sea", "чорного моря": "Black Sea",
		"азовське море": "Sea of Azov", "азовському морі": "Sea of Azov", "азовського моря": "Sea of Azov",
		"червоне море": "Red Sea", "червоному морі": "Red Sea", "червоного моря": "Red Sea",
		"ємен": "Yemen", "ємену": "Yemen", "ємені": "Yemen",
	},
	Numbers: map[string]float64{"двома": 2, "трьома": 3, "чотирма": 4, "п'ятьма": 5, "один": 1, "одного": 1, "одному": 1, "одна": 1, "однієї": 1, "одну": 1, "одне": 1,
		"два": 2, "двох": 2, "двом": 2, "двоє": 2, "дві": 2, "три": 3, "трьох": 3, "троє": 3,
		"чотири": 4, "чотирьох": 4, "четверо": 4, "п'ять": 5, "п'ятьох": 5, "п'ятеро": 5,
		"шість": 6, "шести": 6, "шістьох": 6, "шестеро": 6, "сім": 7, "семи": 7, "сімох": 7, "семеро": 7,
		"вісім": 8, "восьми": 8, "вісьмох": 8, "дев'ять": 9, "десять": 10, "десяти": 10, "десятьох": 10},
	FactCues: []lang.FactCue{{Stem: "загин", Fact: "killed"}, {Stem: "загибл", Fact: "killed"}, {Stem: "загибел", Fact: "killed"},
		{Stem: "вбит", Fact: "killed"}, {Stem: "жертв", Fact: "killed"}, {Stem: "поранен", Fact: "injured"},
		{Stem: "поранень", Fact: "injured"}, {Stem: "постражд", Fact: "injured"}, {Stem: "травмов", Fact: "injured"},
		{Stem: "госпіталіз", Fact: "injured"}},
	AtLeast: []string{"щонайменше", "не менше", "принаймні", "мінімум"},
	Above:   []string{"більш ніж", "більше", "понад"},
	About:   []string{"близько", "приблизно", "майже"},
	Weapons: []lang.FactCue{{Stem: "безпілотн", Fact: "drones"}, {Stem: "бпла", Fact: "drones"}, {Stem: "дрон", Fact: "drones"},
		{Stem: "шахед", Fact: "drones"}, {Stem: "ракет", Fact: "missiles"}},
	Downed:   []string{"збит", "збил", "знищ", "перехоп", "уражен"},
	Negation: []string{"не ", "немає "},
}
