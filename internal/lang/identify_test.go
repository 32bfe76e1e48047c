package lang

import "testing"

// Sentences written here, as short as a channel's posts.
func TestIdentify(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Вночі сили ППО збили дев'ять дронів над областю.", "uk"},
		{"Ночью силы ПВО сбили девять беспилотников над областью.", "ru"},
		{"Працюють рятувальники, є загиблі.", "uk"},
		{"Это был уже третий удар за неделю.", "ru"},
		{"Что известно о взрывах", "ru"},
		{"Що відомо про вибухи", "uk"},
		{"Ноћас је оборено девет беспилотних летелица, јавља агенција.", "sr"},
		{"Уначы сіламі СПА збіта дзевяць беспілотнікаў, паведаміў губернатар, ўсе жывыя.", "be"},
		{"Two drones were shot down overnight.", "en"},
		{"Air raid alert lifted in the region", "en"},
		{"Air raid alert lifted", ""}, // too few words to tell; the stage reads it as English
		{"Zwei Drohnen wurden in der Nacht über der Region abgeschossen, teilte der Gouverneur am Morgen in seinem Kanal mit.", "de"},
		{"Zwei Drohnen wurden abgeschossen.", ""}, // too short to trust an unsure guess
		{"12:45 🚀🚀", ""},
	} {
		if got := Identify(tc.text); got != tc.want {
			t.Errorf("Identify(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
