package gazetteer

// regionAbbreviations are the short forms the press of a country writes
// after a town to say which state or province it is in ("Covington, Ky.",
// "Ottawa, Ont."): by country, by postal code (the ISO 3166-2 suffix), the
// abbreviations of the AP and Canadian Press styles as they are commonly
// printed. The two-letter postal codes are listed only in capitals with a
// dot ("Pa.") where they double as words or as other codes, and bare where
// they are only ever codes in running text ("TX" is matched as written by
// the tagger's entity, never as a word).
var regionAbbreviations = map[string]map[string][]string{
	"US": {
		"AL": {"Ala.", "AL"}, "AK": {"Alaska", "AK"}, "AZ": {"Ariz.", "AZ"}, "AR": {"Ark.", "AR"},
		"CA": {"Calif.", "Cal.", "CA"}, "CO": {"Colo.", "CO"}, "CT": {"Conn.", "CT"}, "DE": {"Del.", "DE"},
		"DC": {"D.C.", "DC"}, "FL": {"Fla.", "FL"}, "GA": {"Ga.", "GA"}, "HI": {"Hawaii", "HI"},
		"ID": {"Idaho", "ID"}, "IL": {"Ill.", "IL"}, "IN": {"Ind.", "IN"}, "IA": {"Iowa", "IA"},
		"KS": {"Kan.", "Kans.", "KS"}, "KY": {"Ky.", "KY"}, "LA": {"La.", "LA"}, "ME": {"Maine", "ME"},
		"MD": {"Md.", "MD"}, "MA": {"Mass.", "MA"}, "MI": {"Mich.", "MI"}, "MN": {"Minn.", "MN"},
		"MS": {"Miss.", "MS"}, "MO": {"Mo.", "MO"}, "MT": {"Mont.", "MT"}, "NE": {"Neb.", "Nebr.", "NE"},
		"NV": {"Nev.", "NV"}, "NH": {"N.H.", "NH"}, "NJ": {"N.J.", "NJ"}, "NM": {"N.M.", "N.Mex.", "NM"},
		"NY": {"N.Y.", "NY"}, "NC": {"N.C.", "NC"}, "ND": {"N.D.", "N.Dak.", "ND"}, "OH": {"Ohio", "OH"},
		"OK": {"Okla.", "OK"}, "OR": {"Ore.", "Oreg.", "OR"}, "PA": {"Pa.", "Penn.", "PA"}, "RI": {"R.I.", "RI"},
		"SC": {"S.C.", "SC"}, "SD": {"S.D.", "S.Dak.", "SD"}, "TN": {"Tenn.", "TN"}, "TX": {"Tex.", "TX"},
		"UT": {"Utah", "UT"}, "VT": {"Vt.", "VT"}, "VA": {"Va.", "VA"}, "WA": {"Wash.", "WA"},
		"WV": {"W.Va.", "W. Va.", "WV"}, "WI": {"Wis.", "Wisc.", "WI"}, "WY": {"Wyo.", "WY"},
	},
	"CA": {
		"AB": {"Alta.", "AB"}, "BC": {"B.C.", "BC"}, "MB": {"Man.", "MB"}, "NB": {"N.B.", "NB"},
		"NL": {"N.L.", "Nfld.", "NL"}, "NS": {"N.S.", "NS"}, "ON": {"Ont.", "ON"}, "PE": {"P.E.I.", "PE"},
		"QC": {"Que.", "QC"}, "SK": {"Sask.", "SK"},
	},
	"AU": {
		"NSW": {"NSW", "N.S.W."}, "QLD": {"Qld", "Qld."}, "VIC": {"Vic.", "Vic"}, "TAS": {"Tas.", "Tas"},
		"WA": {"W.A."}, "SA": {"S.A."}, "NT": {"N.T.", "NT"}, "ACT": {"A.C.T.", "ACT"},
	},
}
