package metadata

import (
	"cmp"
	"strings"
	"time"

	"sitegen/internal/schema"
	"sitegen/internal/search"
	"sitegen/internal/site"
)

// The JSON-LD of a page is a handful of nodes, one <script> block each, so
// that every block stands alone with its @context and @type. Nodes refer to
// each other by @id: the page URL plus a fragment naming the node's role.
const context = "https://schema.org"

// Thing is the part every top-level node shares.
type Thing struct {
	Context string `json:"@context,omitempty"`
	Type    string `json:"@type"`
	ID      string `json:"@id,omitempty"`
}

func top(typ, id string) Thing { return Thing{Context: context, Type: typ, ID: id} }

// Ref points at a node defined elsewhere, by @id (and URL for readers that
// do not follow @id).
type Ref struct {
	Type       string `json:"@type,omitempty"`
	ID         string `json:"@id,omitempty"`
	URL        string `json:"url,omitempty"`
	Name       string `json:"name,omitempty"`
	InLanguage string `json:"inLanguage,omitempty"`
}

// ListItem is a breadcrumb step.
type ListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

// BreadcrumbList is the trail from home to the page.
type BreadcrumbList struct {
	Thing
	ItemListElement []ListItem `json:"itemListElement"`
}

// WebPage describes any page, with its language and translations.
type WebPage struct {
	Thing
	Name              string `json:"name"`
	URL               string `json:"url"`
	InLanguage        string `json:"inLanguage"`
	Description       string `json:"description,omitempty"`
	DatePublished     string `json:"datePublished,omitempty"`
	DateModified      string `json:"dateModified,omitempty"`
	IsPartOf          *Ref   `json:"isPartOf,omitempty"`
	Breadcrumb        *Ref   `json:"breadcrumb,omitempty"`
	Publisher         *Ref   `json:"publisher,omitempty"`
	WorkTranslation   []Ref  `json:"workTranslation,omitempty"`
	TranslationOfWork *Ref   `json:"translationOfWork,omitempty"`
}

// WebSite is the site in one language.
type WebSite struct {
	Thing
	Name            string        `json:"name"`
	URL             string        `json:"url"`
	InLanguage      string        `json:"inLanguage"`
	Description     string        `json:"description,omitempty"`
	Publisher       *Ref          `json:"publisher,omitempty"`
	WorkTranslation []Ref         `json:"workTranslation,omitempty"`
	PotentialAction *SearchAction `json:"potentialAction,omitempty"`
}

// SearchAction tells search engines how to search the site.
type SearchAction struct {
	Type       string `json:"@type"`
	Target     string `json:"target"`
	QueryInput string `json:"query-input"`
}

// Organization is the publisher, or an author or organizer by name.
type Organization struct {
	Thing
	Name       string         `json:"name"`
	URL        string         `json:"url,omitempty"`
	Logo       *ImageObject   `json:"logo,omitempty"`
	Address    *PostalAddress `json:"address,omitempty"`
	AreaServed *Area          `json:"areaServed,omitempty"`
}

