package config

import (
	"maps"
	"slices"
	"strings"

	"sitegen/internal/fault"
)

// topKeys are the top-level keys sitegen reads.
var topKeys = keySet{
	implemented: words("baseURL title copyright defaultContentLanguage defaultContentLanguageInSubdir languages " +
		"taxonomies params menus menu permalinks markup timeZone contentDir layoutDir i18nDir staticDir publishDir languageCode " +
		"archetypeDir contentTypes deployment paginate pagination"),
	// hugoOnly are Hugo keys sitegen accepts but does not act on: worth a
	// warning, never an error, so that Hugo sites still build.
	hugoOnly: words("assetDir author baseof build buildDrafts buildExpired buildFuture caches canonifyURLs " +
		"capitalizeListTitles cascade cleanDestinationDir dataDir disableAliases disableHugoGeneratorInject " +
		"disableKinds disableLanguages disableLiveReload disablePathToLower enableEmoji enableGitInfo enableInlineShortcodes " +
		"enableMissingTranslationPlaceholders enableRobotsTXT frontmatter footnoteAnchorPrefix footnoteReturnLinkContents " +
		"googleAnalytics hasCJKLanguage ignoreCache ignoreFiles ignoreLogs imaging mediaTypes minify module newContentEditor " +
		"noChmod noTimes outputFormats outputs pluralizeListTitles privacy related relativeURLs " +
		"removePathAccents renderSegments resourceDir sectionPagesMenu security segments server services sitemap " +
		"summaryLength theme themesDir titleCaseStyle uglyURLs watch workingDir httpCache pygmentsCodeFences " +
		"pygmentsUseClasses rssLimit enableRobotsTxt"),
}

// langKeys are the keys of a [languages.xx] table.
var langKeys = keySet{
	implemented: words("languageName title weight params contentDir languageCode languageDirection menus menu permalinks"),
	hugoOnly:    words("disabled label locale timeZone copyright baseURL"),
}

type keySet struct {
	implemented map[string]string // lower-case → canonical spelling
	hugoOnly    map[string]string
}

func words(s string) map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields(s) {
		m[strings.ToLower(w)] = w
	}
	return m
}

// checkKeys reports keys of m that sitegen ignores (Hugo's) or does not know
// at all (probably misspelt).
func checkKeys(m map[string]any, set keySet, prefix string, src source, diags *fault.List) {
	keys := slices.Sorted(maps.Keys(m))
	for _, k := range keys {
		low := strings.ToLower(k)
		if _, ok := set.implemented[low]; ok {
			continue
		}
		pos := src.at(k)
		if _, ok := set.hugoOnly[low]; ok {
			diags.Add(pos.Warnf("config key %q is a Hugo setting that sitegen does not implement; it has no effect", prefix+k))
			continue
		}
		f := pos.Errorf("unknown config key %q", prefix+k)
		if s := nearest(low, set); s != "" {
			f = f.WithHint("did you mean %q?", s)
		} else {
			f = f.WithHint("remove it, or move site-specific values under [params]")
		}
		diags.Add(f)
	}
}

// nearest suggests the known key closest to k by edit distance.
func nearest(k string, set keySet) string {
	best, bestD := "", 4
	for _, m := range []map[string]string{set.implemented, set.hugoOnly} {
		for low, canon := range m {
			if d := distance(k, low); d < bestD || (d == bestD && canon < best) {
				best, bestD = canon, d
			}
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
