// Package schema reads what a page says about the world in its front matter
// tables (the place it describes, the event, the legal document, the public
// service, the claim it answers), checks them against what schema.org's
// consumers require and what the site's content types demand, and hands
// typed values to the metadata package, which writes them as JSON-LD.
//
// Checking here, from the sources, lets a missing coordinate or event date
// be reported at its file and line before anything is built, instead of
// being discovered months later in a search console.
package schema

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"sitegen/internal/config"
	"sitegen/internal/content"
	"sitegen/internal/fault"
)

// Data is everything a page's front matter says about its subject. Nil
// fields were not given.
type Data struct {
	Type        string // content type: the page's "type", else its section
	Schema      string // schema.org type of the page's article node
	Place       *Place
	Event       *Event
	Legislation *Legislation
	Service     *Service
	Claim       *Claim
	Notice      *Notice
}

// Address is a postal address; Country is an ISO 3166-1 code such as "VN".
type Address struct {
	Street, Locality, Region, PostalCode, Country string
}

// Place is a location: a tourist attraction, a border gate, an industrial
// park. Geo is set only when both coordinates were given.
type Place struct {
	Type              string
	Name              string
	Description       string
	URL               string
	Address           Address
	Geo               *Geo
	AvailableLanguage []string
}

// Geo is a WGS84 position in decimal degrees.
type Geo struct{ Lat, Lon float64 }

// Event is something that happens at a time and a place.
type Event struct {
	Type        string // "Event", "Festival", …
	Name        string
	Description string
	Start, End  time.Time
	Location    Place
	Organizer   string
	Status      string // schema.org EventStatusType name, default EventScheduled
}

// Legislation is a legal document: a law, a resolution, a decree.
type Legislation struct {
	Name         string
	Identifier   string // the document number, e.g. "61/2020/QH14"
	Date         time.Time
	Jurisdiction string
	Kind         string // legislationType, e.g. "Luật" / "Law"
	URL          string
}

// Service is a public service, such as support for investors.
type Service struct {
	Name        string
	ServiceType string
	Audience    string
	AreaServed  string
	Provider    string // the office that delivers it; the publisher when empty
	URL         string
}

// Claim is a statement in circulation that a fact-check answers.
type Claim struct {
	Text        string    // the claim as it circulates
	Appearance  string    // where it appeared: a URL or a description
	Author      string    // who made it, when known
	Date        time.Time // when it was seen in circulation
	Rating      string    // the verdict in words: "False", "Misleading", …
	RatingValue int       // 1 (false) … 5 (true); 0 when not given
	Explanation string
}

// Notice makes a page an urgent notice, shown on every page of the site
// from Start until End.
type Notice struct {
	Start, End time.Time
	Link       string // where the notice leads; the notice's own page when empty
}

// Tables are the front matter tables this package reads, in the order
// their findings are reported.
var Tables = []string{"place", "event", "legislation", "service", "claim", "notice"}

// PlaceTypes are the schema.org types a [place] may declare.
var PlaceTypes = []string{
	"Place", "TouristAttraction", "TouristDestination", "LandmarksOrHistoricalBuildings", "GovernmentBuilding",
	"CivicStructure", "Museum", "Park", "Mountain", "LakeBodyOfWater", "BodyOfWater", "Landform",
	"AdministrativeArea", "PlaceOfWorship", "Airport", "BusStation", "Campground", "Zoo",
}

// EventTypes are the schema.org types an [event] may declare.
var EventTypes = []string{
	"Event", "Festival", "BusinessEvent", "ExhibitionEvent", "SocialEvent", "SportsEvent", "EducationEvent", "MusicEvent",
}

// ArticleTypes are the schema.org types a content type's schema may name.
var ArticleTypes = []string{"Article", "NewsArticle", "Report", "BlogPosting", "TechArticle", "ScholarlyArticle", "AnalysisNewsArticle", "BackgroundNewsArticle"}

// required are the keys each table must have: what Google's structured data
// documentation requires, or what makes the node meaningless without it.
var required = map[string][]string{
	"place":       {"type", "name", "address"},
	"event":       {"name", "startDate", "location", "location.name", "location.address"},
	"legislation": {"name", "identifier", "date", "jurisdiction"},
	"service":     {"name", "serviceType"},
	"claim":       {"text", "appearance", "date", "rating"},
	"notice":      {"start", "end"},
}

