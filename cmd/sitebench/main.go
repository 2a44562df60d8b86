// Command sitebench measures a cold sitegen build of a generated
// three-language corpus (internal/corpus), and with --vs-hugo the same
// corpus built by Hugo, in alternating runs so that the noise of a shared
// machine hits both alike.
//
// Each build runs as a child process; wall time is measured around it and
// CPU time (user+sys) and peak resident memory come from the child's rusage,
// so the numbers are those of the build alone, as /usr/bin/time reports.
//
//	go run ./cmd/sitebench --pages 1000 --runs 3
//	go run ./cmd/sitebench --pages 5000 --runs 3 --vs-hugo
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

const usage = `Usage: sitebench [flags]

Generates the benchmark corpus (vi --pages pages, en about 0.9x, km about 0.8x),
copies the repository's layouts/, i18n/ and static/ beside it, builds it with
sitegen --runs times and prints wall time, CPU time, peak memory, pages and
bytes written, as medians. With --vs-hugo, Hugo builds the same corpus with
the benchmark theme (../shared/bench/hugo-layouts, or --hugo-theme) in
alternating runs, and the ratios are printed.

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("sitebench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	fs.IntVar(&o.pages, "pages", 1000, "Vietnamese source pages in the corpus")
	fs.Uint64Var(&o.seed, "seed", 1, "corpus seed; the same seed and size give the same corpus")
	fs.IntVar(&o.runs, "runs", 3, "builds per tool; medians are reported")
	fs.StringVar(&o.work, "work", filepath.Join(os.TempDir(), "sitebench"), "folder for corpora, binaries and outputs")
	fs.StringVar(&o.outRoot, "out-root", "", "folder for the build outputs (default --work; e.g. /dev/shm to take the disk out of the picture)")
	fs.StringVar(&o.repo, "repo", "", "the sitegen repository (default: found from the current folder)")
	fs.StringVar(&o.sitegen, "sitegen", "", "a sitegen binary to measure (default: go build ./cmd/sitegen from --repo)")
	fs.BoolVar(&o.vsHugo, "vs-hugo", false, "also build the corpus with Hugo, alternating runs, and print ratios")
	fs.StringVar(&o.hugo, "hugo", "hugo", "the Hugo binary for --vs-hugo")
	fs.StringVar(&o.hugoTheme, "hugo-theme", "", "the Hugo theme folder for --vs-hugo (default: ../shared/bench/hugo-layouts beside the repository)")
	fs.StringVar(&o.floor, "floor", "", "optionally, a goldmark-only floor binary run as FLOOR SRC/content DEST (../shared/bench/mdfloor)")
	fs.Float64Var(&o.settle, "settle", 1, "seconds to wait (after sync) before each timed run")
	fs.BoolVar(&o.keep, "keep", false, "keep the outputs of the last runs")
	fs.BoolVar(&o.sameFeatures, "same-features", false, "leave out of sitegen's layouts what the Hugo theme has no equivalent of (the section sidebar), to compare output sizes feature for feature")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || o.pages < 1 || o.runs < 1 {
		fs.Usage()
		return 2
	}
	if err := bench(o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "sitebench: %v\n", err)
		return 1
	}
	return 0
}
