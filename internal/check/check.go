// Package check looks for what a build alone does not catch: it reads the
// sources for images that are not there, and the built output for links
// that go nowhere and hreflang sets that do not answer each other. It is
// what "sitegen check" adds to a build, so that an editor hears about it
// before CI or a reader does.
package check

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"sitegen/internal/fault"
	"sitegen/internal/site"
)

// imageRe finds Markdown images: ![alt](dest "title").
var imageRe = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)>?`)

// Sources checks what pages point at in their sources: Markdown images and
// the front matter image must exist.
func Sources(s *site.Site, diags *fault.List) {
	cfg := s.Config
	for _, p := range s.Pages {
		src := p.Src
		if src == nil || p.Lang.Code != src.Lang {
			continue
		}
		exists := func(dest string) bool {
			dest, _, _ = strings.Cut(dest, "#")
			dest, _, _ = strings.Cut(dest, "?")
			if u, err := url.PathUnescape(dest); err == nil {
				dest = u
			}
			if strings.HasPrefix(dest, "/") {
				return fileExists(filepath.Join(cfg.Dir, cfg.StaticDir, filepath.FromSlash(dest)))
			}
			dir := path.Dir(src.File)
			return fileExists(filepath.Join(cfg.Dir, filepath.FromSlash(path.Join(dir, dest))))
		}
		// The build releases each page's Markdown once rendered, so read it
		// again: the body is what follows the front matter.
		raw, err := os.ReadFile(filepath.Join(cfg.Dir, filepath.FromSlash(src.File)))
		if err != nil {
			diags.Add(fault.At(src.File, 0, 0).Errorf("reading the page again: %v", err))
			continue
		}
		body := strings.ReplaceAll(string(raw), "\r\n", "\n")
		lines := strings.Split(body, "\n")
		if first := src.BodyLine - 1; first >= 0 && first <= len(lines) {
			lines = lines[first:]
		}
		fence := ""
		for i, line := range lines {
			t := strings.TrimSpace(line)
			if fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")) {
				fence = t[:3]
				continue
			} else if fence != "" {
				if strings.HasPrefix(t, fence) {
					fence = ""
				}
				continue
			}
			for _, m := range imageRe.FindAllStringSubmatchIndex(line, -1) {
				dest := line[m[2]:m[3]]
				if external(dest) || exists(dest) {
					continue
				}
				diags.Add(fault.At(src.File, src.BodyLine+i, len([]rune(line[:m[0]]))+1).Errorf("image %q does not exist", dest).
					WithHint("put the image beside the page (make the page a bundle: a folder with index.md) or in %s/, and check the spelling", cfg.StaticDir))
			}
		}
		if img, ok := src.Params["image"].(string); ok && img != "" && !external(img) && !exists(img) {
			diags.Add(src.Pos("image").Errorf("front matter image %q does not exist", img).
				WithHint("give a path in %s/ starting with /, or a file beside the page", cfg.StaticDir))
		}
	}
}

func external(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme != "" || p.Host != "")
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// Output checks the built site in dest: every internal link and image
// reference leads to a file of the output, and every hreflang set is
// reciprocal. Findings name the page's source file when it has one.
func Output(s *site.Site, dest string, diags *fault.List) error {
	base, err := url.Parse(s.Config.BaseURL)
	if err != nil {
		return fmt.Errorf("baseURL: %w", err)
	}
	type pageInfo struct {
		file string
		alts map[string]string
	}
	pages := map[string]*pageInfo{} // absolute URL → info
	var broken []fault.Finding
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		pageURL := "/" + strings.TrimSuffix(rel, "index.html")
		who := rel
		if pg := s.ByURL(pageURL); pg != nil && pg.File() != "" {
			who = pg.File()
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		info := &pageInfo{file: who, alts: map[string]string{}}
		self := base.ResolveReference(&url.URL{Path: strings.TrimPrefix(pageURL, "/")})
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				attrs := map[string]string{}
				for _, a := range n.Attr {
					attrs[a.Key] = a.Val
				}
				if n.Data == "link" && attrs["rel"] == "alternate" && attrs["hreflang"] != "" {
					info.alts[attrs["hreflang"]] = attrs["href"]
				}
				for _, key := range []string{"href", "src"} {
					v, ok := attrs[key]
					if !ok || (n.Data == "link" && attrs["rel"] != "stylesheet" && attrs["rel"] != "icon") {
						continue
					}
					if target, internal := localPath(base, self, v); internal && !inOutput(dest, target) {
						broken = append(broken, fault.At(who, 0, 0).Errorf("<%s %s=%q> on %s leads to no file of the site", n.Data, key, v, pageURL).
							WithHint("fix the link in the page or its layout; internal links must point at pages and files the build produces"))
					}
				}
				if v, ok := attrs["srcset"]; ok {
					for _, cand := range strings.Split(v, ",") {
						fields := strings.Fields(cand)
						if len(fields) == 0 {
							continue
						}
						if target, internal := localPath(base, self, fields[0]); internal && !inOutput(dest, target) {
							broken = append(broken, fault.At(who, 0, 0).Errorf("<%s srcset> on %s names %q, which the site does not have", n.Data, pageURL, fields[0]).
								WithHint("check the image's file name"))
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		pages[self.String()] = info
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range broken {
		diags.Add(f)
	}
	// hreflang: every member of a page's set lists the same set.
	var urls []string
	for u := range pages {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	for _, u := range urls {
		pi := pages[u]
		if len(pi.alts) == 0 {
			continue
		}
		listsSelf := pi.alts["x-default"] == u // the language picker is the x-default, not a translation
		for lang, alt := range pi.alts {
			if lang == "x-default" {
				continue
			}
			if alt == u {
				listsSelf = true
				continue
			}
			other, ok := pages[alt]
			if !ok {
				diags.Add(fault.At(pi.file, 0, 0).Errorf("hreflang %s of %s points at %s, which is not a page of the site", lang, u, alt).
					WithHint("hreflang links must name built pages"))
				continue
			}
			back := false
			for _, a := range other.alts {
				if a == u {
					back = true
				}
			}
			if !back {
				diags.Add(fault.At(pi.file, 0, 0).Errorf("hreflang is not reciprocal: %s lists %s (%s), which does not list it back", u, alt, lang).
					WithHint("translations must list each other; check translationKey and file names"))
			}
		}
		if !listsSelf {
			diags.Add(fault.At(pi.file, 0, 0).Errorf("the hreflang set of %s does not include the page itself", u).
				WithHint("every page in an hreflang set must list itself"))
		}
	}
	return nil
}

// localPath resolves a reference against the page; internal is true when
// it stays on the site, and target is then its path.
func localPath(base, page *url.URL, ref string) (target string, internal bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "tel:") {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref, true
	}
	abs := page.ResolveReference(u)
	if abs.Host != base.Host || (abs.Scheme != "http" && abs.Scheme != "https") {
		return "", false
	}
	p := strings.TrimPrefix(abs.Path, strings.TrimSuffix(base.Path, "/"))
	return p, true
}

func inOutput(dest, p string) bool {
	p = filepath.FromSlash(strings.TrimPrefix(p, "/"))
	full := filepath.Join(dest, p)
	if fi, err := os.Stat(full); err == nil {
		if fi.IsDir() {
			return fileExists(filepath.Join(full, "index.html"))
		}
		return true
	}
	return false
}