// TypeOf is a page's content type: its "type" front matter, else its
// top-level section.
func TypeOf(src *content.Source) string {
	if t, ok := src.Params["type"].(string); ok && t != "" {
		return strings.ToLower(t)
	}
	return src.Section()
}

// Decode reads and checks a page's structured front matter. Missing
// required fields are warnings (errors under --strict); values of the
// wrong type are errors. The returned Data holds what could be read.
func Decode(cfg *config.Config, src *content.Source, diags *fault.List) *Data {
	r := reader{src: src, tz: cfg.TimeZone, diags: diags}
	d := &Data{Type: TypeOf(src), Schema: "Article"}
	ct, hasType := cfg.ContentTypes[d.Type]
	if hasType && ct.Schema != "" {
		d.Schema = ct.Schema
	}
	if !slices.Contains(ArticleTypes, d.Schema) {
		diags.Add(fault.At(cfg.File, 0, 0).Errorf("contentTypes.%s.schema %q is not an article type sitegen writes", d.Type, d.Schema).
			WithHint("use one of %s", strings.Join(ArticleTypes, ", ")))
		d.Schema = "Article"
	}
	var need []string
	for _, t := range Tables {
		if _, ok := src.Params[t]; !ok {
			continue
		}
		if _, ok := src.Params[t].(map[string]any); !ok {
			r.wrong(t, "a table", example(t))
			continue
		}
		for _, k := range required[t] {
			need = append(need, t+"."+k)
		}
	}
	if src.Kind == content.Page { // a section's own page is a list, not an article
		need = append(need, ct.Required...)
	}
	r.require(need)
	d.Place = r.place("place")
	d.Event = r.event()
	d.Legislation = r.legislation()
	d.Service = r.service()
	d.Claim = r.claim()
	d.Notice = r.notice()
	return d
}

// reader reads typed values out of a source's front matter, reporting each
// problem at the line of its key.
type reader struct {
	src   *content.Source
	tz    *time.Location
	diags *fault.List
}

// get walks a dotted path through nested tables.
func (r reader) get(path string) (any, bool) {
	var cur any = r.src.Params
	for _, k := range strings.Split(strings.ToLower(path), ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
	}
	return cur, cur != nil
}

func isTable(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

func empty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(t) == ""
	case []any:
		return len(t) == 0
	case []string:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// require warns about each missing path, except where a required table
// above it is missing too: without [event] there is no point listing
// event.location.name as well.
func (r reader) require(paths []string) {
	missing := func(p string) bool {
		v, ok := r.get(p)
		return !ok || empty(v)
	}
	for _, p := range paths {
		if !missing(p) {
			continue
		}
		covered := false
		for _, q := range paths {
			if v, _ := r.get(q); q != p && strings.HasPrefix(p, q+".") && (missing(q) || !isTable(v)) {
				covered = true
			}
		}
		if covered {
			continue
		}
		r.diags.Add(r.src.Pos(p).Warnf("required front matter %q is missing (content type %q)", p, TypeOf(r.src)).
			WithHint("add it, like %s; the README lists each section's fields under \"Structured data\"", example(p)))
	}
}

func (r reader) wrong(path, want, ex string) {
	r.diags.Add(r.src.Pos(path).Errorf("front matter %q must be %s", path, want).WithHint("write it like %s", ex))
}

func (r reader) str(path string) string {
	v, ok := r.get(path)
	if !ok {
		return ""
	}
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case int64, int, float64:
		return fmt.Sprint(t)
	}
	r.wrong(path, "a string", example(path))
	return ""
}

