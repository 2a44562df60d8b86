// Package report writes the half-yearly and yearly report on the portal's
// foreign-information work that the province's plan asks of every unit
// (six-monthly before 20 June, yearly before 20 November), from the
// site's sources alone: front matter dates, translations, fact-checks and
// events. No git history is needed, so the report can be run on any copy.
package report

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/site"
	"sitegen/internal/translation"
)

// Period is a reporting period: whole days From through To, inclusive, in
// the site's time zone.
type Period struct {
	Name     string // "2024-H1", "2024", or "" for --from/--to
	From, To time.Time
}

// end is the first instant after the period.
func (p Period) end() time.Time { return p.To.AddDate(0, 0, 1) }

func (p Period) contains(t time.Time) bool {
	return !t.IsZero() && !t.Before(p.From) && t.Before(p.end())
}

var periodRe = regexp.MustCompile(`^(\d{4})(?:-(H[12]))?$`)

// ParsePeriod reads "2024-H1", "2024-H2" or "2024". The plan wants the
// six-month report before 20 June and the yearly one before 20 November,
// so the periods run from one cut-off to the next and no day falls between
// two reports: 2024 is 20 November 2023 to 19 November 2024, 2024-H1 its
// first part to 19 June, 2024-H2 the rest.
func ParsePeriod(s string, loc *time.Location) (Period, error) {
	m := periodRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Period{}, fmt.Errorf("period %q: write a year (2024) or a half (2024-H1, 2024-H2)", s)
	}
	y, _ := strconv.Atoi(m[1])
	day := func(y int, mo time.Month, d int) time.Time { return time.Date(y, mo, d, 0, 0, 0, 0, loc) }
	p := Period{Name: s, From: day(y-1, time.November, 20), To: day(y, time.November, 19)}
	switch m[2] {
	case "H1":
		p.To = day(y, time.June, 19)
	case "H2":
		p.From = day(y, time.June, 20)
	}
	return p, nil
}

