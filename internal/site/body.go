package site

import (
	"html/template"
	"sync"
)

// Body is what a page's Markdown renders to.
type Body struct {
	Content template.HTML
	Summary template.HTML // the front matter summary, or the start of the text
	Plain   string        // the text, whole or its start (see build)
	// Headings are the body's heading elements, for pages a search index
	// reads (search.Headings); kept when Content is released.
	Headings string
	Failed   bool // the Markdown could not be rendered; findings say why
}

// BodyRenderer renders page p's Markdown. report is false when the body
// is made again after ReleaseContent, whose findings were reported the
// first time.
type BodyRenderer func(p *Page, report bool) Body

// bodyState is a page's body, rendered when first asked for: a page's
// own rendering asks for it, and so may another page's (a list showing its
// summary), whichever comes first, on whichever core.
type bodyState struct {
	mu       sync.Mutex
	done     bool
	released bool
	body     Body
}

// SetBodyRenderer sets how pages' bodies are rendered; until it is set,
// pages have none.
func (s *Site) SetBodyRenderer(r BodyRenderer) { s.renderBody = r }

// rendered returns the page's body, rendering it on first use, and
// whether its Content was released since.
func (p *Page) rendered() (Body, bool) {
	b := p.body
	if b == nil || p.Lang.Site.renderBody == nil {
		return Body{}, false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.done {
		b.body, b.done = p.Lang.Site.renderBody(p, true), true
	}
	return b.body, b.released
}

// Content is the page's body as HTML.
func (p *Page) Content() template.HTML {
	body, released := p.rendered()
	if released {
		// Asked for once more after the page was written: made again
		// rather than held for the whole build by every page.
		return p.Lang.Site.renderBody(p, false).Content
	}
	return body.Content
}

// Summary is the front matter summary, or the start of the text.
func (p *Page) Summary() template.HTML { b, _ := p.rendered(); return b.Summary }

// Plain is the text of the content: whole for languages with a search
// index, otherwise its start, for summaries and descriptions.
func (p *Page) Plain() string { b, _ := p.rendered(); return b.Plain }

// Headings are the heading elements of the body, for the search index.
func (p *Page) Headings() string { b, _ := p.rendered(); return b.Headings }

// BodyFailed reports whether the page's Markdown could not be rendered
// (its findings say why).
func (p *Page) BodyFailed() bool { b, _ := p.rendered(); return b.Failed }

// ReleaseContent lets go of the page's HTML once the page is written,
// keeping its summary, text and headings, so that a build holds the
// bodies of the pages being rendered rather than of all of them. A later
// Content renders the body again.
func (p *Page) ReleaseContent() {
	b := p.body
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done && !b.body.Failed {
		b.body.Content, b.released = "", true
	}
}
