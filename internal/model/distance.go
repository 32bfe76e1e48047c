package model

import "math"

// DistanceKm is the great-circle distance between two points, on a sphere
// 12,742 km across (the mean Earth diameter the geoparsing scorers use).
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	r := func(d float64) float64 { return d * math.Pi / 180 }
	x := math.Pow(math.Sin(r(lat2-lat1)/2), 2) + math.Cos(r(lat1))*math.Cos(r(lat2))*math.Pow(math.Sin(r(lon2-lon1)/2), 2)
	return 12742 * math.Asin(math.Sqrt(math.Min(1, x)))
}
