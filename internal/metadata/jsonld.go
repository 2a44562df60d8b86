package metadata

import (
	"time"

	"sitegen/internal/site"
)

// Thing is the part every schema.org node shares.
type Thing struct {
	Context string `json:"@context,omitempty"`
	Type    string `json:"@type"`
	ID      string `json:"@id,omitempty"`
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

// Ref is a link to another node by URL.
type Ref struct {
	Type       string `json:"@type"`
	ID         string `json:"@id,omitempty"`
	URL        string `json:"url,omitempty"`
	Name       string `json:"name,omitempty"`
	InLanguage string `json:"inLanguage,omitempty"`
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
	WorkTranslation   []Ref  `json:"workTranslation,omitempty"`
	TranslationOfWork *Ref   `json:"translationOfWork,omitempty"`
}

// JSONLD returns the JSON-LD nodes for a page.
func JSONLD(p *site.Page) []any {
	s := p.Lang.Site
	out := []any{}
	wp := WebPage{
		Thing: Thing{Context: "https://schema.org", Type: "WebPage", ID: p.Permalink + "#webpage"},
		Name:  p.Title, URL: p.Permalink, InLanguage: HrefLang(p.Lang), Description: Description(p),
		IsPartOf: &Ref{Type: "WebSite", ID: p.Lang.Home.Permalink + "#website", URL: p.Lang.Home.Permalink},
	}
	if p.Kind != site.KindPage {
		wp.Type = "CollectionPage"
	}
	if !p.Date.IsZero() {
		wp.DatePublished = p.Date.Format(time.RFC3339)
		wp.DateModified = p.Lastmod.Format(time.RFC3339)
	}
	// The default language is the source; translations point back at it and
	// it lists them.
	if p.Lang.Code == s.Config.DefaultLang {
		for _, t := range p.Translations {
			wp.WorkTranslation = append(wp.WorkTranslation, Ref{Type: "WebPage", ID: t.Permalink + "#webpage", URL: t.Permalink, InLanguage: HrefLang(t.Lang)})
		}
	} else if src := p.Translation(s.Config.DefaultLang); src != nil {
		wp.TranslationOfWork = &Ref{Type: "WebPage", ID: src.Permalink + "#webpage", URL: src.Permalink, InLanguage: HrefLang(src.Lang)}
	}
	out = append(out, wp)
	out = append(out, Breadcrumbs(p))
	return out
}

// Breadcrumbs returns the BreadcrumbList from the home page to p.
func Breadcrumbs(p *site.Page) BreadcrumbList {
	trail := append([]*site.Page{p}, p.Ancestors()...)
	bl := BreadcrumbList{Thing: Thing{Context: "https://schema.org", Type: "BreadcrumbList"}}
	for i := len(trail) - 1; i >= 0; i-- {
		t := trail[i]
		bl.ItemListElement = append(bl.ItemListElement, ListItem{Type: "ListItem", Position: len(bl.ItemListElement) + 1, Name: t.Title, Item: t.Permalink})
	}
	return bl
}
