// Command mapgen turns the world outline of npm world-atlas 2.0.2
// (countries-110m.json, TopoJSON from Natural Earth, ISC licence, © Michael
// Bostock; Natural Earth data is public domain) into SVG path data for the
// map page, in an equirectangular projection of 720 × 360 units
// (x = (lon + 180) × 2, y = (90 − lat) × 2). Run from the repository root:
//
//	npm install --prefix /tmp/gazsrc world-atlas@2.0.2
//	go run ./internal/web/mapgen -in /tmp/gazsrc/node_modules/world-atlas/countries-110m.json -out internal/web/static/world.path
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
)

type topology struct {
	Arcs      [][][2]float64 `json:"arcs"`
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
}

func main() {
	in := flag.String("in", "", "world-atlas countries-110m.json")
	out := flag.String("out", "internal/web/static/world.path", "SVG path data to write")
	flag.Parse()
	b, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		log.Fatal(err)
	}
	// Every arc once: coastlines and borders. Quantized arcs are
	// delta-encoded; decode, project, and round to a tenth of a unit.
	var sb strings.Builder
	for _, arc := range t.Arcs {
		var x, y float64
		for i, p := range arc {
			x += p[0]
			y += p[1]
			lon := x*t.Transform.Scale[0] + t.Transform.Translate[0]
			lat := y*t.Transform.Scale[1] + t.Transform.Translate[1]
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&sb, "%s%.1f %.1f", cmd, (lon+180)*2, (90-lat)*2)
		}
	}
	if err := os.WriteFile(*out, []byte(sb.String()+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d arcs, %d bytes", *out, len(t.Arcs), sb.Len())
}
