package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"sitegen/internal/build"
)

// profileFlags are build's --cpuprofile and --memprofile, as in Hugo, so
// anyone can profile a real build with `go tool pprof`.
type profileFlags struct {
	cpu, mem string
	timings  bool
	metrics  bool
}

func (p *profileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile of the build to this file")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap (allocation) profile at the end of the build to this file")
	fs.BoolVar(&p.timings, "timings", false, "print how long each step of the build took")
	fs.BoolVar(&p.metrics, "templateMetrics", false, "print how long each layout and partial took, in all, at most, and how often it ran (as Hugo's flag)")
}

// options adds what the profiling flags ask of the build.
func (p *profileFlags) options(opt build.Options) build.Options {
	opt.TemplateMetrics = p.metrics
	return opt
}

// printTemplates prints the layouts' and partials' times, when
// --templateMetrics asks for them. Cumulative times include the partials a
// template called, and are summed over the cores, so they may exceed the
// build's wall time.
func (p *profileFlags) printTemplates(w io.Writer, res *build.Result) {
	if !p.metrics || res == nil {
		return
	}
	fmt.Fprintf(w, "%12s %12s %12s %8s  %s\n", "cumulative", "average", "maximum", "count", "template")
	for _, m := range res.Templates {
		fmt.Fprintf(w, "%12s %12s %12s %8d  %s\n", m.Cumulative.Round(time.Microsecond), (m.Cumulative / time.Duration(m.Count)).Round(time.Microsecond),
			m.Max.Round(time.Microsecond), m.Count, m.Name)
		if m.Interpreted != "" {
			fmt.Fprintf(w, "%12s not compiled, run by html/template: %s\n", "", m.Interpreted)
		}
	}
}

// printSteps prints the build's timed steps, when --timings asks for them.
func (p *profileFlags) printSteps(w io.Writer, res *build.Result) {
	if !p.timings || res == nil {
		return
	}
	for _, s := range res.Steps {
		fmt.Fprintf(w, "%-20s %8.3fs\n", s.Name, s.Duration.Seconds())
	}
	fmt.Fprintf(w, "%-20s %8.3fs\n", "total", res.Duration.Seconds())
}

// start begins CPU profiling if asked and returns the function that stops
// it and writes the heap profile.
func (p *profileFlags) start() (stop func() error, err error) {
	var cpu *os.File
	if p.cpu != "" {
		if cpu, err = os.Create(p.cpu); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return fmt.Errorf("cpu profile: %w", err)
			}
		}
		if p.mem == "" {
			return nil
		}
		f, err := os.Create(p.mem)
		if err != nil {
			return fmt.Errorf("memory profile: %w", err)
		}
		runtime.GC() // up-to-date statistics of what is still live
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("memory profile: %w", err)
		}
		return f.Close()
	}, nil
}
