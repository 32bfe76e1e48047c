// Command mapgen turns the world outline of npm world-atlas 2.0.2
// (countries-110m.json, TopoJSON from Natural Earth, ISC licence, © Michael
// Bostock; Natural Earth data is public domain) into SVG path data for the
// map page, in an equirectangular projection of 720 × 360 units
// (x = (lon + 180) × 2, y = (90 − lat) × 2), and the land of land-110m.json
// into closed polygons, so that land and sea can differ in colour. Run from
// the repository root:
//
//	npm install --prefix /tmp/gazsrc world-atlas@2.0.2
//	go run ./internal/web/mapgen -in /tmp/gazsrc/node_modules/world-atlas/countries-110m.json -out internal/web/static/world.path \
//		-land /tmp/gazsrc/node_modules/world-atlas/land-110m.json -land-out internal/web/static/land.path
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
	Objects map[string]struct {
		Type       string `json:"type"`
		Geometries []struct {
			Type string          `json:"type"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

func readTopology(path string) *topology {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		log.Fatal(err)
	}
	return &t
}

// points decodes arc i (delta-encoded, quantized) into projected points;
// a negative index ~i is arc i reversed, as TopoJSON writes it.
func (t *topology) points(i int) [][2]float64 {
	rev := i < 0
	if rev {
		i = ^i
	}
	var out [][2]float64
	var x, y float64
	for _, p := range t.Arcs[i] {
		x += p[0]
		y += p[1]
		lon := x*t.Transform.Scale[0] + t.Transform.Translate[0]
		lat := y*t.Transform.Scale[1] + t.Transform.Translate[1]
		out = append(out, [2]float64{(lon + 180) * 2, (90 - lat) * 2})
	}
	if rev {
		for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
			out[a], out[b] = out[b], out[a]
		}
	}
	return out
}

// landPath writes every ring of the land object as a closed subpath.
func landPath(t *topology) (string, int) {
	var sb strings.Builder
	rings := 0
	for _, obj := range t.Objects {
		for _, g := range obj.Geometries {
			var polys [][][]int
			switch g.Type {
			case "Polygon":
				var p [][]int
				if err := json.Unmarshal(g.Arcs, &p); err != nil {
					log.Fatal(err)
				}
				polys = [][][]int{p}
			case "MultiPolygon":
				if err := json.Unmarshal(g.Arcs, &polys); err != nil {
					log.Fatal(err)
				}
			}
			for _, poly := range polys {
				for _, ring := range poly {
					first := true
					for _, a := range ring {
						pts := t.points(a)
						for k, p := range pts {
							if k == 0 && !first {
								continue // an arc starts where the last ended
							}
							cmd := "L"
							if first {
								cmd = "M"
								first = false
							}
							fmt.Fprintf(&sb, "%s%.1f %.1f", cmd, p[0], p[1])
						}
					}
					sb.WriteString("Z")
					rings++
				}
			}
		}
	}
	return sb.String(), rings
}

func main() {
	in := flag.String("in", "", "world-atlas countries-110m.json")
	out := flag.String("out", "internal/web/static/world.path", "SVG path data to write")
	land := flag.String("land", "", "world-atlas land-110m.json (optional)")
	landOut := flag.String("land-out", "internal/web/static/land.path", "SVG path data of the land to write")
	flag.Parse()
	if *land != "" {
		d, rings := landPath(readTopology(*land))
		if err := os.WriteFile(*landOut, []byte(d+"\n"), 0o644); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s: %d rings, %d bytes", *landOut, rings, len(d))
	}
	t := readTopology(*in)
	// Every arc once: coastlines and borders, rounded to a tenth of a unit.
	var sb strings.Builder
	for i := range t.Arcs {
		for k, p := range t.points(i) {
			cmd := "L"
			if k == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&sb, "%s%.1f %.1f", cmd, p[0], p[1])
		}
	}
	if err := os.WriteFile(*out, []byte(sb.String()+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d arcs, %d bytes", *out, len(t.Arcs), sb.Len())
}
