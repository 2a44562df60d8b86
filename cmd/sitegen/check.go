package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sitegen/internal/build"
	"sitegen/internal/check"
	"sitegen/internal/fault"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	format := "text"
	fs := newFlags("check", `Usage: sitegen check [flags]

Builds the site into a temporary folder (public/ is not touched) and
reports everything an editor or CI should hear before publishing: front
matter, dates, required fields, broken links and missing images, duplicate
URLs and translationKeys, missing UI strings, hreflang sets that are not
reciprocal, drafts linked from published pages. Each finding has
file:line:col, a severity and what to do. Exit status 1 when there are
errors (or warnings, with --strict). With GITHUB_ACTIONS=true the findings
are also printed as workflow annotations.`, stderr)
	sf.register(fs)
	fs.StringVar(&format, "format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "sitegen check: unknown --format %q; use text or json\n", format)
		return 2
	}
	tmp, err := os.MkdirTemp("", "sitegen-check-")
	if err != nil {
		fmt.Fprintf(stderr, "sitegen check: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	opt := sf.options()
	opt.Destination = filepath.Join(tmp, "public")
	strict := opt.Strict
	opt.Strict = false // collect warnings; decide at the end
	res, err := build.Build(opt)
	var fl *fault.List
	if err != nil && !errors.As(err, &fl) {
		fmt.Fprintf(stderr, "sitegen check: %v\n", err)
		return 1
	}
	diags := &fault.List{}
	for _, f := range res.Findings {
		diags.Add(f)
	}
	if res.Site != nil {
		check.Sources(res.Site, diags)
		if err == nil {
			if err := check.Output(res.Site, opt.Destination, diags); err != nil {
				fmt.Fprintf(stderr, "sitegen check: reading the output: %v\n", err)
				return 1
			}
		}
	}
	all := diags.All()
	errs, warns := count(all, fault.Error), count(all, fault.Warning)
	switch format {
	case "json":
		type jf struct {
			Severity string `json:"severity"`
			File     string `json:"file,omitempty"`
			Line     int    `json:"line,omitempty"`
			Col      int    `json:"col,omitempty"`
			Message  string `json:"message"`
			Hint     string `json:"hint,omitempty"`
		}
		out := struct {
			Errors   int  `json:"errors"`
			Warnings int  `json:"warnings"`
			Findings []jf `json:"findings"`
		}{errs, warns, []jf{}}
		for _, f := range all {
			out.Findings = append(out.Findings, jf{f.Severity.String(), f.File, f.Line, f.Col, f.Msg, f.Hint})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	default:
		printFindings(stdout, all)
		fmt.Fprintf(stdout, "%d error(s), %d warning(s)\n", errs, warns)
	}
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		for _, f := range all {
			fmt.Fprintln(stdout, annotation(f))
		}
	}
	if errs > 0 || (strict && warns > 0) {
		return 1
	}
	return 0
}

// annotation formats a finding as a GitHub Actions workflow command, which
// shows it on the line of the pull request's diff.
func annotation(f fault.Finding) string {
	var props []string
	if f.File != "" {
		props = append(props, "file="+escapeProp(f.File))
	}
	if f.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", f.Line))
	}
	if f.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", f.Col))
	}
	msg := f.Msg
	if f.Hint != "" {
		msg += " (" + f.Hint + ")"
	}
	cmd := "::" + f.Severity.String()
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return cmd + "::" + escapeData(msg)
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
