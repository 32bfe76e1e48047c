// Package ru is Russian behind the language seam: for now the lexicon the
// language stage reads event reports with (see lang.Lexicon).
package ru

import (
	"time"
	"unicode"

	"sitrep/internal/lang"
	"sitrep/internal/model"
)

func init() { lang.RegisterLexicon(&Lexicon) }

// Lexicon is Russian's.
var Lexicon = lang.Lexicon{
	Code:   "ru",
	Script: unicode.Cyrillic,
	Months: map[string]time.Month{"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
		"августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12},
	Today:     []string{"сегодня", "ночью", "утром", "этой ночью", "сегодня утром", "днем", "днём"},
	Yesterday: []string{"вчера", "накануне", "вчера вечером"},
	NightOf:   []string{"в ночь на"},
	Triggers: []lang.Trigger{
		{Stem: "беспилотник", Sub: model.SubAirDroneStrike, Why: "drone"},
		{Stem: "бпла", Sub: model.SubAirDroneStrike, Why: "UAV (БПЛА)"},
		{Stem: "дрон", Sub: model.SubAirDroneStrike, Why: "drone"},
		{Stem: "безэкипажн", Sub: model.SubAirDroneStrike, Why: "uncrewed boat or aircraft"},
		{Stem: "авиаудар", Sub: model.SubAirDroneStrike, Why: "air strike"},
		{Stem: "ракет", Sub: model.SubShellingMissile, Why: "missile"},
		{Stem: "обстрел", Sub: model.SubShellingMissile, Why: "shelling"},
		{Stem: "артиллер", Sub: model.SubShellingMissile, Why: "artillery"},
		{Stem: "крушени", Sub: model.SubOther, Why: "crash of an aircraft"},
		{Stem: "разбил", Sub: model.SubOther, Why: "an aircraft crashed", With: []string{"самолет", "самолёт", "борт", "вертолет"}},
		{Stem: "авиакатастроф", Sub: model.SubOther, Why: "air crash"},
		{Stem: "захват", Sub: model.SubLooting, Why: "seizure of a vessel", With: []string{"судн", "корабл", "танкер", "сухогруз"}},
		{Stem: "удар", Sub: "", Why: "strike (a weapon named elsewhere decides)"},
		{Stem: "взрыв", Sub: "", Why: "explosion (a weapon named elsewhere decides)"},
		{Stem: "атак", Sub: "", Why: "attack (a weapon named elsewhere decides)"},
	},
	Endings:    []string{"ами", "ями", "ого", "ому", "ой", "ей", "ом", "ем", "ах", "ях", "е", "у", "ю", "а", "я", "ы", "и"},
	Nominative: []string{"", "а", "я", "ь", "ы"},
	Adjectival: []string{"ский", "ская", "ское", "ские", "ского", "скому", "ском", "ской", "скую", "ских", "скими", "ским",
		"цкий", "цкая", "цкого", "цком", "цкой"},
	Oblast: []string{"област", "ога", "облгосадминистрац", "губерн", "края", "крае", "край"},
	Regions: map[string]string{
		"крым": "Crimea", "крыму": "Crimea", "крыма": "Crimea", "крымом": "Crimea",
		"крымский": "Crimea", "крымского": "Crimea", "крымском": "Crimea", "крымскому": "Crimea", "крымским": "Crimea",
		"черное море": "Black Sea", "черном море": "Black Sea", "черного моря": "Black Sea",
		"азовское море": "Sea of Azov", "азовском море": "Sea of Azov", "азовского моря": "Sea of Azov",
		"красное море": "Red Sea", "красном море": "Red Sea", "красного моря": "Red Sea",
		"йемен": "Yemen", "йемена": "Yemen", "йемене": "Yemen", "йеменом": "Yemen",
		"подмосковье": "Moscow Oblast", "подмосковья": "Moscow Oblast", "подмосковью": "Moscow Oblast",
	},
	Numbers: map[string]float64{"двумя": 2, "тремя": 3, "четырьмя": 4, "пятью": 5, "один": 1, "одного": 1, "одному": 1, "одна": 1, "одной": 1, "одну": 1, "одно": 1,
		"два": 2, "двух": 2, "двум": 2, "двое": 2, "две": 2, "три": 3, "трех": 3, "трёх": 3, "трое": 3,
		"четыре": 4, "четырех": 4, "четырёх": 4, "четверо": 4, "пять": 5, "пяти": 5, "пятеро": 5,
		"шесть": 6, "шести": 6, "шестеро": 6, "семь": 7, "семи": 7, "семеро": 7, "восемь": 8, "восьми": 8,
		"девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "десятеро": 10},
	FactCues: []lang.FactCue{{Stem: "погиб", Fact: "killed"}, {Stem: "гибел", Fact: "killed"}, {Stem: "убит", Fact: "killed"},
		{Stem: "жертв", Fact: "killed"}, {Stem: "ранен", Fact: "injured"}, {Stem: "ранени", Fact: "injured"},
		{Stem: "пострадав", Fact: "injured"}, {Stem: "пострадал", Fact: "injured"}, {Stem: "травмир", Fact: "injured"},
		{Stem: "госпитализ", Fact: "injured"}},
	AtLeast: []string{"не менее", "по меньшей мере", "как минимум", "минимум"},
	Above:   []string{"более", "больше", "свыше"},
	About:   []string{"около", "порядка", "примерно", "почти"},
	Weapons: []lang.FactCue{{Stem: "беспилотн", Fact: "drones"}, {Stem: "бпла", Fact: "drones"}, {Stem: "дрон", Fact: "drones"},
		{Stem: "ракет", Fact: "missiles"}, {Stem: "безэкипажн", Fact: "drones"}, {Stem: "катер", Fact: "drones"}},
	Downed:   []string{"сбит", "сбил", "уничтож", "перехвач", "поражен", "подавлен"},
	Negation: []string{"не ", "нет "},
}
