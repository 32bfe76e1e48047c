package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestRequestsAreBounded(t *testing.T) {
	ts, _ := testServer(t)
	long := url.QueryEscape(strings.Repeat("drone strike ", 2500))
	for _, c := range []struct {
		path string
		code int
		want string
	}{
		{"/?page=9223372036854775807", 400, "page must be"},
		{"/?page=0", 400, "page must be"},
		{"/?page=x", 400, "page must be"},
		{"/?page=2", 200, ""},
		{"/search?q=" + long, 400, "query string is longer"},
		{"/search?q=" + url.QueryEscape(strings.Repeat("w ", 13)), 400, "at most"},
		{"/search?q=drone+strike", 200, ""},
		{"/api/incidents?limit=-1", 400, "limit must be"},
		{"/api/incidents?offset=99999999999999999999", 400, "offset must be"},
		{"/?from=yesterday", 400, "from must be a date"},
		{"/?from=2023-05-01&to=2023-05-31", 200, ""},
		{"/static/", 404, ""},
		{"/static/style.css", 200, ""},
	} {
		body, _ := get(t, ts, c.path, c.code)
		if !strings.Contains(body, c.want) {
			t.Errorf("%.60s: body %.200q, want %q", c.path, body, c.want)
		}
	}
}

func TestNotFoundHasNavigation(t *testing.T) {
	ts, _ := testServer(t)
	body, _ := get(t, ts, "/no/such/<page>", 404)
	if !strings.Contains(body, `href="/map"`) || strings.Contains(body, "<page>") {
		t.Errorf("404 page: %.300q", body)
	}
	if body, _ := get(t, ts, "/api/nope", 404); !strings.Contains(body, `"error"`) {
		t.Errorf("API 404: %q", body)
	}
}

func TestSearchPageShowsOutletAndPages(t *testing.T) {
	ts, _ := testServer(t)
	body, _ := get(t, ts, `/search?q=`+url.QueryEscape(`"fuel depot" OR drones`), 200)
	if !strings.Contains(body, "Results 1–") || !strings.Contains(body, `class="prec"`) {
		t.Errorf("search page: %.2000s", body)
	}
	body, _ = get(t, ts, "/search?q=drones&page=99", 200)
	if !strings.Contains(body, "No results") || !strings.Contains(body, `href="/search?page=98&amp;q=drones"`) {
		t.Errorf("page past the end: %.2000s", body)
	}
}

func TestExportLinks(t *testing.T) {
	ts, _ := testServer(t)
	list, _ := get(t, ts, "/?type=Air%2Fdrone+strike&page=1", 200)
	if !strings.Contains(list, `href="/export/incidents.csv?type=Air%2Fdrone&#43;strike"`) {
		t.Errorf("no filtered export link on the list:\n%.3000s", list)
	}
	csv, hdr := get(t, ts, "/export/incidents.csv?type=Air%2Fdrone+strike", 200)
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || !strings.Contains(csv, "event_id_cnty") || strings.Contains(csv, "Shelling") {
		t.Errorf("csv export: %s\n%.500s", hdr.Get("Content-Type"), csv)
	}
	geo, hdr := get(t, ts, "/export/incidents.geojson", 200)
	if hdr.Get("Content-Type") != "application/geo+json" || !strings.Contains(geo, `"FeatureCollection"`) {
		t.Errorf("geojson export: %s\n%.300s", hdr.Get("Content-Type"), geo)
	}
}

func TestOutlets(t *testing.T) {
	ts, _ := testServer(t)
	list, _ := get(t, ts, "/outlets", 200)
	m := regexp.MustCompile(`href="/outlets/([^"]+)"`).FindStringSubmatch(list)
	if m == nil || !strings.Contains(list, "<th>Copies</th>") {
		t.Fatalf("outlets page: %.2000s", list)
	}
	page, _ := get(t, ts, "/outlets/"+m[1], 200)
	if !strings.Contains(page, `href="/articles/`) {
		t.Errorf("outlet page %s lists no article: %.2000s", m[1], page)
	}
	get(t, ts, "/outlets/no-such-outlet.example", 404)
}
