package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"sitegen/internal/config"
	"sitegen/internal/deploy"
	"sitegen/internal/fault"
)

const deployHelp = `Usage: sitegen deploy [flags]

Uploads the built site (--destination, default <source>/public) to
S3-compatible object storage: only the files whose bytes or headers
changed, then deletes what the build no longer has. Build first.

--target is an s3:// URL or the name of a [[deployment.targets]] entry in
the configuration (default: the first one):

  s3://bucket[/prefix]?region=eu-west-1
  s3://bucket?endpoint=https://<account>.r2.cloudflarestorage.com&region=auto
  s3://bucket?endpoint=https://storage.googleapis.com&region=auto
  s3://bucket?endpoint=http://127.0.0.1:9000&use_path_style=true

Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
AWS_SESSION_TOKEN), or AWS_PROFILE. A deploy that was interrupted is
finished by running it again.`

func runDeploy(args []string, stdout, stderr io.Writer) int {
	var (
		source, dest, target, cloudFront string
		dryRun, force                    bool
		maxDeletes, workers              int
	)
	fs := newFlags("deploy", deployHelp, stderr)
	fs.StringVar(&source, "source", ".", "the site directory")
	fs.StringVar(&source, "s", ".", "shorthand for --source")
	fs.StringVar(&dest, "destination", "", "the built output to deploy (default <source>/public)")
	fs.StringVar(&dest, "d", "", "shorthand for --destination")
	fs.StringVar(&target, "target", "", "an s3:// URL, or the name of a configured deployment target")
	fs.BoolVar(&dryRun, "dry-run", false, "print what would be uploaded and deleted, and change nothing")
	fs.BoolVar(&dryRun, "dryRun", false, "same as --dry-run (Hugo's spelling)")
	fs.BoolVar(&force, "force", false, "upload every file, changed or not")
	fs.IntVar(&maxDeletes, "max-deletes", config.DefaultMaxDeletes, "stop before changing anything when more objects than this would be deleted; -1 for no limit (default: deployment.maxDeletes, else 256)")
	fs.IntVar(&maxDeletes, "maxDeletes", config.DefaultMaxDeletes, "same as --max-deletes (Hugo's spelling)")
	fs.IntVar(&workers, "workers", 0, "concurrent requests (default: deployment.workers, else 8)")
	fs.StringVar(&cloudFront, "cloudfront-distribution", "", "invalidate the changed paths in this CloudFront distribution (default: the target's cloudFrontDistributionID)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sitegen deploy: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	diags := &fault.List{}
	cfg, err := config.Load(source, diags)
	printFindings(stderr, diags.All())
	if err != nil || diags.Count(fault.Error) > 0 {
		fmt.Fprintln(stderr, "sitegen deploy: the configuration has errors; nothing was deployed")
		return 1
	}
	dep := cfg.Deployment
	opt := deploy.Options{
		Dir:        cmp.Or(dest, filepath.Join(source, cfg.PublishDir)),
		Matchers:   dep.Matchers,
		MaxDeletes: dep.MaxDeletes,
		Workers:    cmp.Or(workers, dep.Workers),
		DryRun:     dryRun,
		Force:      force,
		BaseURL:    cfg.BaseURL,
		Log:        stdout,
	}
	if set["max-deletes"] || set["maxDeletes"] {
		opt.MaxDeletes = maxDeletes
	}
	if strings.Contains(target, "://") {
		opt.Target = target
	} else {
		t, err := dep.Target(target)
		if err != nil {
			fmt.Fprintf(stderr, "sitegen deploy: %v\n\nPass --target s3://bucket?region=… or add to %s:\n\n[[deployment.targets]]\nname = \"production\"\nurl = \"s3://bucket?region=…\"\n", err, cfg.File)
			return 2
		}
		opt.Target, opt.Include, opt.Exclude = t.URL, t.Include, t.Exclude
		opt.CloudFrontDistribution = t.CloudFrontDistributionID
	}
	opt.CloudFrontDistribution = cmp.Or(cloudFront, opt.CloudFrontDistribution)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := deploy.Run(ctx, opt); err != nil {
		fmt.Fprintf(stderr, "sitegen deploy: %v\n", err)
		return 1
	}
	return 0
}
