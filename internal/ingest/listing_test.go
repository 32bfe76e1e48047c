package ingest

import (
	"strings"
	"testing"
	"time"
)

// tmePage is a t.me/s page in the shape Telegram serves its public web
// preview: message blocks with data-post, the text, a forward, a reply
// quoting another post, a post without text, a "load more" link.
const tmePage = `<!DOCTYPE html><html><head>
<meta property="og:title" content="Regional Governor">
<link rel="canonical" href="https://t.me/s/regiongov">
</head><body>
<section class="tgme_channel_history js-message_history">
<div class="tme_messages_more js-messages_more" data-before="100" href="/s/regiongov?before=100"></div>
<div class="tgme_widget_message_wrap js-widget_message_wrap">
 <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="regiongov/101" data-view="x">
  <div class="tgme_widget_message_bubble">
   <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/regiongov"><span dir="auto">Regional Governor</span></a></div>
   <div class="tgme_widget_message_text js-message_text" dir="auto">Air defence shot down two drones over the district overnight.<br/><br/>No one was hurt. Details: <a href="https://example.org/report" target="_blank">report</a></div>
   <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
    <span class="tgme_widget_message_views">12.4K</span>
    <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/regiongov/101"><time datetime="2026-11-27T04:10:00+00:00" class="time">04:10</time></a></span>
   </div></div>
  </div>
 </div>
</div>
<div class="tgme_widget_message_wrap js-widget_message_wrap">
 <div class="tgme_widget_message js-widget_message" data-post="regiongov/102">
  <div class="tgme_widget_message_bubble">
   <div class="tgme_widget_message_forwarded_from accent_color">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/airforce/555"><span dir="auto">Air Force Command</span></a></div>
   <a class="tgme_widget_message_reply" href="https://t.me/regiongov/101"><div class="tgme_widget_message_text js-message_text">Air defence shot down two drones…</div></a>
   <div class="tgme_widget_message_text js-message_text" dir="auto">Missile threat in the east. Go to shelters.</div>
   <div class="tgme_widget_message_info"><a class="tgme_widget_message_date" href="https://t.me/regiongov/102"><time datetime="2026-11-27T06:00:00+00:00">06:00</time></a></div>
  </div>
 </div>
</div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="regiongov/103">
 <a class="tgme_widget_message_photo_wrap" href="https://t.me/regiongov/103"></a>
 <time datetime="2026-11-27T07:00:00+00:00">07:00</time>
</div></div>
</section></body></html>`

func TestParseTelegramPreview(t *testing.T) {
	p, err := ParseTelegramPreview([]byte(tmePage), "https://t.me/s/regiongov")
	if err != nil {
		t.Fatal(err)
	}
	if p.Channel != "regiongov" || p.Title != "Regional Governor" || p.Older != "https://t.me/s/regiongov?before=100" || len(p.Posts) != 3 {
		t.Fatalf("page = %+v", p)
	}
	a, b := p.Posts[0], p.Posts[1]
	if a.ID != 101 || a.URL != "https://t.me/regiongov/101" || !a.Date.Equal(time.Date(2026, 11, 27, 4, 10, 0, 0, time.UTC)) ||
		a.Text != "Air defence shot down two drones over the district overnight.\n\nNo one was hurt. Details: report" ||
		len(a.Links) != 1 || a.Links[0] != "https://example.org/report" || a.Views != "12.4K" {
		t.Errorf("post 101 = %+v", a)
	}
	if b.Text != "Missile threat in the east. Go to shelters." || b.Forwarded != "Air Force Command" || b.ForwardOf != "https://t.me/airforce/555" {
		t.Errorf("post 102 (forward, reply) = %+v", b)
	}
	docs := p.Documents()
	if len(docs) != 2 || docs[0].Path != "https://t.me/regiongov/101" || docs[1].Author != "Air Force Command" ||
		docs[0].Site != "Regional Governor" || docs[0].Published.IsZero() {
		t.Errorf("documents = %+v", docs)
	}
	if _, err := ParseTelegramPreview([]byte("<html><body>Hello</body></html>"), "https://t.me/s/regiongov"); err == nil {
		t.Error("a page without channel markup should fail")
	}
}

