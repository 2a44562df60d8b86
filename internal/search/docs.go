package search

import "sitegen/internal/site"

// Docs returns what the index of language l holds, as Write indexes it: a
// rebuild keeps them to index later, while the pages change under it.
func Docs(s *site.Site, l *site.Lang) []Doc {
	var docs []Doc
	for _, p := range s.Pages {
		if p.Lang == l && Indexed(p) {
			docs = append(docs, Doc{URL: p.RelURL, Title: p.Title, HTML: p.Headings(), Text: p.Plain()})
		}
	}
	return docs
}
