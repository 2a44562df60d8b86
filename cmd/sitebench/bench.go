package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"sitegen/internal/corpus"
)

type options struct {
	pages, runs                  int
	seed                         uint64
	work, outRoot, repo, sitegen string
	vsHugo                       bool
	hugo, hugoTheme, floor       string
	settle                       float64
	keep                         bool
	// sameFeatures leaves out of the copied layouts what the benchmark's
	// Hugo theme has no equivalent of (the section sidebar), for comparing
	// output sizes feature for feature.
	sameFeatures bool
}

// measure is one timed build.
type measure struct {
	wall, cpu   time.Duration
	maxRSS      int64 // bytes
	html, files int
	bytes       int64
	htmlBytes   int64 // of bytes, in .html files
	ownBytes    int64 // of bytes, in files only sitegen makes: JSON indexes, search index, _headers, _redirects
	load1       float64
}

// tool is something that builds the corpus.
type tool struct {
	name string
	cmd  func(dest string) *exec.Cmd
	runs []measure
}

func bench(o options, stdout, stderr io.Writer) error {
	repo, err := findRepo(o.repo)
	if err != nil {
		return err
	}
	work, err := filepath.Abs(o.work)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if o.outRoot != "" {
		if err := os.MkdirAll(o.outRoot, 0o755); err != nil {
			return err
		}
	}
	site := filepath.Join(work, fmt.Sprintf("site-%d-s%d", o.pages, o.seed))
	fmt.Fprintf(stderr, "corpus: %s\n", site)
	st, err := prepareCorpus(site, repo, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corpus: %d vi pages, %d page files (vi %d, en %d, km %d) + %d index files, %.1f MiB of Markdown, seed %d\n",
		o.pages, st.Files, st.PerLang["vi"], st.PerLang["en"], st.PerLang["km"], st.Index, float64(st.Bytes)/(1<<20), o.seed)

	bin := o.sitegen
	if bin == "" {
		bin = filepath.Join(work, "sitegen")
		fmt.Fprintf(stderr, "go build -o %s ./cmd/sitegen\n", bin)
		c := exec.Command("go", "build", "-o", bin, "./cmd/sitegen")
		c.Dir, c.Stdout, c.Stderr = repo, stderr, stderr
		if err := c.Run(); err != nil {
			return fmt.Errorf("building sitegen: %w", err)
		}
	}
	tools := []*tool{{name: "sitegen", cmd: func(dest string) *exec.Cmd {
		return exec.Command(bin, "build", "--quiet", "--source", site, "--destination", dest)
	}}}
	if o.vsHugo {
		h, err := hugoTool(o, repo, site, work)
		if err != nil {
			return err
		}
		tools = append(tools, h)
	}
	if o.floor != "" {
		tools = append(tools, &tool{name: "floor", cmd: func(dest string) *exec.Cmd {
			return exec.Command(o.floor, filepath.Join(site, "content"), dest)
		}})
	}

	fmt.Fprintf(stdout, "machine: %d CPUs, %s/%s; runs alternate %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, names(tools))
	var outs []string
	defer func() {
		if !o.keep {
			for _, d := range outs {
				os.RemoveAll(d)
				os.RemoveAll(d + ".cache")
			}
		}
	}()
	for i := range o.runs {
		for _, t := range tools {
			// A fresh destination per run: deleting a large output right
			// before a timed run slows that run on some disks, so outputs
			// are removed only at the end.
			dest := filepath.Join(cmp.Or(o.outRoot, work), fmt.Sprintf("out-%s-%d-r%d", t.name, o.pages, i+1))
			if err := os.RemoveAll(dest); err != nil {
				return err
			}
			outs = append(outs, dest)
			m, err := timeRun(t, dest, o.settle, stderr)
			if err != nil {
				return fmt.Errorf("%s run %d: %w", t.name, i+1, err)
			}
			t.runs = append(t.runs, m)
			fmt.Fprintf(stdout, "%-8s run %d: wall %6.2fs  cpu %6.2fs  peak RSS %6.0f MiB  %6d html  %6d files  %7.1f MiB  (load %.2f)\n",
				t.name, i+1, m.wall.Seconds(), m.cpu.Seconds(), mib(m.maxRSS), m.html, m.files, mib(m.bytes), m.load1)
		}
	}

	fmt.Fprintf(stdout, "\nmedians of %d runs, %d vi pages:\n", o.runs, o.pages)
	fmt.Fprintf(stdout, "%-8s %9s %9s %13s %8s %8s %10s\n", "tool", "wall", "cpu", "peak RSS", "html", "files", "output")
	med := map[string]measure{}
	for _, t := range tools {
		m := median(t.runs)
		med[t.name] = m
		fmt.Fprintf(stdout, "%-8s %8.2fs %8.2fs %9.0f MiB %8d %8d %6.1f MiB\n",
			t.name, m.wall.Seconds(), m.cpu.Seconds(), mib(m.maxRSS), m.html, m.files, mib(m.bytes))
	}
	if h, ok := med["hugo"]; ok {
		s := med["sitegen"]
		perPage := func(b int64, m measure) float64 { return float64(b) / 1024 / float64(max(m.html, 1)) }
		fmt.Fprintf(stdout, "\nHugo / sitegen: wall %.1fx, cpu %.1fx, peak RSS %.1fx\n",
			ratio(h.wall.Seconds(), s.wall.Seconds()), ratio(h.cpu.Seconds(), s.cpu.Seconds()),
			ratio(float64(h.maxRSS), float64(s.maxRSS)))
		// Per HTML page: all output, then what both make (sitegen's own
		// JSON indexes and search index left out), then HTML alone.
		fmt.Fprintf(stdout, "output per html page, sitegen vs hugo: all files %.1f vs %.1f KiB; files both make %.1f vs %.1f KiB; html %.1f vs %.1f KiB\n",
			perPage(s.bytes, s), perPage(h.bytes, h), perPage(s.bytes-s.ownBytes, s), perPage(h.bytes-h.ownBytes, h),
			perPage(s.htmlBytes, s), perPage(h.htmlBytes, h))
	}
	if f, ok := med["floor"]; ok {
		s := med["sitegen"]
		fmt.Fprintf(stdout, "sitegen / floor: wall %.1fx, cpu %.1fx\n", ratio(s.wall.Seconds(), f.wall.Seconds()), ratio(s.cpu.Seconds(), f.cpu.Seconds()))
	}
	return nil
}

func names(ts []*tool) string {
	var n []string
	for _, t := range ts {
		n = append(n, t.name)
	}
	return strings.Join(n, ", ")
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// median takes the median of each measure on its own, as bench.py does.
func median(ms []measure) measure {
	pick := func(f func(measure) float64) float64 {
		v := make([]float64, len(ms))
		for i, m := range ms {
			v[i] = f(m)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	last := ms[len(ms)-1]
	return measure{
		wall:   time.Duration(pick(func(m measure) float64 { return float64(m.wall) })),
		cpu:    time.Duration(pick(func(m measure) float64 { return float64(m.cpu) })),
		maxRSS: int64(pick(func(m measure) float64 { return float64(m.maxRSS) })),
		html:   last.html, files: last.files, bytes: last.bytes, htmlBytes: last.htmlBytes, ownBytes: last.ownBytes,
		load1: pick(func(m measure) float64 { return m.load1 }),
	}
}

// timeRun runs one build as a child process and measures it.
func timeRun(t *tool, dest string, settle float64, stderr io.Writer) (measure, error) {
	syscall.Sync()
	time.Sleep(time.Duration(settle * float64(time.Second)))
	m := measure{load1: load1()}
	c := t.cmd(dest)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	start := time.Now()
	err := c.Run()
	m.wall = time.Since(start)
	if err != nil {
		stderr.Write(tail(out.Bytes(), 4000))
		return m, fmt.Errorf("%s: %w", strings.Join(c.Args, " "), err)
	}
	st := c.ProcessState
	m.cpu = st.UserTime() + st.SystemTime()
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		m.maxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		m.files++
		m.bytes += info.Size()
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(p, ".html"):
			m.html++
			m.htmlBytes += info.Size()
		case path.Base(rel) == "index.json" || strings.HasPrefix(rel, "_search/") || rel == "_headers" || rel == "_redirects":
			m.ownBytes += info.Size()
		}
		return nil
	})
	return m, err
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// load1 is the one-minute load average, or 0 where /proc has none.
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// findRepo returns the sitegen repository: dir, or the first folder up
// from the working directory whose go.mod declares module sitegen.
func findRepo(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module sitegen\n")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("not inside the sitegen repository; run from it or pass --repo")
		}
		d = parent
	}
}

