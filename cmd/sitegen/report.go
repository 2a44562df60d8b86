package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/config"
	"sitegen/internal/fault"
	"sitegen/internal/report"
)

func runReport(args []string, stdout, stderr io.Writer) int {
	var source, period, from, to, format, lang string
	fs := newFlags("report", `Usage: sitegen report (--period 2024-H1 | --period 2024 | --from DATE --to DATE) [flags]

Prints the report on the portal's foreign-information work for a period:
pages published and updated per section and language, translation coverage
at the end of the period and the translations left out of date, fact-checks
with the claims they answered, events, and the list of items. Only the
site's sources are read (front matter dates, not git).

Periods follow the plan's cut-offs (reports before 20 June and before
20 November), from one cut-off to the next: 2024 is 2023-11-20 to
2024-11-19, 2024-H1 is 2023-11-20 to 2024-06-19, 2024-H2 is 2024-06-20 to
2024-11-19.`, stderr)
	fs.StringVar(&source, "source", ".", "the site directory")
	fs.StringVar(&source, "s", ".", "shorthand for --source")
	fs.StringVar(&period, "period", "", "2024, 2024-H1 or 2024-H2")
	fs.StringVar(&from, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&to, "to", "", "last day, YYYY-MM-DD (inclusive)")
	fs.StringVar(&format, "format", "markdown", "markdown, csv or json")
	fs.StringVar(&lang, "lang", "vi", "language of the Markdown headings: vi, en or km")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if (period == "") == (from == "" && to == "") || (period == "" && (from == "" || to == "")) {
		fmt.Fprintln(stderr, "sitegen report: give --period, or both --from and --to")
		return 2
	}
	if format != "markdown" && format != "csv" && format != "json" {
		fmt.Fprintf(stderr, "sitegen report: unknown --format %q; use markdown, csv or json\n", format)
		return 2
	}
	diags := &fault.List{}
	cfg, err := config.Load(source, diags)
	if err != nil {
		printFindings(stderr, diags.All())
		return 1
	}
	var p report.Period
	if period != "" {
		p, err = report.ParsePeriod(period, cfg.TimeZone)
	} else {
		p, err = report.ParseDates(from, to, cfg.TimeZone)
	}
	if err != nil {
		fmt.Fprintf(stderr, "sitegen report: %v\n", err)
		return 2
	}
	now := time.Now()
	s, findings, err := build.Load(build.Options{Source: source, Expired: true, Now: now})
	if err != nil {
		printFindings(stderr, findings)
		fmt.Fprintln(stderr, "sitegen report: the site has errors; fix them first")
		return 1
	}
	r := report.Make(s, p, now)
	switch format {
	case "json":
		err = r.JSON(stdout)
	case "csv":
		err = r.CSV(stdout)
	default:
		err = r.Markdown(stdout, lang)
	}
	if err != nil {
		fmt.Fprintf(stderr, "sitegen report: %v\n", err)
		return 1
	}
	return 0
}