// ParseDates reads --from and --to as YYYY-MM-DD.
func ParseDates(from, to string, loc *time.Location) (Period, error) {
	f, err := time.ParseInLocation(time.DateOnly, from, loc)
	if err != nil {
		return Period{}, fmt.Errorf("--from %q is not a date; write YYYY-MM-DD", from)
	}
	t, err := time.ParseInLocation(time.DateOnly, to, loc)
	if err != nil {
		return Period{}, fmt.Errorf("--to %q is not a date; write YYYY-MM-DD", to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	return Period{From: f, To: t}, nil
}

// Item is one page the report names.
type Item struct {
	Kind    string    `json:"kind"` // published, updated, factcheck, event, outdated
	Lang    string    `json:"lang"`
	Section string    `json:"section"`
	Title   string    `json:"title"`
	URL     string    `json:"url"`
	File    string    `json:"file"`
	Date    time.Time `json:"date"`
	Detail  string    `json:"detail,omitempty"` // the claim and verdict, the event, the source that changed
}

// Count is pages published and updated in one section and language.
type Count struct {
	Section   string `json:"section"`
	Lang      string `json:"lang"`
	Published int    `json:"published"`
	Updated   int    `json:"updated"`
}

// Coverage is one language's translations at the end of the period.
type Coverage struct {
	Lang       string `json:"lang"`
	Sources    int    `json:"sources"`    // pages of the default language published by the end
	Translated int    `json:"translated"` // of those, translated by the end
	Outdated   int    `json:"outdated"`   // translated, but the source changed after the translation
}

// Report is everything the report says.
type Report struct {
	Period     Period     `json:"-"`
	From       string     `json:"from"`
	To         string     `json:"to"`
	Name       string     `json:"period,omitempty"`
	Counts     []Count    `json:"counts"`
	Coverage   []Coverage `json:"coverage"`
	Published  []Item     `json:"published"`
	Updated    []Item     `json:"updated"`
	Outdated   []Item     `json:"outdatedTranslations"`
	FactChecks []Item     `json:"factChecks"`
	Events     []Item     `json:"events"`

	site *site.Site
}

// Make computes the report of site s over period p. now is when the report
// is made: when the period reaches it, translations whose source changed
// since they were marked (see package translation) count as outdated too.
func Make(s *site.Site, p Period, now time.Time) *Report {
	r := &Report{Period: p, From: p.From.Format(time.DateOnly), To: p.To.Format(time.DateOnly), Name: p.Name, site: s}
	def := s.Config.DefaultLang
	counts := map[[2]string]*Count{}
	item := func(kind string, pg *site.Page, date time.Time, detail string) Item {
		return Item{Kind: kind, Lang: pg.Lang.Code, Section: pg.Section, Title: pg.Title, URL: pg.Permalink, File: pg.File(), Date: date, Detail: detail}
	}
	for _, pg := range s.Pages {
		if pg.Kind != site.KindPage || pg.Src == nil {
			continue
		}
		key := [2]string{pg.Section, pg.Lang.Code}
		c := counts[key]
		if c == nil {
			c = &Count{Section: pg.Section, Lang: pg.Lang.Code}
			counts[key] = c
		}
		if p.contains(pg.Date) {
			c.Published++
			r.Published = append(r.Published, item("published", pg, pg.Date, ""))
		}
		if p.contains(pg.Lastmod) && pg.Lastmod.After(pg.Date) && !sameDay(pg.Lastmod, pg.Date) {
			c.Updated++
			r.Updated = append(r.Updated, item("updated", pg, pg.Lastmod, ""))
		}
		if pg.Lang.Code != def || pg.Data == nil {
			continue
		}
		if cl := pg.Data.Claim; cl != nil && p.contains(pg.Date) {
			r.FactChecks = append(r.FactChecks, item("factcheck", pg, pg.Date, fmt.Sprintf("%s — %s", cl.Text, cl.Rating)))
		}
		if ev := pg.Data.Event; ev != nil && (p.contains(ev.Start) || (!ev.End.IsZero() && ev.Start.Before(p.From) && !ev.End.Before(p.From))) {
			where := ev.Location.Name
			r.Events = append(r.Events, item("event", pg, ev.Start, strings.Trim(ev.Name+" — "+where, " —")))
		}
	}
	for _, c := range counts {
		if c.Published+c.Updated > 0 {
			r.Counts = append(r.Counts, *c)
		}
	}
	slices.SortFunc(r.Counts, func(a, b Count) int { return cmp.Or(cmp.Compare(a.Section, b.Section), langOrder(s, a.Lang, b.Lang)) })

	// Translations at the end of the period.
	current := map[string]translation.State{}
	if !now.Before(p.From) && !p.end().Before(now) {
		entries, _ := translation.Status(s)
		for _, e := range entries {
			current[e.Lang+"|"+e.File] = e.State
		}
	}
	for _, l := range s.Langs {
		if l.Code == def {
			continue
		}
		cov := Coverage{Lang: l.Code}
		for _, pg := range s.Pages {
			if pg.Lang.Code != def || pg.Kind != site.KindPage || pg.Src == nil || pg.Date.IsZero() || !pg.Date.Before(p.end()) {
				continue
			}
			cov.Sources++
			t := pg.Translation(l.Code)
			if t == nil || t.Src == nil || t.Date.IsZero() || !t.Date.Before(p.end()) {
				continue
			}
			cov.Translated++
			changedAfter := pg.Lastmod.Before(p.end()) && pg.Lastmod.After(t.Lastmod) && !sameDay(pg.Lastmod, t.Lastmod)
			if changedAfter || current[l.Code+"|"+t.Src.File] == translation.Outdated {
				cov.Outdated++
				r.Outdated = append(r.Outdated, item("outdated", t, t.Lastmod, pg.File()))
			}
		}
		r.Coverage = append(r.Coverage, cov)
	}
	for _, list := range [][]Item{r.Published, r.Updated, r.Outdated, r.FactChecks, r.Events} {
		slices.SortStableFunc(list, func(a, b Item) int {
			return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Section, b.Section), langOrder(s, a.Lang, b.Lang), cmp.Compare(a.URL, b.URL))
		})
	}
	return r
}

func sameDay(a, b time.Time) bool { return a.Format(time.DateOnly) == b.Format(time.DateOnly) }

func langOrder(s *site.Site, a, b string) int {
	idx := func(code string) int {
		for i, l := range s.Langs {
			if l.Code == code {
				return i
			}
		}
		return len(s.Langs)
	}
	return cmp.Compare(idx(a), idx(b))
}