// ImageObject is a logo or picture with its URL.
type ImageObject struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// Area is an administrative area, by name.
type Area struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// PostalAddress is schema.org's address.
type PostalAddress struct {
	Type            string `json:"@type"`
	StreetAddress   string `json:"streetAddress,omitempty"`
	AddressLocality string `json:"addressLocality,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressCountry  string `json:"addressCountry,omitempty"`
}

// GeoCoordinates is a WGS84 point.
type GeoCoordinates struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Place is any located thing: an attraction, a border gate, a park.
type Place struct {
	Thing
	Name              string          `json:"name"`
	Description       string          `json:"description,omitempty"`
	URL               string          `json:"url,omitempty"`
	Address           *PostalAddress  `json:"address,omitempty"`
	Geo               *GeoCoordinates `json:"geo,omitempty"`
	AvailableLanguage []string        `json:"availableLanguage,omitempty"`
	SubjectOf         *Ref            `json:"subjectOf,omitempty"`
}

// PageRef is the web page an article is the main entity of. On article
// pages it is given inside the article rather than as a node of its own,
// which would repeat the article's name, URL, language, publisher and
// translations on every page of a large site (about 700 bytes each).
type PageRef struct {
	Type       string `json:"@type"`
	ID         string `json:"@id"`
	IsPartOf   *Ref   `json:"isPartOf,omitempty"`
	Breadcrumb *Ref   `json:"breadcrumb,omitempty"`
}

// Article is the page's text as a creative work.
type Article struct {
	Thing
	Headline          string        `json:"headline"`
	Name              string        `json:"name,omitempty"`
	Description       string        `json:"description,omitempty"`
	URL               string        `json:"url"`
	InLanguage        string        `json:"inLanguage"`
	DatePublished     string        `json:"datePublished,omitempty"`
	DateModified      string        `json:"dateModified,omitempty"`
	Author            *Organization `json:"author,omitempty"`
	Publisher         *Ref          `json:"publisher,omitempty"`
	Image             []string      `json:"image,omitempty"`
	MainEntityOfPage  *PageRef      `json:"mainEntityOfPage,omitempty"`
	About             []Ref         `json:"about,omitempty"`
	HasPart           []Ref         `json:"hasPart,omitempty"`
	Keywords          string        `json:"keywords,omitempty"`
	ArticleSection    string        `json:"articleSection,omitempty"`
	WorkTranslation   []Ref         `json:"workTranslation,omitempty"`
	TranslationOfWork *Ref          `json:"translationOfWork,omitempty"`
}

// Event is something with a date and a place.
type Event struct {
	Thing
	Name                string        `json:"name"`
	Description         string        `json:"description,omitempty"`
	StartDate           string        `json:"startDate"`
	EndDate             string        `json:"endDate,omitempty"`
	EventStatus         string        `json:"eventStatus,omitempty"`
	EventAttendanceMode string        `json:"eventAttendanceMode,omitempty"`
	Location            *Place        `json:"location,omitempty"`
	Organizer           *Organization `json:"organizer,omitempty"`
	InLanguage          string        `json:"inLanguage,omitempty"`
	URL                 string        `json:"url,omitempty"`
	Image               []string      `json:"image,omitempty"`
}

// Legislation is a legal document.
type Legislation struct {
	Thing
	Name                    string `json:"name"`
	LegislationIdentifier   string `json:"legislationIdentifier"`
	LegislationDate         string `json:"legislationDate,omitempty"`
	LegislationJurisdiction string `json:"legislationJurisdiction,omitempty"`
	LegislationType         string `json:"legislationType,omitempty"`
	URL                     string `json:"url,omitempty"`
	SubjectOf               *Ref   `json:"subjectOf,omitempty"`
}

// GovernmentService is a public service.
type GovernmentService struct {
	Thing
	Name        string        `json:"name"`
	ServiceType string        `json:"serviceType,omitempty"`
	Audience    *Audience     `json:"audience,omitempty"`
	AreaServed  *Area         `json:"areaServed,omitempty"`
	Provider    *Organization `json:"provider,omitempty"`
	URL         string        `json:"url,omitempty"`
}

// Audience names who a service is for.
type Audience struct {
	Type         string `json:"@type"`
	AudienceType string `json:"audienceType"`
}

// ClaimReview is a fact-check of one claim.
type ClaimReview struct {
	Thing
	URL           string        `json:"url"`
	ClaimReviewed string        `json:"claimReviewed"`
	ReviewRating  Rating        `json:"reviewRating"`
	ItemReviewed  Claim         `json:"itemReviewed"`
	Author        *Organization `json:"author,omitempty"`
	DatePublished string        `json:"datePublished,omitempty"`
	InLanguage    string        `json:"inLanguage"`
	ReviewBody    string        `json:"reviewBody,omitempty"`
}

// Rating is a fact-check verdict: alternateName in words, and a value on
// a 1–5 scale when the site gives one.
type Rating struct {
	Type          string `json:"@type"`
	AlternateName string `json:"alternateName"`
	RatingValue   int    `json:"ratingValue,omitempty"`
	BestRating    int    `json:"bestRating,omitempty"`
	WorstRating   int    `json:"worstRating,omitempty"`
}

// Claim is the statement a ClaimReview answers.
type Claim struct {
	Type          string        `json:"@type"`
	Text          string        `json:"text,omitempty"`
	Appearance    *CreativeWork `json:"appearance,omitempty"`
	Author        *Organization `json:"author,omitempty"`
	DatePublished string        `json:"datePublished,omitempty"`
}

// CreativeWork is where a claim appeared: a URL or a description.
type CreativeWork struct {
	Type        string `json:"@type"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
}

