package nlp

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func describe(text string, as []Attribution) string {
	var out []string
	for _, a := range as {
		s := fmt.Sprintf("src=%q cue=%q content=%q stance=%s", text[a.Source.Start:a.Source.End], text[a.Cue.Start:a.Cue.End],
			text[a.Content.Start:a.Content.End], a.Stance)
		if a.Direct {
			s += " direct"
		}
		if a.Hedged {
			s += " hedged"
		}
		if a.Channel != "" {
			s += " via=" + a.Channel
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func TestFindAttributions(t *testing.T) {
	cases := []struct{ in, want string }{
		{`In Moscow, two people suffered minor injuries after a number of drones crashed into residential buildings in the city's south-west, mayor Sergei Sobyanin said.`,
			`src="mayor Sergei Sobyanin" cue="said" content="In Moscow, two people suffered minor injuries after a number of drones crashed into residential buildings in the city's south-west" stance=asserts`},
		{`Russia's defence minister Sergei Shoigu said Ukraine had used eight drones in the attack but that none had hit their targets.`,
			`src="Russia's defence minister Sergei Shoigu" cue="said" content="Ukraine had used eight drones in the attack but that none had hit their targets" stance=asserts`},
		{`“Legitimate military targets beyond its own border are part of Ukraine’s self-defence,” said foreign secretary James Cleverly during a news conference on Tuesday.`,
			`src="foreign secretary James Cleverly" cue="said" content="Legitimate military targets beyond its own border are part of Ukraine’s self-defence" stance=asserts direct via=during a news conference`},
		{`Putin briefly reacted yesterday, claiming, without any proof, that the Russian air defense had worked as intended.`,
			``},
		{`In a tweet, Mykhailo Podolyak, a senior advisor to Ukrainian President Volodymyr Zelensky, claimed that Ukraine “does not attack targets on the territory of the Russian Federation”.`,
			`src="Mykhailo Podolyak, a senior advisor to Ukrainian President Volodymyr Zelensky" cue="claimed" content="Ukraine “does not attack targets on the territory of the Russian Federation”" stance=denies via=in a tweet`},
		{`Yevgeny Prigozhin, head of the mercenary outfit Wagner, commented on his Telegram channel: “The people have a right to ask these questions.”`,
			`src="Yevgeny Prigozhin, head of the mercenary outfit Wagner" cue="commented" content="The people have a right to ask these questions." stance=asserts direct via=on his telegram channel`},
		{`It asserts that it “reserves the right to respond where and when it deems it necessary.”`,
			`src="It" cue="asserts" content="it “reserves the right to respond where and when it deems it necessary.”" stance=threatens`},
		{`The Kremlin alleges that two unmanned aerial vehicles attempted to strike Putin’s Kremlin residence.`,
			`src="The Kremlin" cue="alleges" content="two unmanned aerial vehicles attempted to strike Putin’s Kremlin residence" stance=accuses`},
		{`Kyiv denied any involvement, according to Ukrainian officials.`,
			`src="Ukrainian officials" cue="according to" content="Kyiv denied any involvement" stance=asserts`},
		{`The regional governor said that nobody was hurt, according to preliminary information.`,
			`src="The regional governor" cue="said" content="nobody was hurt, according to preliminary information" stance=asserts`},
		{`Rescuers pulled 12 people from the rubble. This was reported by the State Emergency Service on Telegram.`,
			`src="the State Emergency Service" cue="was reported by" content="Rescuers pulled 12 people from the rubble" stance=asserts via=telegram`},
		{`He said: “We will respond.” Then he left.`,
			`src="He" cue="said" content="We will respond." stance=threatens direct`},
		{`“This once again raises the issue,” Rybar wrote. “It also calls into question our reconnaissance.”`,
			`src="Rybar" cue="wrote" content="This once again raises the issue" stance=asserts direct`},
		{`“Why now?” the governor asked, before leaving.`,
			`src="the governor" cue="asked" content="Why now?" stance=asserts direct`},
		{`“We will rebuild,” the mayor often said.`,
			`src="the mayor" cue="often said" content="We will rebuild" stance=asserts direct`},
		{`Asked if the remarks had rattled him as well, Ryan said, “Sure. I get that, too.”`,
			`src="Ryan" cue="said" content="Sure" stance=asserts direct`},
		{`“He will be the flavour of the week,” election law expert Rick Hasen tweeted Monday.`,
			`src="election law expert Rick Hasen" cue="tweeted" content="He will be the flavour of the week" stance=asserts direct`},
		{`“We ask the powerful hard questions,” said Ramos, whose new book features interviews with powerful politicians and “rebellious” figures.`,
			`src="Ramos" cue="said" content="We ask the powerful hard questions" stance=asserts direct`},
		{`Said Ellis: “I don’t get the sense she’s interested.”`,
			`src="Ellis" cue="Said" content="I don’t get the sense she’s interested." stance=asserts direct`},
		{`“We will not back down,” the statement read.`,
			`src="the statement" cue="read" content="We will not back down" stance=asserts direct`},
		{`He read the statement aloud to reporters outside the court.`,
			``},
		{`“Stay back,” the officer yells as the crowd moves closer.`,
			`src="the officer" cue="yells" content="Stay back" stance=asserts direct`},
		// A role and a name set off by commas before the cue are the source.
		{`The head of the administration, Serhiy Dubenko, said the strike happened at about 6:40 a.m. and that the warehouse was private.`,
			`src="The head of the administration, Serhiy Dubenko" cue="said" content="the strike happened at about 6:40 a.m. and that the warehouse was private" stance=asserts`},
		// Doubled apostrophes as quotation marks (a house style of some papers).
		{`''The sirens went on for an hour,'' said Ms. Hollis.`,
			`src="Ms. Hollis" cue="said" content="The sirens went on for an hour" stance=asserts direct`},
		// A name and appositive between the quotation and the cue: the
		// closing comma belongs to the source, as PolNeAR marks it.
		{`"The bridge is closed for now," Omar Petrenko, a spokesman for the regional administration, said on Telegram.`,
			`src="Omar Petrenko, a spokesman for the regional administration," cue="said" content="The bridge is closed for now" stance=asserts direct via=telegram`},
		// A relative clause closing the sentence is part of the source.
		{`"We heard three blasts," said Lena Moroz, a teacher at the school, who lives next to the depot.`,
			`src="Lena Moroz, a teacher at the school, who lives next to the depot" cue="said" content="We heard three blasts" stance=asserts direct`},
		// Between a closed quotation and the cue everything is the source,
		// parentheses and an "and" in the appositive included; "said of X"
		// names a topic, not a speaker.
		{`“They wanted a quick win,” Rep. Anna Kovalenko (R-Ohio), a member of the oversight panel and a former diplomat, said of the plan.`,
			`src="Rep. Anna Kovalenko (R-Ohio), a member of the oversight panel and a former diplomat," cue="said" content="They wanted a quick win" stance=asserts direct`},
		// British order: the comma after the closing mark.
		{`“The port is open”, Olena Bondar, the harbour master, said.`,
			`src="Olena Bondar, the harbour master," cue="said" content="The port is open" stance=asserts direct`},
	}
	for _, c := range cases {
		got := describe(c.in, FindAttributions(c.in))
		if got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestAttributionAcrossParagraphs(t *testing.T) {
	text := "The governor wrote:\n\n\"Three drones were shot down. One hit a tank.\"\n\n\"Nobody was hurt,\" he added. ― Black Sea Watch"
	as := FindAttributions(text)
	if len(as) < 2 {
		t.Fatalf("got %d attributions:\n%s", len(as), describe(text, as))
	}
	if got := text[as[0].Source.Start:as[0].Source.End]; got != "The governor" || !as[0].Direct {
		t.Errorf("colon-introduced quote: source %q direct %v", got, as[0].Direct)
	}
}

func FuzzFindAttributions(f *testing.F) {
	for _, s := range []string{`"A," he said.`, `X said: "`, `according to`, `― Name`, `“”said`, `''It is,'' said Mr. X, who`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range FindAttributions(s) {
			for _, sp := range []Span{a.Source, a.Cue, a.Content} {
				if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
					t.Fatalf("bad span %+v in %q", sp, s)
				}
			}
		}
	})
}

// A heading before a colon ("Kyiv Responds:") is not the speaker, and a
// pronoun after is the speaker, not the person named in their role.
func TestHeadingAndPronounSpeaker(t *testing.T) {
	text := "Kyiv Responds: In a statement, Olena Marchenko, a spokeswoman for Defence Minister Ivan Petrenko, said that the army “did not strike the depot”. She said it was a fabrication."
	an := Annotate(text, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	if len(an.Claims) != 2 {
		t.Fatalf("claims %+v", an.Claims)
	}
	for i, c := range an.Claims {
		if c.Speaker.Name != "Olena Marchenko" {
			t.Errorf("claim %d speaker %+v", i, c.Speaker)
		}
	}
	if an.Claims[0].Text != "the army “did not strike the depot”" {
		t.Errorf("claimed text %q", an.Claims[0].Text)
	}
}

// "It" after a sentence opened by a country is that country, not the
// person quoted last.
func TestItIsTheSubjectBefore(t *testing.T) {
	text := "Olena Marchenko, a spokeswoman for the ministry, said the army did not strike the depot. Russia describes the blast as sabotage. It insists that it “will respond in kind”."
	an := Annotate(text, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	last := an.Claims[len(an.Claims)-1]
	if last.Speaker.Name != "Russia" || last.Speaker.Affiliation != "Russian government" {
		t.Errorf("claims %+v", an.Claims)
	}
}

// The time of speaking is not part of the speaker.
func TestSpeakerWithoutSpeakingTime(t *testing.T) {
	text := "Russia on Monday said the bridge had been attacked by two sea drones."
	an := Annotate(text, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	if len(an.Claims) != 1 || an.Claims[0].Speaker.Name != "Russia" {
		t.Errorf("claims %+v", an.Claims)
	}
}
