/*
Package lang is the language seam. This is its design note.

# Why

sitrep's stages are meant to be language-neutral: nlp finds spans and
resolves them, incident clusters and merges, web and export show. Words
are not neutral. "Drones struck", "shot down", "almost daily", "a week
after", "said on", "at least", "the regional governor", "Ukrainian Navy
spokesman" are English, and Russian and Ukrainian reports (the primary
reporting of the war sitrep was founded on) say the same things in other
words. If those words sit inside the stages, a second language means
editing every stage; if they sit behind one interface, it means adding a
package.

# The shape

A language is a package internal/lang/<code> (en today) whose init calls
Register with a value implementing Language. A stage asks For(code) with
the article's language and calls the methods it needs. Language is a
union of small interfaces, one per concern, so a stage depends only on
what it reads:

  - Events: is this sentence an event report, of what ACLED kind; is it a
    recollection, habitual or hypothetical; which words report the event
    (so the time nearest them is the event's time, not the time of
    speaking); day and month cues; wire datelines; launch sites; which
    country a demonym before a weapon names.
  - Counts: what a count states in its clause ("killed", "drones downed").
  - Speakers: what other reports call a speaker with a given role (the
    head of a regional administration is the "regional governor"), and
    whether a speaker is described ("the ministry") or named ("Kremlin").

Methods take raw text (or an annotation's words) and answer in the
model's typed vocabulary (model.EventType, model.SubEventType, …). They
hold no state and do no I/O; tables and compiled patterns are package
variables of the language, each with the reason it exists.

# Languages without a full package: lexicons

Russian and Ukrainian (internal/lang/ru, internal/lang/uk) do not yet have
what English has behind the seam (a tagger, count and speaker rules). They
register a Lexicon instead (RegisterLexicon): month names in the forms
dates use, words for today, yesterday and "the night of", event words with
the kind each reports, case endings to undo before a place name is looked
up, adjectival endings that mark a word as no place of its own, the word
for a first-level region, and the names of regions the gazetteer knows only
in English. The language stage (nlp.annotateLexicon) reads with it each
sentence's event kind, place and day, which is what a report needs to join
the incident the English reports of the same strike build; entities,
counts and claims of these languages are not read yet. Which language a
text is in is lang.Identify's answer (identify.go), before any of this.

# Where each language-specific thing lives

Behind the seam (internal/lang/en):
  - the event lexicon: attack, weapon, interception, explosion, civilian
    and habitual words; recollection clauses; day and month cues; wire
    datelines; verbs of speaking before a time; demonyms of attackers
    (events.go)
  - the verbs that name what a count states (counts.go)
  - speaker roles and descriptions (speakers.go)

Not yet behind it, in the order they will move (each move is a package
edit in nlp, not in incident, which already reads annotations only):
  - quantities: number words, qualifiers and their bounds, vague amounts,
    count nouns (nlp/quantity.go)
  - attribution: cue verbs and their stances, source patterns
    (nlp/attribution.go)
  - time expressions: month and weekday names, relative words, the rule
    table (nlp/timex.go)
  - sentences and tokens: abbreviations, quote marks (nlp/tokenize.go)
  - names: the tagger model trained on English CoNLL-2003 (nlp/ner)
  - boilerplate phrases of plain-text dumps (extract/blocks.go)

A test in internal/incident fails if that package imports regexp, nlp or
any language package: incident reads annotations (events, counts with
their facts and bounds, claims with speakers' aliases) and nothing else.

# Adding a language

Write internal/lang/<code> implementing Language, with table tests on
sentences you wrote; import it for its side effect where nlp imports en;
nlp then picks it by the article's language. Until the rows above have
moved, nlp's own English tables still run on every article, so a new
language also needs those pieces; the order above is the order in which
they are worth moving.
*/
package lang