func TestTelegramChannel(t *testing.T) {
	for in, want := range map[string]string{
		"https://t.me/s/regiongov":            "regiongov",
		"https://t.me/regiongov":              "regiongov",
		"https://t.me/s/regiongov?before=100": "regiongov",
		"https://t.me/regiongov/101":          "regiongov",
		"https://example.org/s/regiongov":     "",
		"https://t.me/":                       "",
		"https://t.me/s/1abc":                 "",
	} {
		if got := TelegramChannel(in); got != want {
			t.Errorf("TelegramChannel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadListing(t *testing.T) {
	sm := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://example.org/news/1</loc>
  <news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2026-11-27T08:00:00+01:00</news:publication_date><news:title>Depot hit</news:title></news:news></url>
 <url><loc>/news/2</loc><lastmod>2026-11-26</lastmod></url>
</urlset>`
	l, err := ReadListing([]byte(sm), "https://example.org/sitemap.xml", "application/xml")
	if err != nil {
		t.Fatal(err)
	}
	if l.Kind != "sitemap" || len(l.Links) != 2 || l.Links[0].Title != "Depot hit" ||
		!l.Links[0].Published.Equal(time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC)) || l.Links[1].URL != "https://example.org/news/2" {
		t.Errorf("news sitemap = %+v", l)
	}
	idx := `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>`
	if l, err := ReadListing([]byte(idx), "https://example.org/sitemap.xml", ""); err != nil || l.Kind != "sitemap index" || len(l.Children) != 1 {
		t.Errorf("sitemap index = %+v, %v", l, err)
	}
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>Depot hit</title><link>https://example.org/news/1</link><pubDate>Fri, 27 Nov 2026 07:00:00 GMT</pubDate></item>
<item><title>Brief</title><description>Two drones were shot down overnight.</description></item>
</channel></rss>`
	l, err = ReadListing([]byte(rss), "https://example.org/feed", "")
	if err != nil || l.Kind != "feed" || len(l.Links) != 1 || l.Links[0].Published.IsZero() || len(l.Docs) != 1 ||
		!strings.Contains(string(l.Docs[0].Body), "Two drones") {
		t.Errorf("feed = %+v, %v", l, err)
	}
	if l, err := ReadListing([]byte("<html><body><p>x</p></body></html>"), "https://example.org/a", "text/html"); err != nil || l.Kind != "page" || len(l.Docs) != 1 {
		t.Errorf("page = %+v, %v", l, err)
	}
	if _, err := ReadListing([]byte{0x89, 'P', 'N', 'G', 0, 0}, "https://example.org/x.png", "image/png"); err == nil {
		t.Error("an image should not be read as a listing")
	}
}

// FuzzReadListing: whatever a server sends, reading it as a listing does
// not panic, every link is an absolute http(s) URL, and every channel post
// has a positive id and a t.me URL.
func FuzzReadListing(f *testing.F) {
	f.Add([]byte(tmePage), true)
	f.Add([]byte(`<?xml version="1.0"?><urlset><url><loc>/a</loc><lastmod>2026-11-26</lastmod></url></urlset>`), false)
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://x.test/s.xml</loc></sitemap></sitemapindex>`), false)
	f.Add([]byte(`<rss><channel><item><link>/n/1</link></item></channel></rss>`), false)
	f.Fuzz(func(t *testing.T, b []byte, channel bool) {
		u := "https://news.test/feed"
		if channel {
			u = "https://t.me/s/somechannel"
		}
		l, err := ReadListing(b, u, "")
		if err != nil {
			return
		}
		urls := append([]string(nil), l.Children...)
		for _, link := range l.Links {
			urls = append(urls, link.URL)
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("link %q is not an absolute http(s) URL", u)
			}
		}
		if l.Channel != nil {
			for _, p := range l.Channel.Posts {
				if p.ID <= 0 || !strings.HasPrefix(p.URL, "https://t.me/") {
					t.Fatalf("post %+v", p)
				}
			}
		}
	})
}

// FuzzRobots: any robots.txt parses, and matching any path ends.
func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /a*b$\nAllow: /a/\nCrawl-delay: 5\n"), "/a/xb")
	f.Fuzz(func(t *testing.T, b []byte, path string) {
		r := parseRobots(b, UserAgent)
		if r.delay < 0 || r.delay > time.Minute {
			t.Fatalf("crawl delay %v", r.delay)
		}
		r.allowed(path)
	})
}
