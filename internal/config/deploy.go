package config

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gobwas/glob"

	"sitegen/internal/fault"
)

// Deployment is the [deployment] table, in the shape of Hugo's so that a
// Hugo site's deployment settings carry over: named targets, matchers that
// set headers by a regular expression on the file's path, and a limit on
// deletions.
type Deployment struct {
	Targets    []DeployTarget
	Matchers   []DeployMatcher
	MaxDeletes int // -1 means no limit
	Workers    int // concurrent requests; 0 means the default
}

// DeployTarget is one [[deployment.targets]] entry.
type DeployTarget struct {
	Name string
	URL  string // s3://bucket/prefix?endpoint=…&region=…
	// CloudFrontDistributionID, when set, makes a deploy invalidate the
	// changed paths in that CloudFront distribution.
	CloudFrontDistributionID string
	// Include and Exclude are globs on the path relative to the output
	// root ("**.html"). A file outside them is neither uploaded nor deleted.
	Include, Exclude glob.Glob
}

// DeployMatcher is one [[deployment.matchers]] entry. The first matcher
// whose Pattern matches a file's path sets its headers; what a matcher
// leaves empty comes from sitegen's own rules.
type DeployMatcher struct {
	Pattern         *regexp.Regexp
	CacheControl    string
	ContentType     string
	ContentEncoding string
	Gzip            bool // upload gzip-compressed with Content-Encoding: gzip
	Force           bool // upload even when unchanged
}

// DefaultMaxDeletes is the deletion limit when neither the configuration
// nor the command line sets one: enough for a busy week of edits, far
// fewer than a site's pages, so an empty or broken build cannot wipe it.
const DefaultMaxDeletes = 256

var (
	deployKeys = keySet{
		implemented: words("targets matchers maxDeletes workers"),
		hugoOnly:    words("order invalidateCDN confirm dryRun force target"),
	}
	targetKeys = keySet{
		implemented: words("name url cloudFrontDistributionID include exclude"),
		hugoOnly:    words("googleCloudCDNOrigin stripIndexHTML"),
	}
	matcherKeys = keySet{
		implemented: words("pattern cacheControl contentType contentEncoding gzip force"),
		hugoOnly:    words(""),
	}
)

// readDeployment decodes [deployment]. Mistakes are reported with the line
// they are on, since a deploy configured wrongly is found out only in CI.
func readDeployment(v any, src source, diags *fault.List) Deployment {
	d := Deployment{MaxDeletes: DefaultMaxDeletes}
	m, ok := v.(map[string]any)
	if !ok {
		return d
	}
	checkKeys(m, deployKeys, "deployment.", src, diags)
	if n := lookup(m, "maxDeletes"); n != nil {
		d.MaxDeletes = toInt(n)
		if d.MaxDeletes < -1 {
			diags.Add(src.at("maxDeletes").Errorf("deployment.maxDeletes is %d", d.MaxDeletes).
				WithHint("use a number of deletions, 0 for none, or -1 for no limit"))
		}
	}
	d.Workers = toInt(lookup(m, "workers"))
	if d.Workers < 0 {
		diags.Add(src.at("workers").Errorf("deployment.workers is %d", d.Workers).WithHint("use a positive number, or leave it out"))
	}
	names := map[string]bool{}
	for _, t := range tables(lookup(m, "targets")) {
		checkKeys(t, targetKeys, "deployment.targets.", src, diags)
		dt := DeployTarget{
			Name:                     str(lookup(t, "name")),
			URL:                      str(lookup(t, "url")),
			CloudFrontDistributionID: str(lookup(t, "cloudFrontDistributionID")),
		}
		pos := src.near(dt.Name, "[[deployment.targets]]")
		if dt.URL == "" {
			diags.Add(pos.Errorf("deployment target %q has no url", dt.Name).
				WithHint("add url = \"s3://bucket?region=…\""))
		}
		if names[dt.Name] {
			diags.Add(pos.Errorf("two deployment targets are named %q", dt.Name).WithHint("give each target its own name"))
		}
		names[dt.Name] = true
		for _, k := range []string{"include", "exclude"} {
			s := str(lookup(t, k))
			if s == "" {
				continue
			}
			g, err := glob.Compile(s, '/')
			if err != nil {
				diags.Add(src.near(s, k).Errorf("deployment target %q: bad %s glob %q: %v", dt.Name, k, s, err).
					WithHint("use a glob such as \"**.html\""))
				continue
			}
			if k == "include" {
				dt.Include = g
			} else {
				dt.Exclude = g
			}
		}
		d.Targets = append(d.Targets, dt)
	}
	for _, t := range tables(lookup(m, "matchers")) {
		checkKeys(t, matcherKeys, "deployment.matchers.", src, diags)
		pat := str(lookup(t, "pattern"))
		pos := src.near(pat, "[[deployment.matchers]]")
		re, err := regexp.Compile(pat)
		switch {
		case pat == "":
			diags.Add(pos.Errorf("deployment matcher without a pattern").WithHint("add pattern = \"^.+\\\\.(css|js)$\""))
			continue
		case err != nil:
			diags.Add(pos.Errorf("deployment matcher: bad pattern %q: %v", pat, err).
				WithHint("the pattern is a Go regular expression on the path, e.g. \"^.+\\\\.(css|js)$\""))
			continue
		}
		d.Matchers = append(d.Matchers, DeployMatcher{
			Pattern:         re,
			CacheControl:    str(lookup(t, "cacheControl")),
			ContentType:     str(lookup(t, "contentType")),
			ContentEncoding: str(lookup(t, "contentEncoding")),
			Gzip:            truthy(lookup(t, "gzip")),
			Force:           truthy(lookup(t, "force")),
		})
	}
	return d
}

// Target returns the target with the name, or the first target when name
// is empty.
func (d Deployment) Target(name string) (DeployTarget, error) {
	if len(d.Targets) == 0 {
		return DeployTarget{}, fmt.Errorf("no [[deployment.targets]] in the configuration")
	}
	if name == "" {
		return d.Targets[0], nil
	}
	var have []string
	for _, t := range d.Targets {
		if t.Name == name {
			return t, nil
		}
		have = append(have, fmt.Sprintf("%q", t.Name))
	}
	return DeployTarget{}, fmt.Errorf("no deployment target named %q (the configuration has %s)", name, strings.Join(have, ", "))
}

// tables reads an array of tables, which decoders return as []any or
// []map[string]any.
func tables(v any) []map[string]any {
	switch l := v.(type) {
	case []map[string]any:
		return l
	case []any:
		var out []map[string]any
		for _, it := range l {
			if t, ok := it.(map[string]any); ok {
				out = append(out, t)
			}
		}
		return out
	}
	return nil
}

// near finds the first line that contains value (in the config's text),
// or else the line of fallback: values in arrays of tables have no key of
// their own to search for.
func (s source) near(value, fallback string) fault.Pos {
	if value != "" {
		for i, line := range strings.Split(s.text, "\n") {
			if c := strings.Index(line, value); c >= 0 {
				return fault.At(s.name, i+1, c+1)
			}
		}
	}
	for i, line := range strings.Split(s.text, "\n") {
		if strings.Contains(line, fallback) {
			return fault.At(s.name, i+1, strings.Index(line, fallback)+1)
		}
	}
	return fault.At(s.name, 0, 0)
}
