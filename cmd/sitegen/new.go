package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"sitegen/internal/archetype"
	"sitegen/internal/config"
	"sitegen/internal/fault"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	var source, lang string
	fs := newFlags("new", "Usage: sitegen new <section>/<slug> [--lang xx] [flags]\n\nCreates content/<section>/<slug>.md from the section's template in the\narchetype folder (archetypeDir, default archetypes/), with the front matter\nthe section needs. It never overwrites a file.", stderr)
	fs.StringVar(&source, "source", ".", "the site directory")
	fs.StringVar(&source, "s", ".", "shorthand for --source")
	fs.StringVar(&lang, "lang", "", "the language of the new page (default: the site's default language)")
	// Let the path come before or after the flags.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "sitegen new: give exactly one <section>/<slug>, e.g. sitegen new tourism/ba-ra-mountain")
		return 2
	}
	diags := &fault.List{}
	cfg, err := config.Load(source, diags)
	printFindings(stderr, diags.All())
	if err != nil || diags.Err(false) != nil {
		return 1
	}
	rel, err := archetype.New(cfg, archetype.Request{Path: pos[0], Lang: strings.TrimSpace(lang), Now: time.Now()})
	if err != nil {
		fmt.Fprintf(stderr, "sitegen new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %s\n", rel)
	return 0
}