func (r reader) strs(path string) []string {
	v, ok := r.get(path)
	if !ok {
		return nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}
	case []string:
		return t
	case []any:
		var out []string
		for _, x := range t {
			s, ok := x.(string)
			if !ok {
				r.wrong(path, "a list of strings", example(path))
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	r.wrong(path, "a list of strings", example(path))
	return nil
}

func (r reader) num(path string) (float64, bool) {
	v, ok := r.get(path)
	if !ok {
		return 0, false
	}
	switch t := v.(type) {
	case float64:
		return t, true
	case int64:
		return float64(t), true
	case int:
		return float64(t), true
	case uint64:
		return float64(t), true
	}
	r.wrong(path, "a number", example(path))
	return 0, false
}

func (r reader) date(path string) time.Time {
	v, ok := r.get(path)
	if !ok {
		return time.Time{}
	}
	t, err := content.ToTime(v, r.tz)
	if err != nil {
		r.diags.Add(r.src.Pos(path).Errorf("front matter %q: %v", path, err).
			WithHint("write a real date as YYYY-MM-DD, e.g. %s", example(path)))
	}
	return t
}

func (r reader) oneOf(path, val string, allowed []string) string {
	if val == "" || slices.Contains(allowed, val) {
		return val
	}
	for _, a := range allowed {
		if strings.EqualFold(a, val) {
			return a
		}
	}
	r.diags.Add(r.src.Pos(path).Errorf("front matter %q is %q, which is not one of the types sitegen knows", path, val).
		WithHint("use one of %s", strings.Join(allowed, ", ")))
	return ""
}

func (r reader) address(path string) Address {
	v, ok := r.get(path)
	if !ok {
		return Address{}
	}
	if _, isTable := v.(map[string]any); !isTable {
		r.wrong(path, "a table with locality, region and country", example(path))
		return Address{}
	}
	a := Address{
		Street: r.str(path + ".street"), Locality: r.str(path + ".locality"), Region: r.str(path + ".region"),
		PostalCode: r.str(path + ".postalCode"), Country: r.str(path + ".country"),
	}
	if a.Country == "" {
		r.diags.Add(r.src.Pos(path).Warnf("front matter %q has no country", path).
			WithHint("add country = \"VN\" (an ISO 3166-1 code)"))
	} else if len(a.Country) != 2 || strings.ToUpper(a.Country) != a.Country {
		r.diags.Add(r.src.Pos(path+".country").Errorf("front matter %q is %q, not a two-letter country code", path+".country", a.Country).
			WithHint("write the ISO 3166-1 code, e.g. country = \"VN\" or \"KH\""))
	}
	if a.Locality == "" && a.Region == "" && a.Street == "" {
		r.diags.Add(r.src.Pos(path).Warnf("front matter %q has neither locality nor region", path).
			WithHint("add locality = \"…\" and region = \"…\""))
	}
	return a
}

func (r reader) place(path string) *Place {
	if _, ok := r.get(path); !ok {
		return nil
	}
	p := &Place{
		Type:        r.oneOf(path+".type", r.str(path+".type"), PlaceTypes),
		Name:        r.str(path + ".name"),
		Description: r.str(path + ".description"),
		URL:         r.str(path + ".url"),
		Address:     r.address(path + ".address"),
	}
	if p.Type == "" {
		p.Type = "Place"
	}
	lat, hasLat := r.num(path + ".lat")
	lon, hasLon := r.num(path + ".lon")
	switch {
	case hasLat != hasLon:
		missing := path + ".lon"
		if !hasLat {
			missing = path + ".lat"
		}
		r.diags.Add(r.src.Pos(path).Errorf("front matter %q: coordinates need both lat and lon", path).
			WithHint("add %s, in decimal degrees (WGS84)", missing))
	case hasLat && (math.Abs(lat) > 90 || math.Abs(lon) > 180):
		r.diags.Add(r.src.Pos(path+".lat").Errorf("front matter %q: %v, %v is not a position on Earth", path, lat, lon).
			WithHint("latitude is -90…90 and longitude -180…180, in decimal degrees"))
	case hasLat:
		p.Geo = &Geo{Lat: lat, Lon: lon}
	}
	p.AvailableLanguage = r.strs(path + ".availableLanguage")
	return p
}

func (r reader) event() *Event {
	if _, ok := r.get("event"); !ok {
		return nil
	}
	e := &Event{
		Type:        r.oneOf("event.type", r.str("event.type"), EventTypes),
		Name:        r.str("event.name"),
		Description: r.str("event.description"),
		Start:       r.date("event.startDate"),
		End:         r.date("event.endDate"),
		Organizer:   r.str("event.organizer"),
		Status:      r.oneOf("event.status", r.str("event.status"), []string{"EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline"}),
	}
	if e.Type == "" {
		e.Type = "Event"
	}
	if e.Status == "" {
		e.Status = "EventScheduled"
	}
	if v, ok := r.get("event.location"); ok {
		if _, isTable := v.(map[string]any); isTable {
			e.Location = *r.place("event.location")
		} else {
			r.wrong("event.location", "a table with name and address", example("event.location"))
		}
	}
	if !e.Start.IsZero() && !e.End.IsZero() && e.End.Before(e.Start) {
		r.diags.Add(r.src.Pos("event.endDate").Errorf("event ends (%s) before it starts (%s)", e.End.Format(time.DateOnly), e.Start.Format(time.DateOnly)).
			WithHint("check startDate and endDate"))
	}
	return e
}

func (r reader) legislation() *Legislation {
	if _, ok := r.get("legislation"); !ok {
		return nil
	}
	return &Legislation{
		Name: r.str("legislation.name"), Identifier: r.str("legislation.identifier"), Date: r.date("legislation.date"),
		Jurisdiction: r.str("legislation.jurisdiction"), Kind: r.str("legislation.type"), URL: r.str("legislation.url"),
	}
}

func (r reader) service() *Service {
	if _, ok := r.get("service"); !ok {
		return nil
	}
	return &Service{
		Name: r.str("service.name"), ServiceType: r.str("service.serviceType"), Audience: r.str("service.audience"),
		AreaServed: r.str("service.areaServed"), Provider: r.str("service.provider"), URL: r.str("service.url"),
	}
}

func (r reader) claim() *Claim {
	if _, ok := r.get("claim"); !ok {
		return nil
	}
	c := &Claim{
		Text: r.str("claim.text"), Appearance: r.str("claim.appearance"), Author: r.str("claim.author"),
		Date: r.date("claim.date"), Rating: r.str("claim.rating"), Explanation: r.str("claim.explanation"),
	}
	if v, ok := r.num("claim.ratingValue"); ok {
		if v < 1 || v > 5 || v != math.Trunc(v) {
			r.diags.Add(r.src.Pos("claim.ratingValue").Errorf("claim.ratingValue is %v; it must be a whole number from 1 (false) to 5 (true)", v).
				WithHint("use 1 for false, 2 for mostly false or misleading, 3 for mixed, 4 for mostly true, 5 for true"))
		} else {
			c.RatingValue = int(v)
		}
	}
	return c
}

func (r reader) notice() *Notice {
	if _, ok := r.get("notice"); !ok {
		return nil
	}
	n := &Notice{Start: r.date("notice.start"), End: r.date("notice.end"), Link: r.str("notice.link")}
	if !n.Start.IsZero() && !n.End.IsZero() && !n.End.After(n.Start) {
		r.diags.Add(r.src.Pos("notice.end").Errorf("the notice ends (%s) before it starts (%s)", n.End.Format(time.RFC3339), n.Start.Format(time.RFC3339)).
			WithHint("check notice.start and notice.end"))
	}
	return n
}

// example shows how a key is written in TOML front matter, for hints.
func example(path string) string {
	parts := strings.Split(path, ".")
	last := parts[len(parts)-1]
	table := ""
	if len(parts) > 1 {
		table = "[" + strings.Join(parts[:len(parts)-1], ".") + "] "
	}
	switch strings.ToLower(last) {
	case "place":
		return `[place] type = "TouristAttraction", name = "…", with [place.address]`
	case "event":
		return `[event] name = "…", startDate = 2024-06-20, with [event.location]`
	case "legislation":
		return `[legislation] name = "…", identifier = "61/2020/QH14", date = 2020-06-17, jurisdiction = "VN"`
	case "service":
		return `[service] name = "…", serviceType = "…"`
	case "claim":
		return `[claim] text = "…", appearance = "…", date = 2024-06-20, rating = "False"`
	case "location":
		return `[event.location] name = "…" with [event.location.address] locality = "…", country = "VN"`
	case "address":
		return `[` + path + `] locality = "Lộc Ninh", region = "Đồng Nai", country = "VN"`
	case "lat", "lon", "ratingvalue":
		return table + last + " = 11.83"
	case "start", "end":
		return table + last + " = 2024-06-20T08:00:00+07:00"
	case "startdate", "enddate", "date":
		return table + last + " = 2024-06-20"
	case "availablelanguage":
		return table + last + ` = ["vi", "en"]`
	case "type":
		if parts[0] == "place" {
			return table + `type = "TouristAttraction"`
		}
		return table + `type = "Festival"`
	case "country":
		return table + `country = "VN"`
	}
	return table + last + ` = "…"`
}
