package ner

import (
	"math/rand/v2"
	"sort"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs   int
	MinCount int // drop features seen fewer times in training
	Seed     uint64
	// Predicted, when set, holds first-pass labels for every training
	// document (doc → sentence → token); the model then learns the
	// second-pass document features from them.
	Predicted [][][]string
	Gazetteer func(string) []string
	Lexicon   func(string) []string
	Sports    bool // learn the sports-report features
	// Runs is how many perceptrons, each on its own shuffle of the data,
	// are trained and averaged into one model (0 or 1: a single run).
	Runs int
	// Progress is called after each epoch with the number of mistakes.
	Progress func(epoch, mistakes int)
}

type example struct {
	ids  [][]int32
	gold []int
}

// Train learns a model with the averaged structured perceptron.
func Train(docs []Doc, opts TrainOptions) *Model {
	if opts.Epochs == 0 {
		opts.Epochs = 10
	}
	tagSet := map[string]bool{"O": true}
	for _, d := range docs {
		for _, s := range d {
			for _, l := range s.Labels {
				tagSet[l] = true
			}
		}
	}
	var tags []string
	for t := range tagSet {
		if t != "O" {
			tags = append(tags, t)
		}
	}
	sort.Strings(tags)
	tags = append([]string{"O"}, tags...)
	tagID := map[string]int{}
	for i, t := range tags {
		tagID[t] = i
	}

	// Features of every training sentence, with document context built from
	// gold labels of the same document (with noise).
	var featSents [][][]string
	var golds [][]int
	for di, d := range docs {
		ctx := Context{Gazetteer: opts.Gazetteer, Lexicon: opts.Lexicon}
		if opts.Sports {
			words := make([][]string, len(d))
			for i, s := range d {
				words[i] = s.Words
			}
			ctx.Sports = IsSports(words)
		}
		if opts.Predicted != nil {
			words := make([][]string, len(d))
			for i, s := range d {
				words[i] = s.Words
			}
			ctx.DocLabels = docLabels(words, opts.Predicted[di])
		}
		for _, s := range d {
			featSents = append(featSents, sentenceFeatures(s.Words, ctx))
			g := make([]int, len(s.Labels))
			for i, l := range s.Labels {
				g[i] = tagID[l]
			}
			golds = append(golds, g)
		}
	}
	counts := map[string]int{}
	for _, fs := range featSents {
		for _, tok := range fs {
			for _, f := range tok {
				counts[f]++
			}
		}
	}
	m := &Model{Tags: tags, Feats: map[string]int32{}, Meta: map[string]string{}}
	var names []string
	for f, c := range counts {
		if c >= max(1, opts.MinCount) {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	for i, f := range names {
		m.Feats[f] = int32(i)
	}
	T := len(tags)
	exs := make([]example, len(featSents))
	for i, fs := range featSents {
		exs[i] = example{ids: m.featureIDs(fs), gold: golds[i]}
	}
	featSents = nil

	runs := max(1, opts.Runs)
	var w, tr []float32
	for run := 0; run < runs; run++ {
		rw, rtr := trainRun(m, exs, T, len(names), opts, rand.New(rand.NewPCG(opts.Seed+uint64(run)*7919, opts.Seed+1)))
		if w == nil {
			w, tr = rw, rtr
			continue
		}
		for k := range w {
			w[k] += rw[k]
		}
		for k := range tr {
			tr[k] += rtr[k]
		}
	}
	if runs > 1 {
		for k := range w {
			w[k] /= float32(runs)
		}
		for k := range tr {
			tr[k] /= float32(runs)
		}
	}
	m.W, m.Trans = w, tr
	if opts.Sports {
		m.Meta["sports"] = "true"
	}
	return m
}

// TrainTwoPass trains the first-pass model on all documents, then the
// second-pass model on document features computed from first-pass labels
// that each document received from a model not trained on it (k-fold
// jackknife), so the second pass learns how far first-pass labels can be
// trusted on unseen text.
func TrainTwoPass(docs []Doc, opts TrainOptions, folds int) *Model {
	first := Train(docs, opts)
	pred := make([][][]string, len(docs))
	for k := 0; k < folds; k++ {
		var in []Doc
		for i, d := range docs {
			if i%folds != k {
				in = append(in, d)
			}
		}
		o := opts
		o.Progress = nil
		mk := Train(in, o)
		for i, d := range docs {
			if i%folds != k {
				continue
			}
			pred[i] = make([][]string, len(d))
			words := make([][]string, len(d))
			for j, s := range d {
				words[j] = s.Words
			}
			ctx := Context{Gazetteer: opts.Gazetteer, Lexicon: opts.Lexicon, Sports: opts.Sports && IsSports(words)}
			for j, s := range d {
				pred[i][j] = mk.TagSentence(s.Words, ctx)
			}
		}
	}
	o := opts
	o.Predicted = pred
	first.Second = Train(docs, o)
	return first
}

// trainRun is one averaged-perceptron run over the examples in the order rng
// shuffles them; it returns the averaged emission and transition weights.
func trainRun(m *Model, exs []example, T, nfeat int, opts TrainOptions, rng *rand.Rand) ([]float32, []float32) {
	w := make([]float32, nfeat*T)
	u := make([]float32, nfeat*T) // Σ step·Δ, for averaging
	tr := make([]float32, (T+1)*T)
	tu := make([]float32, (T+1)*T)
	step := float32(1)
	var emit []float64
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes := 0
		for _, k := range order {
			ex := exs[k]
			emit = emissionsFromIDs(ex.ids, w, T, emit)
			pred := m.viterbi(emit, len(ex.ids), tr)
			for i := range pred {
				g, p := ex.gold[i], pred[i]
				prevG, prevP := T, T // the start row
				if i > 0 {
					prevG, prevP = ex.gold[i-1], pred[i-1]
				}
				if g != p {
					mistakes++
					for _, f := range ex.ids[i] {
						w[int(f)*T+g]++
						u[int(f)*T+g] += step
						w[int(f)*T+p]--
						u[int(f)*T+p] -= step
					}
				}
				if g != p || prevG != prevP {
					tr[prevG*T+g]++
					tu[prevG*T+g] += step
					tr[prevP*T+p]--
					tu[prevP*T+p] -= step
				}
			}
			step++
		}
		if opts.Progress != nil {
			opts.Progress(epoch, mistakes)
		}
	}
	for i := range w {
		w[i] -= u[i] / step
	}
	for i := range tr {
		tr[i] -= tu[i] / step
	}
	return w, tr
}
