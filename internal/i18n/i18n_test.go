package i18n_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitegen/internal/config"
	"sitegen/internal/fault"
	"sitegen/internal/i18n"
)

func TestFormatDate(t *testing.T) {
	d := time.Date(2024, 6, 20, 10, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"vi": "20 tháng 6, 2024",
		"en": "June 20, 2024",
		"km": "20 មិថុនា 2024",
	} {
		if got := i18n.FormatDate(lang, d); got != want {
			t.Errorf("FormatDate(%s) = %q; want %q", lang, got, want)
		}
	}
	// Every Khmer month must print its name, not an empty abbreviation.
	for m := time.January; m <= time.December; m++ {
		got := i18n.FormatDate("km", time.Date(2024, m, 1, 0, 0, 0, 0, time.UTC))
		if strings.Contains(got, "  ") || len([]rune(got)) < 10 {
			t.Errorf("Khmer date for month %d is %q", m, got)
		}
	}
}

// TestRepositoryStrings checks every UI string of the repository's site in
// every language with the counts 0, 1 and 5: go-i18n v2.7 asks Vietnamese
// for a "one" form that v2.6 did not, and a missing form must not blank a
// string.
func TestRepositoryStrings(t *testing.T) {
	diags := &fault.List{}
	cfg, err := config.Load(filepath.Join("..", ".."), diags)
	if err != nil {
		t.Fatal(err)
	}
	cat := i18n.Load(cfg, diags)
	for _, f := range diags.All() {
		t.Errorf("finding: %v", f)
	}
	ids := cat.IDs(cfg.DefaultLang)
	if len(ids) < 10 {
		t.Fatalf("only %d strings in %s", len(ids), cfg.DefaultLang)
	}
	for _, l := range cfg.Languages {
		for _, id := range ids {
			for _, n := range []int{0, 1, 5} {
				s, err := cat.Localize(l.Code, id, n, map[string]any{"Tag": "Hoa Lư", "Page": 2, "Total": 3})
				if err != nil || s == "" {
					t.Errorf("%s %q with count %d: %q, %v", l.Code, id, n, s, err)
				}
				if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
					t.Errorf("%s %q with count %d left a placeholder: %q", l.Code, id, n, s)
				}
			}
		}
	}
	if got := cat.T("en", "pageCount", 1); got != "1 page" {
		t.Errorf("en pageCount 1 = %q; want \"1 page\"", got)
	}
	if got := cat.T("en", "pageCount", 5); got != "5 pages" {
		t.Errorf("en pageCount 5 = %q; want \"5 pages\"", got)
	}
	if got := cat.T("vi", "pageCount", 1); got != "1 bài" {
		t.Errorf("vi pageCount 1 = %q; want \"1 bài\" from the other form", got)
	}
}
