package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// AlertRule is one rule of a sources file. When says what fires it:
//
//	new            an incident first reported in this round
//	toll           a count fact (Fact, "killed" by default) whose lower bound rises above Above
//	contradiction  origins that disagree on a fact of the incident
//
// The place filters (any that are set must all hold) narrow it: Countries
// (ISO codes), Admin1 (first-level region names), Near (lat, lon) within
// WithinKm, and Types (sub-event types).
type AlertRule struct {
	Name      string    `toml:"name" json:"name"`
	When      string    `toml:"when" json:"when"`
	Countries []string  `toml:"countries" json:"countries,omitempty"`
	Admin1    []string  `toml:"admin1" json:"admin1,omitempty"`
	Near      []float64 `toml:"near" json:"near,omitempty"`
	WithinKm  float64   `toml:"within_km" json:"within_km,omitempty"`
	Types     []string  `toml:"types" json:"types,omitempty"`
	Fact      string    `toml:"fact" json:"fact,omitempty"`
	Above     float64   `toml:"above" json:"above,omitempty"`
}

// Check reports what is wrong with a rule, naming it.
func (r AlertRule) Check() error {
	switch {
	case r.Name == "":
		return fmt.Errorf("alert without a name")
	case r.When != "new" && r.When != "toll" && r.When != "contradiction":
		return fmt.Errorf("alert %q: when = %q; want new, toll or contradiction", r.Name, r.When)
	case len(r.Near) != 0 && len(r.Near) != 2:
		return fmt.Errorf("alert %q: near wants [lat, lon]", r.Name)
	case len(r.Near) == 2 && (r.WithinKm <= 0 || r.Near[0] < -90 || r.Near[0] > 90 || r.Near[1] < -180 || r.Near[1] > 180):
		return fmt.Errorf("alert %q: near wants a latitude, a longitude and within_km > 0", r.Name)
	case r.When == "toll" && r.Above < 0:
		return fmt.Errorf("alert %q: above must not be negative", r.Name)
	}
	return nil
}

// Alert is one delivered alert (model.Alert).
type Alert = model.Alert

// Alerts checks the incidents a round stored against the rules and sends
// each alert once: an alert is kept in the store by a key naming the rule,
// the incident and what fired (the toll's value, the contradiction's
// values) after it was delivered, so a failed delivery is tried again next
// round and a restart sends nothing twice.
type Alerts struct {
	Rules []AlertRule
	// Deliver sends one alert; nil writes NDJSON to Out.
	Deliver func(ctx context.Context, a Alert) error
	Out     io.Writer
	mu      sync.Mutex
}

// Check looks at the incidents an update touched. newIDs are the articles
// stored since the last check: an incident all of whose articles are
// among them is new.
func (al *Alerts) Check(ctx context.Context, st store.Store, up *UpdateSummary, newIDs map[int64]bool) error {
	for _, t := range up.Incidents {
		inc, err := st.Incident(ctx, t.ID)
		if err != nil {
			continue // merged into another since, or gone: that one is checked
		}
		for _, r := range al.Rules {
			if !r.matches(inc) {
				continue
			}
			for _, a := range r.fire(inc, newIDs) {
				if err := al.send(ctx, st, a); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (al *Alerts) send(ctx context.Context, st store.Store, a Alert) error {
	sent, err := st.AlertSent(ctx, a.Key)
	if err != nil || sent {
		return err
	}
	a.At = time.Now().UTC()
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := al.deliver(ctx, a, body); err != nil {
		return fmt.Errorf("deliver alert %s: %w", a.Key, err)
	}
	return st.PutAlert(ctx, a.Key, a.At, body)
}

func (al *Alerts) deliver(ctx context.Context, a Alert, body []byte) error {
	if al.Deliver != nil {
		return al.Deliver(ctx, a)
	}
	al.mu.Lock()
	defer al.mu.Unlock()
	out := al.Out
	if out == nil {
		out = os.Stdout
	}
	_, err := out.Write(append(body, '\n'))
	return err
}

// matches applies the rule's filters.
func (r AlertRule) matches(inc *model.Incident) bool {
	loc := inc.Location
	if len(r.Countries) > 0 && !slices.ContainsFunc(r.Countries, func(c string) bool { return strings.EqualFold(c, loc.Country) }) {
		return false
	}
	if len(r.Admin1) > 0 && !slices.ContainsFunc(r.Admin1, func(a string) bool { return strings.EqualFold(a, loc.Admin1) }) {
		return false
	}
	if len(r.Near) == 2 && (loc.Lat == 0 && loc.Lon == 0 || model.DistanceKm(r.Near[0], r.Near[1], loc.Lat, loc.Lon) > r.WithinKm) {
		return false
	}
	if len(r.Types) > 0 && !slices.ContainsFunc(r.Types, func(t string) bool { return strings.EqualFold(t, string(inc.SubEventType)) }) {
		return false
	}
	return true
}

// fire returns the alerts the rule raises on a matching incident.
func (r AlertRule) fire(inc *model.Incident, newIDs map[int64]bool) []Alert {
	base := Alert{Rule: r.Name, When: r.When, Incident: inc.ID, Title: inc.Title, Date: inc.Date,
		Place: inc.Location.Name, Country: inc.Location.Country}
	key := r.Name + "|" + r.When + "|" + inc.ID
	switch r.When {
	case "new":
		for _, a := range inc.Articles {
			if !newIDs[a.ID] {
				return nil
			}
		}
		base.Key = key
		return []Alert{base}
	case "toll":
		fact := r.Fact
		if fact == "" {
			fact = "killed"
		}
		for _, f := range inc.Facts {
			if f.Name != fact || f.Count == nil || f.Count.Min <= r.Above {
				continue
			}
			base.Fact, base.Value = f.Name, f.Value
			base.Detail = fmt.Sprintf("%s %s, above %s", f.Name, f.Value, strconv.FormatFloat(r.Above, 'f', -1, 64))
			base.Key = key + "|" + f.Name + "|" + f.Value
			return []Alert{base}
		}
	case "contradiction":
		var out []Alert
		for _, c := range inc.Contradictions {
			vals := make([]string, 0, len(c.Values))
			for _, v := range c.Values {
				vals = append(vals, v.Value)
			}
			a := base
			a.Fact, a.Value = c.Fact, strings.Join(vals, " / ")
			a.Detail = fmt.Sprintf("origins disagree on %s: %s", c.Fact, a.Value)
			a.Key = key + "|" + c.Fact + "|" + a.Value
			out = append(out, a)
		}
		return out
	}
	return nil
}

// PostAlerts delivers alerts by HTTP POST of their JSON to url; anything
// but a 2xx answer is a failed delivery, tried again next round.
func PostAlerts(url string, client *http.Client) func(ctx context.Context, a Alert) error {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return func(ctx context.Context, a Alert) error {
		body, err := json.Marshal(a)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("POST %s: %s", url, resp.Status)
		}
		return nil
	}
}