// JSONLD returns the JSON-LD nodes for a page, each to be written as its own
// block.
func JSONLD(p *site.Page) []any {
	lang := HrefLang(p.Lang)
	pub := publisher(p.Lang)
	pubRef := &Ref{ID: pub.ID}
	wp := WebPage{
		Thing: top("WebPage", p.Permalink+"#webpage"),
		Name:  p.Title, URL: p.Permalink, InLanguage: lang, Description: Description(p),
		IsPartOf:  &Ref{Type: "WebSite", ID: p.Lang.Home.Permalink + "#website", URL: p.Lang.Home.Permalink},
		Publisher: pubRef,
	}
	searchPage := search.IsPage(p)
	switch {
	case searchPage:
		wp.Type = "SearchResultsPage"
	case p.Kind == site.KindPage, p.Kind == site.Kind404, p.Kind == site.KindLanguages:
	default:
		wp.Type = "CollectionPage"
	}
	if !p.Date.IsZero() {
		wp.DatePublished = isoDate(p.Date)
		wp.DateModified = isoDate(p.Lastmod)
	}
	wp.WorkTranslation, wp.TranslationOfWork = translationLinks(p, "#webpage")
	var out []any
	if p.Kind != site.Kind404 {
		wp.Breadcrumb = &Ref{ID: p.Permalink + "#breadcrumb"}
	}
	if p.Kind == site.KindHome || p.Kind == site.KindLanguages {
		out = append(out, website(p), pub)
	}
	article := p.Kind == site.KindPage && !searchPage
	if !article { // an article carries its page (Article.MainEntityOfPage)
		out = append(out, wp)
	}
	if p.Kind != site.Kind404 {
		out = append(out, Breadcrumbs(p))
	}
	if article {
		out = append(out, articleNodes(p, pub)...)
	}
	return out
}

// translationLinks links a page to its translations: the default language
// is the source, which lists its translations; each translation points back
// at it.
func translationLinks(p *site.Page, frag string) ([]Ref, *Ref) {
	if p.PagerNumber() > 1 {
		return nil, nil
	}
	def := p.Lang.Site.Config.DefaultLang
	if p.Lang.Code == def {
		var refs []Ref
		for _, t := range p.Translations {
			refs = append(refs, Ref{ID: t.Permalink + frag, URL: t.Permalink, InLanguage: HrefLang(t.Lang)})
		}
		return refs, nil
	}
	if src := p.Translation(def); src != nil {
		return nil, &Ref{ID: src.Permalink + frag, URL: src.Permalink, InLanguage: HrefLang(src.Lang)}
	}
	return nil, nil
}

func website(p *site.Page) WebSite {
	home := p.Lang.Home
	if p.Kind == site.KindLanguages {
		home = p
	}
	w := WebSite{
		Thing: top("WebSite", home.Permalink+"#website"),
		Name:  p.Lang.Title, URL: home.Permalink, InLanguage: HrefLang(p.Lang),
		Description: str(p.Lang.Params, "description"),
		Publisher:   &Ref{ID: publisher(p.Lang).ID},
	}
	if p.Kind == site.KindHome {
		w.WorkTranslation, _ = translationLinks(p, "#website")
		if q := searchURL(p.Lang); q != "" {
			w.PotentialAction = &SearchAction{Type: "SearchAction", Target: q + "?q={search_term_string}", QueryInput: "required name=search_term_string"}
		}
	}
	return w
}

// searchURL is the absolute URL of the language's search page: the page
// whose layout is "search", when the site has one.
func searchURL(l *site.Lang) string {
	for _, p := range l.Site.Pages {
		if p.Lang == l && search.IsPage(p) {
			return p.Permalink
		}
	}
	return ""
}

// publisher is the organization behind the site, from params.publisher
// (per language first, then site-wide): name, url, logo, address,
// areaServed. Without one, the site itself, by its title, is the
// publisher, so that articles still name one.
func publisher(l *site.Lang) Organization {
	s := l.Site
	get := func(key string) any {
		for _, params := range []map[string]any{l.Params, s.Config.Params} {
			if m, ok := params["publisher"].(map[string]any); ok {
				for k, v := range m {
					if strings.EqualFold(k, key) {
						return v
					}
				}
			}
		}
		return nil
	}
	gs := func(key string) string { v, _ := get(key).(string); return v }
	o := Organization{
		Thing: top(cmp.Or(gs("type"), "GovernmentOrganization"), s.AbsURL("/")+"#publisher"),
		Name:  cmp.Or(gs("name"), l.Title, s.Config.Title),
		URL:   cmp.Or(gs("url"), l.Home.Permalink),
	}
	if logo := gs("logo"); logo != "" {
		o.Logo = &ImageObject{Type: "ImageObject", URL: absolute(s, logo)}
	}
	if a, ok := get("address").(map[string]any); ok {
		o.Address = postal(schema.Address{
			Street: str(a, "street"), Locality: str(a, "locality"), Region: str(a, "region"),
			PostalCode: str(a, "postalcode"), Country: str(a, "country"),
		})
	}
	if area := gs("areaserved"); area != "" {
		o.AreaServed = &Area{Type: "AdministrativeArea", Name: area}
	}
	return o
}