// prepareCorpus generates the corpus unless an identical one is there
// already, and copies the repository's layouts, i18n and static files
// beside it (as .ci/run does).
func prepareCorpus(site, repo string, o options) (corpus.Stats, error) {
	stamp := filepath.Join(site, ".corpus-complete")
	want := fmt.Sprintf("pages=%d seed=%d\n", o.pages, o.seed)
	var st corpus.Stats
	if b, err := os.ReadFile(stamp); err == nil && strings.HasPrefix(string(b), want) &&
		json.Unmarshal(b[len(want):], &st) == nil {
		return st, copyLayouts(site, repo, o.sameFeatures)
	}
	os.Remove(stamp)
	t0 := time.Now()
	st, err := corpus.Generate(site, corpus.Options{Pages: o.pages, Seed: o.seed})
	if err != nil {
		return st, err
	}
	fmt.Fprintf(os.Stderr, "generated in %v\n", time.Since(t0).Round(time.Millisecond))
	b, err := json.Marshal(st)
	if err != nil {
		return st, err
	}
	if err := os.WriteFile(stamp, append([]byte(want), b...), 0o644); err != nil {
		return st, err
	}
	return st, copyLayouts(site, repo, o.sameFeatures)
}

// copyLayouts copies the repository's layouts, i18n and static files into
// the site, fresh, so the benchmark measures the current ones; with
// sameFeatures, without the section sidebar.
func copyLayouts(site, repo string, sameFeatures bool) error {
	for _, d := range []string{"layouts", "i18n", "static"} {
		if err := os.RemoveAll(filepath.Join(site, d)); err != nil {
			return err
		}
		if err := copyTree(filepath.Join(repo, d), filepath.Join(site, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("copying %s: %w", d, err)
		}
	}
	if sameFeatures {
		return os.WriteFile(filepath.Join(site, "layouts", "partials", "sectionnav.html"), nil, 0o644)
	}
	return nil
}

// copyTree copies the files under from to to.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// linkTree hard-links (or, across file systems, copies) the files under
// from to to, so Hugo reads the very same content without sitegen's
// layouts beside it.
func linkTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if os.Link(p, dst) == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// hugoTool prepares Hugo's copy of the site (same config and content, no
// sitegen layouts, which Hugo would prefer over its theme) and returns the
// command run-hugo.sh runs: a cold --minify build with no caches.
func hugoTool(o options, repo, site, work string) (*tool, error) {
	hugo, err := exec.LookPath(o.hugo)
	if err != nil {
		return nil, fmt.Errorf("--vs-hugo needs Hugo: %w (Debian: apt-get install -y hugo; or pass --hugo PATH)", err)
	}
	theme := o.hugoTheme
	if theme == "" {
		theme = filepath.Join(filepath.Dir(repo), "shared", "bench", "hugo-layouts")
	}
	theme, err = filepath.Abs(theme)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(theme, "layouts")); err != nil {
		return nil, fmt.Errorf("--vs-hugo needs the benchmark's Hugo theme (a folder with layouts/ and i18n/): %w; pass --hugo-theme DIR", err)
	}
	hsite := site + "-hugo"
	if err := os.RemoveAll(hsite); err != nil {
		return nil, err
	}
	if err := linkTree(filepath.Join(site, "content"), filepath.Join(hsite, "content")); err != nil {
		return nil, fmt.Errorf("preparing Hugo's site: %w", err)
	}
	if err := linkTree(filepath.Join(site, "config.toml"), filepath.Join(hsite, "config.toml")); err != nil {
		return nil, fmt.Errorf("preparing Hugo's site: %w", err)
	}
	out, _ := exec.Command(hugo, "version").Output()
	fmt.Fprintf(os.Stderr, "hugo: %s", out)
	return &tool{name: "hugo", cmd: func(dest string) *exec.Cmd {
		cache := dest + ".cache"
		for _, d := range []string{filepath.Join(hsite, "public"), filepath.Join(hsite, "resources"), filepath.Join(hsite, ".hugo_build.lock"), cache} {
			os.RemoveAll(d)
		}
		os.MkdirAll(cache, 0o755)
		c := exec.Command(hugo, "--source", hsite, "--themesDir", filepath.Dir(theme), "--theme", filepath.Base(theme),
			"--destination", dest, "--cacheDir", cache, "--ignoreCache", "--noBuildLock", "--minify", "--quiet")
		// Hugo fails a partial that takes over 30 s, which happens on a
		// loaded machine; the limit guards against recursion, not speed.
		c.Env = append(os.Environ(), "HUGO_TIMEOUT=30m")
		return c
	}}, nil
}