// JSON writes the report as JSON.
func (r *Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// CSV writes one row per item (published, updated, outdated translation,
// fact-check, event), for a spreadsheet.
func (r *Report) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"kind", "lang", "section", "title", "url", "date", "file", "detail"})
	for _, list := range [][]Item{r.Published, r.Updated, r.Outdated, r.FactChecks, r.Events} {
		for _, it := range list {
			_ = cw.Write([]string{it.Kind, it.Lang, it.Section, it.Title, it.URL, it.Date.Format(time.DateOnly), it.File, it.Detail})
		}
	}
	cw.Flush()
	return cw.Error()
}

// Markdown writes the report for pasting into the official report, with
// headings in lang (vi, en or km; others get English).
func (r *Report) Markdown(w io.Writer, lang string) error {
	t, ok := words[lang]
	if !ok {
		t = words["en"]
	}
	var b strings.Builder
	secName := func(sec string) string {
		if l := r.site.Lang(lang); l != nil {
			for _, p := range l.Sections {
				if p.Section == sec && p.Kind == site.KindSection {
					return p.Title
				}
			}
		}
		return sec
	}
	langName := func(code string) string {
		if l := r.site.Lang(code); l != nil && l.Name != "" {
			return l.Name
		}
		return code
	}
	fmt.Fprintf(&b, "# %s\n\n", t.title)
	period := r.From + " – " + r.To
	if r.Name != "" {
		period = r.Name + " (" + period + ")"
	}
	fmt.Fprintf(&b, "%s: %s. %s\n\n", t.period, period, t.basis)

	fmt.Fprintf(&b, "## 1. %s\n\n", t.counts)
	fmt.Fprintf(&b, "| %s |", t.section)
	for _, l := range r.site.Langs {
		fmt.Fprintf(&b, " %s: %s | %s: %s |", langName(l.Code), t.new, langName(l.Code), t.updated)
	}
	b.WriteString("\n|---|")
	for range r.site.Langs {
		b.WriteString("---:|---:|")
	}
	b.WriteString("\n")
	var secs []string
	for _, c := range r.Counts {
		if !slices.Contains(secs, c.Section) {
			secs = append(secs, c.Section)
		}
	}
	totals := make([][2]int, len(r.site.Langs))
	for _, sec := range secs {
		fmt.Fprintf(&b, "| %s |", secName(sec))
		for i, l := range r.site.Langs {
			var c Count
			for _, x := range r.Counts {
				if x.Section == sec && x.Lang == l.Code {
					c = x
				}
			}
			totals[i][0] += c.Published
			totals[i][1] += c.Updated
			fmt.Fprintf(&b, " %d | %d |", c.Published, c.Updated)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "| **%s** |", t.total)
	for _, tt := range totals {
		fmt.Fprintf(&b, " **%d** | **%d** |", tt[0], tt[1])
	}
	b.WriteString("\n\n")

	fmt.Fprintf(&b, "## 2. %s\n\n", t.coverage)
	fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|\n", t.language, t.sources, t.translated, t.share, t.outdated)
	for _, c := range r.Coverage {
		share := 0.0
		if c.Sources > 0 {
			share = 100 * float64(c.Translated) / float64(c.Sources)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.0f%% | %d |\n", langName(c.Lang), c.Sources, c.Translated, share, c.Outdated)
	}
	b.WriteString("\n")
	if len(r.Outdated) > 0 {
		fmt.Fprintf(&b, "%s:\n\n", t.outdatedList)
		for _, it := range r.Outdated {
			fmt.Fprintf(&b, "- %s: [%s](%s) (%s %s)\n", langName(it.Lang), esc(it.Title), it.URL, t.sourceChanged, it.Detail)
		}
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## 3. %s\n\n", t.factChecks)
	if len(r.FactChecks) == 0 {
		fmt.Fprintf(&b, "%s\n\n", t.none)
	}
	for _, it := range r.FactChecks {
		fmt.Fprintf(&b, "- %s: [%s](%s): %s\n", it.Date.Format(time.DateOnly), esc(it.Title), it.URL, esc(it.Detail))
	}
	if len(r.FactChecks) > 0 {
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## 4. %s\n\n", t.events)
	if len(r.Events) == 0 {
		fmt.Fprintf(&b, "%s\n\n", t.none)
	}
	for _, it := range r.Events {
		fmt.Fprintf(&b, "- %s: %s ([%s](%s))\n", it.Date.Format(time.DateOnly), esc(it.Detail), esc(it.Title), it.URL)
	}
	if len(r.Events) > 0 {
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## 5. %s\n\n", t.items)
	if len(r.Published)+len(r.Updated) == 0 {
		fmt.Fprintf(&b, "%s\n", t.none)
	}
	for _, group := range []struct {
		head  string
		items []Item
	}{{t.new, r.Published}, {t.updated, r.Updated}} {
		if len(group.items) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n", group.head, t.date, t.language, t.section, t.titleCol)
		for _, it := range group.items {
			fmt.Fprintf(&b, "| %s | %s | %s | [%s](%s) |\n", it.Date.Format(time.DateOnly), langName(it.Lang), secName(it.Section), esc(it.Title), it.URL)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// esc keeps a title from breaking a Markdown table or link.
func esc(s string) string {
	return strings.NewReplacer("|", `\|`, "[", `\[`, "]", `\]`, "\n", " ").Replace(s)
}

type vocabulary struct {
	title, period, basis, counts, section, new, updated, total, coverage, language, sources, translated, share,
	outdated, outdatedList, sourceChanged, factChecks, events, items, none, date, titleCol string
}

// words are the report's headings; Vietnamese first, as the report goes
// to the province's steering committee.
var words = map[string]vocabulary{
	"vi": {
		title: "Báo cáo kết quả thông tin đối ngoại trên cổng thông tin", period: "Kỳ báo cáo",
		basis:  "Số liệu lấy từ nội dung của cổng (ngày đăng, ngày cập nhật, bản dịch).",
		counts: "Tin, bài đăng mới và cập nhật", section: "Chuyên mục", new: "đăng mới", updated: "cập nhật", total: "Tổng cộng",
		coverage: "Bản dịch tại thời điểm cuối kỳ", language: "Ngôn ngữ", sources: "Bài tiếng Việt", translated: "Đã dịch", share: "Tỷ lệ",
		outdated: "Chưa cập nhật theo bản gốc", outdatedList: "Bản dịch chưa cập nhật theo bản gốc", sourceChanged: "bản gốc đã thay đổi:",
		factChecks: "Thông tin sai lệch đã được phản bác", events: "Sự kiện trong kỳ", items: "Danh mục tin, bài",
		none: "Không có.", date: "Ngày", titleCol: "Tiêu đề",
	},
	"en": {
		title: "Report on foreign-information work on the portal", period: "Reporting period",
		basis:  "Figures are taken from the portal's content (publication and update dates, translations).",
		counts: "Items published and updated", section: "Section", new: "published", updated: "updated", total: "Total",
		coverage: "Translations at the end of the period", language: "Language", sources: "Vietnamese items", translated: "Translated", share: "Share",
		outdated: "Not updated after the source", outdatedList: "Translations not updated after their source", sourceChanged: "source changed:",
		factChecks: "False information answered", events: "Events in the period", items: "List of items",
		none: "None.", date: "Date", titleCol: "Title",
	},
	"km": {
		title: "របាយការណ៍លទ្ធផលការងារព័ត៌មានសម្រាប់បរទេសនៅលើវិបផតថល", period: "រយៈពេលរបាយការណ៍",
		basis:  "តួលេខត្រូវបានដកស្រង់ពីខ្លឹមសាររបស់វិបផតថល (កាលបរិច្ឆេទផ្សាយ កាលបរិច្ឆេទធ្វើបច្ចុប្បន្នភាព និងការបកប្រែ)។",
		counts: "អត្ថបទដែលបានផ្សាយថ្មី និងធ្វើបច្ចុប្បន្នភាព", section: "ផ្នែក", new: "ផ្សាយថ្មី", updated: "ធ្វើបច្ចុប្បន្នភាព", total: "សរុប",
		coverage: "ការបកប្រែនៅចុងរយៈពេល", language: "ភាសា", sources: "អត្ថបទភាសាវៀតណាម", translated: "បានបកប្រែ", share: "អត្រា",
		outdated: "មិនទាន់ធ្វើបច្ចុប្បន្នភាពតាមអត្ថបទដើម", outdatedList: "ការបកប្រែដែលមិនទាន់ធ្វើបច្ចុប្បន្នភាពតាមអត្ថបទដើម", sourceChanged: "អត្ថបទដើមបានផ្លាស់ប្តូរ៖",
		factChecks: "ព័ត៌មានមិនពិតដែលបានឆ្លើយតប", events: "ព្រឹត្តិការណ៍ក្នុងរយៈពេលនេះ", items: "បញ្ជីអត្ថបទ",
		none: "គ្មាន។", date: "កាលបរិច្ឆេទ", titleCol: "ចំណងជើង",
	},
}
