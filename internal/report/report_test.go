package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"sitegen/internal/build"
	"sitegen/internal/report"
)

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func TestPeriods(t *testing.T) {
	for _, c := range []struct{ in, from, to string }{
		{"2024", "2023-11-20", "2024-11-19"},
		{"2024-H1", "2023-11-20", "2024-06-19"},
		{"2024-H2", "2024-06-20", "2024-11-19"},
	} {
		p, err := report.ParsePeriod(c.in, hcm)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.From.Format(time.DateOnly) + " " + p.To.Format(time.DateOnly); got != c.from+" "+c.to {
			t.Errorf("%s: %s; want %s %s", c.in, got, c.from, c.to)
		}
	}
	for _, bad := range []string{"2024-H3", "24", "2024-06", ""} {
		if _, err := report.ParsePeriod(bad, hcm); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if _, err := report.ParseDates("2024-06-20", "2024-06-19", hcm); err == nil {
		t.Errorf("--to before --from accepted")
	}
}

func TestReportCounts(t *testing.T) {
	now := time.Date(2024, 7, 1, 12, 0, 0, 0, hcm)
	ar, _ := txtar.ParseFile("testdata/periods.txtar")
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	s, _, err := build.Load(build.Options{Source: dir, Expired: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	h1, _ := report.ParsePeriod("2024-H1", hcm)
	r := report.Make(s, h1, now)
	titles := func(items []report.Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Title)
		}
		return out
	}
	want := []string{"First day of 2024", "First day of 2024 (en)", "A fact-check", "An old notice", "A meeting", "Last day of H1", "Last day of H1 (en)"}
	if got := titles(r.Published); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("published in 2024-H1:\n got %q\nwant %q", got, want)
	}
	if len(r.Updated) != 0 {
		t.Errorf("updated in H1: %q; the update on 2024-06-20 belongs to H2", titles(r.Updated))
	}
	if got := titles(r.FactChecks); len(got) != 1 || !strings.Contains(r.FactChecks[0].Detail, "A false claim. — False") {
		t.Errorf("fact-checks %q %+v", got, r.FactChecks)
	}
	if len(r.Events) != 1 || r.Events[0].Date.Format(time.DateOnly) != "2024-04-30" || !strings.Contains(r.Events[0].Detail, "Lộc Ninh") {
		t.Errorf("events %+v", r.Events)
	}
	if len(r.Coverage) != 1 || r.Coverage[0] != (report.Coverage{Lang: "en", Sources: 6, Translated: 2, Outdated: 0}) {
		t.Errorf("coverage at the end of H1: %+v", r.Coverage)
	}

	// H2: the boundary page, the update that outdates a translation; the
	// future page (after the clock) is not published at all.
	h2, _ := report.ParsePeriod("2024-H2", hcm)
	r = report.Make(s, h2, now)
	if got := titles(r.Published); strings.Join(got, "|") != "First day of H2" {
		t.Errorf("published in 2024-H2: %q", got)
	}
	if got := titles(r.Updated); strings.Join(got, "|") != "First day of 2024" {
		t.Errorf("updated in 2024-H2: %q", got)
	}
	if len(r.Outdated) != 1 || r.Outdated[0].Title != "First day of 2024 (en)" || r.Coverage[0].Outdated != 1 {
		t.Errorf("outdated at the end of H2: %+v %+v", r.Outdated, r.Coverage)
	}
	for _, it := range append(r.Published, r.Updated...) {
		if it.Title == "In the future" || it.Title == "Draft" || it.Title == "Before the year" {
			t.Errorf("%q is in the report", it.Title)
		}
	}

	// The three formats say the same.
	var md, cs, js bytes.Buffer
	r = report.Make(s, h1, now)
	if err := r.Markdown(&md, "vi"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Kỳ báo cáo: 2024-H1 (2023-11-20 – 2024-06-19)", "| **Tổng cộng** | **5** | **0** | **2** | **0** |", "| English | 6 | 2 | 33% | 0 |", "A false claim. — False"} {
		if !strings.Contains(md.String(), w) {
			t.Errorf("Markdown lacks %q:\n%s", w, md.String())
		}
	}
	var en bytes.Buffer
	r.Markdown(&en, "en")
	if !strings.Contains(en.String(), "Reporting period: 2024-H1") {
		t.Errorf("English headings:\n%s", en.String())
	}
	if err := r.CSV(&cs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil || len(rows) != 1+7+1+1 { // header, 7 published, 1 fact-check, 1 event
		t.Errorf("CSV: %v, %d rows\n%v", err, len(rows), rows)
	}
	if err := r.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var back struct {
		From, To  string
		Published []report.Item
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.From != "2023-11-20" || len(back.Published) != 7 {
		t.Errorf("JSON: %v %+v", err, back)
	}
}