func str(m map[string]any, key string) string {
	if v, ok := m[key].(string); ok {
		return v
	}
	for k, v := range m {
		if s, ok := v.(string); ok && strings.EqualFold(k, key) {
			return s
		}
	}
	return ""
}

func absolute(s *site.Site, u string) string {
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		return u
	}
	return s.AbsURL("/" + strings.TrimPrefix(u, "/"))
}

func postal(a schema.Address) *PostalAddress {
	if a == (schema.Address{}) {
		return nil
	}
	return &PostalAddress{Type: "PostalAddress", StreetAddress: a.Street, AddressLocality: a.Locality,
		AddressRegion: a.Region, PostalCode: a.PostalCode, AddressCountry: a.Country}
}

func place(pl *schema.Place, id string) *Place {
	out := &Place{Thing: Thing{Type: pl.Type, ID: id}, Name: pl.Name, Description: pl.Description, URL: pl.URL,
		Address: postal(pl.Address), AvailableLanguage: pl.AvailableLanguage}
	if pl.Geo != nil {
		out.Geo = &GeoCoordinates{Type: "GeoCoordinates", Latitude: pl.Geo.Lat, Longitude: pl.Geo.Lon}
	}
	return out
}

// articleNodes returns the page's article node, which carries the page
// itself, and the nodes it is about.
func articleNodes(p *site.Page, pub Organization) []any {
	d := p.Data
	if d == nil {
		d = &schema.Data{Schema: "Article"}
	}
	lang := HrefLang(p.Lang)
	pubRef := &Ref{ID: pub.ID}
	author := &Organization{Thing: Thing{Type: pub.Type}, Name: pub.Name, URL: pub.URL}
	if a, _ := p.Params["author"].(string); a != "" {
		author = &Organization{Thing: Thing{Type: "Organization"}, Name: a}
	}
	a := Article{
		Thing:    top(d.Schema, p.Permalink+"#article"),
		Headline: headline(p.Title), Description: Description(p), URL: p.Permalink, InLanguage: lang,
		Author: author, Publisher: pubRef,
		MainEntityOfPage: &PageRef{Type: "WebPage", ID: p.Permalink + "#webpage",
			IsPartOf:   &Ref{Type: "WebSite", ID: p.Lang.Home.Permalink + "#website", URL: p.Lang.Home.Permalink},
			Breadcrumb: &Ref{ID: p.Permalink + "#breadcrumb"}},
		ArticleSection: sectionTitle(p),
	}
	if a.Headline != p.Title {
		a.Name = p.Title
	}
	if !p.Date.IsZero() {
		a.DatePublished = isoDate(p.Date)
		a.DateModified = isoDate(cmp.Or(p.Lastmod, p.Date))
	}
	if img := Image(p); img != "" {
		a.Image = []string{img}
	}
	if tags := p.Terms["tags"]; len(tags) > 0 {
		var names []string
		for _, t := range tags {
			names = append(names, t.Title)
		}
		a.Keywords = strings.Join(names, ", ")
	}
	a.WorkTranslation, a.TranslationOfWork = translationLinks(p, "#article")
	subject := &Ref{ID: p.Permalink + "#article"}
	var nodes []any
	if pl := d.Place; pl != nil {
		n := place(pl, p.Permalink+"#place")
		n.Context = context
		n.SubjectOf = subject
		a.About = append(a.About, Ref{ID: n.ID})
		nodes = append(nodes, n)
	}
	if e := d.Event; e != nil {
		n := Event{
			Thing: top(e.Type, p.Permalink+"#event"),
			Name:  e.Name, Description: e.Description, StartDate: isoDate(e.Start),
			EventStatus:         "https://schema.org/" + e.Status,
			EventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
			InLanguage:          lang, URL: p.Permalink, Image: a.Image,
		}
		if !e.End.IsZero() {
			n.EndDate = isoDate(e.End)
		}
		if e.Location.Name != "" || e.Location.Address != (schema.Address{}) {
			loc := e.Location
			loc.Type = cmp.Or(loc.Type, "Place")
			n.Location = place(&loc, "")
		}
		if e.Organizer != "" {
			n.Organizer = &Organization{Thing: Thing{Type: "Organization"}, Name: e.Organizer}
		}
		a.About = append(a.About, Ref{ID: n.ID})
		nodes = append(nodes, n)
	}
	if l := d.Legislation; l != nil {
		n := Legislation{
			Thing: top("Legislation", p.Permalink+"#legislation"),
			Name:  l.Name, LegislationIdentifier: l.Identifier, LegislationJurisdiction: l.Jurisdiction,
			LegislationType: l.Kind, URL: l.URL, SubjectOf: subject,
		}
		if !l.Date.IsZero() {
			n.LegislationDate = l.Date.Format(time.DateOnly)
		}
		a.About = append(a.About, Ref{ID: n.ID})
		nodes = append(nodes, n)
	}
	if sv := d.Service; sv != nil {
		n := GovernmentService{
			Thing: top("GovernmentService", p.Permalink+"#service"),
			Name:  sv.Name, ServiceType: sv.ServiceType, URL: cmp.Or(sv.URL, p.Permalink),
			Provider: &Organization{Thing: Thing{Type: "GovernmentOrganization"}, Name: cmp.Or(sv.Provider, pub.Name)},
		}
		if sv.Audience != "" {
			n.Audience = &Audience{Type: "Audience", AudienceType: sv.Audience}
		}
		if sv.AreaServed != "" {
			n.AreaServed = &Area{Type: "AdministrativeArea", Name: sv.AreaServed}
		}
		a.About = append(a.About, Ref{ID: n.ID})
		nodes = append(nodes, n)
	}
	if c := d.Claim; c != nil {
		n := ClaimReview{
			Thing: top("ClaimReview", p.Permalink+"#claimreview"),
			URL:   p.Permalink, ClaimReviewed: c.Text, InLanguage: lang, ReviewBody: c.Explanation,
			ReviewRating: Rating{Type: "Rating", AlternateName: c.Rating},
			ItemReviewed: Claim{Type: "Claim", Text: c.Text},
			Author:       &Organization{Thing: Thing{Type: pub.Type}, Name: pub.Name, URL: pub.URL},
		}
		if c.RatingValue > 0 {
			n.ReviewRating.RatingValue, n.ReviewRating.BestRating, n.ReviewRating.WorstRating = c.RatingValue, 5, 1
		}
		if !c.Date.IsZero() {
			n.ItemReviewed.DatePublished = isoDate(c.Date)
		}
		if c.Appearance != "" {
			if strings.HasPrefix(c.Appearance, "http://") || strings.HasPrefix(c.Appearance, "https://") {
				n.ItemReviewed.Appearance = &CreativeWork{Type: "CreativeWork", URL: c.Appearance}
			} else {
				n.ItemReviewed.Appearance = &CreativeWork{Type: "CreativeWork", Description: c.Appearance}
			}
		}
		if c.Author != "" {
			n.ItemReviewed.Author = &Organization{Thing: Thing{Type: "Organization"}, Name: c.Author}
		}
		if !p.Date.IsZero() {
			n.DatePublished = isoDate(p.Date)
		}
		a.HasPart = append(a.HasPart, Ref{ID: n.ID})
		nodes = append(nodes, n)
	}
	return append([]any{a}, nodes...)
}

// headline keeps to the 110 characters Google reads.
func headline(title string) string {
	if len([]rune(title)) <= 110 {
		return title
	}
	return Truncate(title, 110)
}

func sectionTitle(p *site.Page) string {
	for _, a := range p.Ancestors() {
		if a.Kind == site.KindSection && a.Parent != nil && a.Parent.Kind == site.KindHome {
			return a.Title
		}
	}
	return ""
}

// isoDate writes a date as ISO 8601: the day alone when no time of day
// was given (an event on 5 October 2019 did not start at midnight).
func isoDate(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// Breadcrumbs returns the BreadcrumbList from the home page to p.
func Breadcrumbs(p *site.Page) BreadcrumbList {
	trail := append([]*site.Page{p}, p.Ancestors()...)
	bl := BreadcrumbList{Thing: top("BreadcrumbList", p.Permalink+"#breadcrumb")}
	for i := len(trail) - 1; i >= 0; i-- {
		t := trail[i]
		bl.ItemListElement = append(bl.ItemListElement, ListItem{Type: "ListItem", Position: len(bl.ItemListElement) + 1, Name: t.Title, Item: t.Permalink})
	}
	return bl
}
