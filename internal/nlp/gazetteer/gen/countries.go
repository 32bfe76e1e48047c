package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
)

// atlas is the part of a world-atlas TopoJSON file (countries-50m.json)
// read here: the shared arcs and each country's polygons by ISO 3166-1
// numeric code.
type atlas struct {
	Arcs      [][][2]float64 `json:"arcs"`
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type string          `json:"type"`
				ID   string          `json:"id"`
				Arcs json.RawMessage `json:"arcs"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// countryPoints reads a world-atlas file and returns, per ISO numeric code,
// the country's own point and extent: the centroid of its largest polygon
// (the mainland: the United States' centre is in Kansas, not between
// Alaska and Hawaii) and that polygon's bounding box (west, south, east,
// north).
func countryPoints(path string) (map[int][6]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t atlas
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, p := range arc {
			x, y = x+p[0], y+p[1]
			arcs[i] = append(arcs[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	out := map[int][6]float64{}
	for _, g := range t.Objects.Countries.Geometries {
		id, err := strconv.Atoi(g.ID)
		if err != nil {
			continue // disputed areas without a code
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, err
			}
		default:
			continue
		}
		best, bestArea := [6]float64{}, -1.0
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			ring := unwrap(ringPoints(arcs, p[0]))
			area, lat, lon := centroid(ring)
			lon = math.Mod(lon+540, 360) - 180
			if math.Abs(area) > bestArea {
				w, s, e, n := bounds(ring)
				best, bestArea = [6]float64{lat, lon, w, s, e, n}, math.Abs(area)
			}
		}
		if bestArea > 0 {
			out[id] = best
		}
	}
	return out, nil
}

// ringPoints joins a ring's arcs (~i is arc i reversed), each arc's first
// point being the last of the one before.
func ringPoints(arcs [][][2]float64, idx []int) [][2]float64 {
	var ring [][2]float64
	for k, i := range idx {
		var pts [][2]float64
		if i >= 0 {
			pts = arcs[i]
		} else {
			src := arcs[^i]
			for j := len(src) - 1; j >= 0; j-- {
				pts = append(pts, src[j])
			}
		}
		if k > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		ring = append(ring, pts...)
	}
	return ring
}

// unwrap makes a ring's longitudes continuous across the antimeridian
// (179.9 → -179.9 becomes 179.9 → 180.1), so that its area and centroid
// are those of the shape, not of a band around the globe.
func unwrap(ring [][2]float64) [][2]float64 {
	for i := 1; i < len(ring); i++ {
		for ring[i][0]-ring[i-1][0] > 180 {
			ring[i][0] -= 360
		}
		for ring[i][0]-ring[i-1][0] < -180 {
			ring[i][0] += 360
		}
	}
	return ring
}

// centroid is the planar (longitude, latitude) area and centroid of a ring.
func centroid(ring [][2]float64) (area, lat, lon float64) {
	var cx, cy float64
	for i := range ring {
		p, q := ring[i], ring[(i+1)%len(ring)]
		c := p[0]*q[1] - q[0]*p[1]
		area += c
		cx += (p[0] + q[0]) * c
		cy += (p[1] + q[1]) * c
	}
	area /= 2
	if area == 0 {
		return 0, 0, 0
	}
	return area, cy / (6 * area), cx / (6 * area)
}

// bounds is a ring's extent, clamped to ±180° of longitude.
func bounds(ring [][2]float64) (w, s, e, n float64) {
	w, s, e, n = 180, 90, -180, -90
	for _, p := range ring {
		w, e = math.Min(w, p[0]), math.Max(e, p[0])
		s, n = math.Min(s, p[1]), math.Max(n, p[1])
	}
	return math.Max(w, -180), s, math.Min(e, 180), n
}

// countryRows are the lines of countrygeo.tsv: alpha-2 code, latitude,
// longitude, west, south, east, north.
func countryRows(points map[int][6]float64, numericToAlpha2 map[int]string) []string {
	var rows []string
	for id, p := range points {
		a2 := numericToAlpha2[id]
		if a2 == "" {
			continue
		}
		rows = append(rows, fmt.Sprintf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f", a2, p[0], p[1], p[2], p[3], p[4], p[5]))
	}
	sort.Strings(rows)
	return rows
}
