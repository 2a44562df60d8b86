// Package deploy publishes a built site to S3-compatible object storage
// (AWS S3, Cloudflare R2, Google Cloud Storage's S3 API, MinIO), the last
// stage of the pipeline that CI runs after build and check.
//
// A deploy compares the build with the bucket by a SHA-256 digest kept in
// each object's metadata (an ETag is not a content digest once an upload is
// multipart or encrypted), uploads only what differs, and deletes what the
// build no longer has. Because the comparison is by content, a deploy that
// was interrupted is finished by running it again, and a second run of an
// unchanged build uploads nothing.
//
// The order keeps the live site whole while a deploy runs: assets first,
// then the pages that use them, then the sitemaps and feeds that announce
// the pages, and deletions last, only once everything else has succeeded.
// The deletion limit is checked before anything is changed.
package deploy

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gobwas/glob"

	"sitegen/internal/config"
	"sitegen/internal/host"
	"sitegen/internal/publish"
)

// Options describe one deploy.
type Options struct {
	Dir    string // the built output folder (it must carry sitegen's marker)
	Target string // s3://bucket[/prefix]?endpoint=…&region=…&use_path_style=…

	Matchers         []config.DeployMatcher // header rules from [deployment]; the first match wins
	Include, Exclude glob.Glob              // limit what the deploy touches; nil means everything

	MaxDeletes int  // more deletions than this stop the deploy before it changes anything; -1: no limit
	DryRun     bool // print the plan and change nothing
	Force      bool // upload every file, changed or not
	Workers    int  // concurrent requests; 0 means 8

	BaseURL string // the site's base URL, to print changed URLs

	// CloudFrontDistribution, when set, is invalidated for the changed
	// paths after a deploy that changed anything.
	CloudFrontDistribution string
	// CloudFrontEndpoint replaces the CloudFront API's address (for tests
	// and for API-compatible CDNs); empty means AWS.
	CloudFrontEndpoint string

	HTTPClient  *http.Client  // nil means the SDK's default
	MaxAttempts int           // per request, for transient errors; 0 means 5
	MaxBackoff  time.Duration // cap of the exponential backoff; 0 means 20s

	Log io.Writer // the plan and progress; nil discards
}

// Plan is what a deploy will do.
type Plan struct {
	Upload    []File   // not in the bucket yet
	Replace   []File   // in the bucket with other bytes or headers
	Delete    []string // in the bucket, gone from the build
	Unchanged []string
}

// File is one file of the build as it will be stored.
type File struct {
	Path   string // slash path relative to the output root
	Tier   host.Tier
	Size   int64  // bytes to upload (compressed size when gzipped)
	Digest string // hex SHA-256 of the file in the build
	Header Header
	Force  bool
}

// Header is what an object is stored with.
type Header struct {
	ContentType     string
	CacheControl    string
	ContentEncoding string
	Gzip            bool // compress before upload
}

// digest is a short fingerprint of the headers, kept beside the content
// digest so that a change of rules (a new Cache-Control) is uploaded even
// though the bytes did not change. Kept in metadata because some
// S3-compatible servers do not return every header as it was sent.
func (h Header) digest() string {
	sum := sha256.Sum256([]byte(h.ContentType + "\n" + h.CacheControl + "\n" + h.ContentEncoding + "\n"))
	return hex.EncodeToString(sum[:8])
}

// Result is what a deploy did.
type Result struct {
	Plan     Plan
	Uploaded int
	Deleted  int
	// Changed lists the URL paths (from the site root, "/vi/news/") that
	// were uploaded, replaced or deleted: what a CDN must forget.
	Changed      []string
	Invalidation string // the CloudFront invalidation's ID, when one was made
}

// Metadata keys (x-amz-meta-…) on every object sitegen uploads.
const (
	MetaDigest  = "sha256"
	MetaHeaders = "sitegen-headers"
)

// ErrTooManyDeletes is returned, before anything is changed, when a deploy
// would delete more objects than allowed.
var ErrTooManyDeletes = errors.New("too many deletions")

// Run deploys opt.Dir to opt.Target.
func Run(ctx context.Context, opt Options) (*Result, error) {
	opt.Workers = cmp.Or(opt.Workers, 8)
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	local, err := scan(opt)
	if err != nil {
		return nil, err
	}
	b, err := openBucket(ctx, opt)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	res.Plan, err = plan(ctx, b, local, opt)
	if err != nil {
		return nil, err
	}
	p := res.Plan
	fmt.Fprintf(logw, "deploy %s to %s: %d to upload, %d to replace, %d to delete, %d unchanged\n",
		opt.Dir, b, len(p.Upload), len(p.Replace), len(p.Delete), len(p.Unchanged))
	printPlan(logw, p, opt.DryRun)
	if opt.MaxDeletes >= 0 && len(p.Delete) > opt.MaxDeletes {
		return res, fmt.Errorf("%w: the deploy would delete %d objects, more than the limit of %d; nothing was changed "+
			"(check that the build is complete, or raise --max-deletes)", ErrTooManyDeletes, len(p.Delete), opt.MaxDeletes)
	}
	res.Changed = changedPaths(p)
	if opt.DryRun {
		printChanged(logw, res.Changed, opt.BaseURL)
		return res, nil
	}

	puts := append(slices.Clone(p.Upload), p.Replace...)
	for tier := host.TierFingerprinted; tier <= host.TierIndex; tier++ {
		var batch []File
		for _, f := range puts {
			if f.Tier == tier {
				batch = append(batch, f)
			}
		}
		if len(batch) == 0 {
			continue
		}
		n, err := each(ctx, opt.Workers, batch, func(f File) error { return upload(ctx, b, opt.Dir, f) })
		res.Uploaded += n
		fmt.Fprintf(logw, "uploaded %d of %d %s\n", n, len(batch), tier)
		if err != nil {
			return res, fmt.Errorf("%w\n%d of %d uploads done, nothing deleted; run the deploy again to finish", err, res.Uploaded, len(puts))
		}
	}
	n, err := each(ctx, opt.Workers, p.Delete, func(rel string) error { return b.delete(ctx, rel) })
	res.Deleted = n
	if len(p.Delete) > 0 {
		fmt.Fprintf(logw, "deleted %d of %d\n", n, len(p.Delete))
	}
	if err != nil {
		return res, fmt.Errorf("%w\nall uploads done, %d of %d deletions; run the deploy again to finish", err, n, len(p.Delete))
	}
	printChanged(logw, res.Changed, opt.BaseURL)
	if opt.CloudFrontDistribution != "" && len(res.Changed) > 0 {
		id, err := invalidate(ctx, b.cfg, opt, res.Changed)
		if err != nil {
			return res, fmt.Errorf("the site is deployed, but the CDN was not told: %w", err)
		}
		res.Invalidation = id
		fmt.Fprintf(logw, "CloudFront invalidation %s created for distribution %s\n", id, opt.CloudFrontDistribution)
	}
	return res, nil
}

// scan reads the build: every file with its digest and the headers it will
// be stored with.
func scan(opt Options) (map[string]File, error) {
	if _, err := os.Stat(filepath.Join(opt.Dir, publish.Marker)); err != nil {
		return nil, fmt.Errorf("%s is not a sitegen build (no %s in it); run sitegen build first, or point --destination at the build", opt.Dir, publish.Marker)
	}
	files := map[string]File{}
	err := filepath.WalkDir(opt.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file; a build holds only files", p)
		}
		rel, _ := filepath.Rel(opt.Dir, p)
		rel = filepath.ToSlash(rel)
		if host.Skip(rel) || !selected(rel, opt) {
			return nil
		}
		f := File{Path: rel, Tier: host.TierOf(rel), Header: headerFor(rel, opt.Matchers), Force: opt.Force}
		for _, m := range opt.Matchers {
			if m.Pattern.MatchString(rel) {
				f.Force = f.Force || m.Force
				break
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f.Digest = hex.EncodeToString(sum[:])
		f.Size = int64(len(data))
		if f.Header.Gzip {
			z, err := compress(data)
			if err != nil {
				return fmt.Errorf("compressing %s: %w", rel, err)
			}
			f.Size = int64(len(z))
		}
		files[rel] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the build: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no files to deploy", opt.Dir)
	}
	return files, nil
}

// selected applies the target's include and exclude globs.
func selected(rel string, opt Options) bool {
	if opt.Include != nil && !opt.Include.Match(rel) {
		return false
	}
	return opt.Exclude == nil || !opt.Exclude.Match(rel)
}

// headerFor applies sitegen's rules, then the first matching matcher.
func headerFor(rel string, ms []config.DeployMatcher) Header {
	h := Header{ContentType: host.ContentType(rel), CacheControl: host.CacheControl(rel)}
	for _, m := range ms {
		if !m.Pattern.MatchString(rel) {
			continue
		}
		h.CacheControl = cmp.Or(m.CacheControl, h.CacheControl)
		h.ContentType = cmp.Or(m.ContentType, h.ContentType)
		h.ContentEncoding = m.ContentEncoding
		if m.Gzip {
			h.Gzip, h.ContentEncoding = true, "gzip"
		}
		break
	}
	return h
}

// compress gzips data reproducibly (no name, no time in the header), so the
// same file always gives the same bytes and the same size.
func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// plan compares the build with the bucket. An object whose size differs is
// changed without asking further; the others are asked for their metadata.
func plan(ctx context.Context, b *bucket, local map[string]File, opt Options) (Plan, error) {
	remote, err := b.list(ctx)
	if err != nil {
		return Plan{}, err
	}
	var p Plan
	var ask []File
	for _, rel := range slices.Sorted(maps.Keys(local)) {
		f := local[rel]
		size, ok := remote[rel]
		switch {
		case !ok:
			p.Upload = append(p.Upload, f)
		case f.Force || size != f.Size:
			p.Replace = append(p.Replace, f)
		default:
			ask = append(ask, f)
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(remote)) {
		if _, ok := local[rel]; !ok && selected(rel, opt) {
			p.Delete = append(p.Delete, rel)
		}
	}
	var mu sync.Mutex
	same := map[string]bool{}
	_, err = each(ctx, opt.Workers, ask, func(f File) error {
		meta, err := b.head(ctx, f.Path)
		if err != nil {
			return err
		}
		mu.Lock()
		same[f.Path] = meta[MetaDigest] == f.Digest && meta[MetaHeaders] == f.Header.digest()
		mu.Unlock()
		return nil
	})
	if err != nil {
		return Plan{}, err
	}
	for _, f := range ask {
		if same[f.Path] {
			p.Unchanged = append(p.Unchanged, f.Path)
		} else {
			p.Replace = append(p.Replace, f)
		}
	}
	slices.SortFunc(p.Replace, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return p, nil
}

// upload reads the file again, checks it is still what was planned, and
// stores it.
func upload(ctx context.Context, b *bucket, dir string, f File) error {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
	if err != nil {
		return fmt.Errorf("reading %s: %w", f.Path, err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != f.Digest {
		return fmt.Errorf("%s changed while deploying; deploy a finished build", f.Path)
	}
	if f.Header.Gzip {
		if data, err = compress(data); err != nil {
			return fmt.Errorf("compressing %s: %w", f.Path, err)
		}
	}
	meta := map[string]string{MetaDigest: f.Digest, MetaHeaders: f.Header.digest()}
	return b.put(ctx, f.Path, data, f.Header, meta)
}

// each runs fn over items with n workers and returns how many succeeded
// and every error, joined. After the first error no new item is started,
// so a permanent failure (access denied) stops the deploy quickly.
func each[T any](ctx context.Context, n int, items []T, fn func(T) error) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		errs []error
		done int
		wg   sync.WaitGroup
	)
	ch := make(chan T)
	for range min(n, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range ch {
				err := fn(it)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
					cancel()
				} else {
					done++
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, it := range items {
		select {
		case <-ctx.Done():
			break feed
		case ch <- it:
		}
	}
	close(ch)
	wg.Wait()
	if len(errs) == 0 && ctx.Err() != nil && done < len(items) {
		errs = append(errs, context.Cause(ctx))
	}
	return done, errors.Join(errs...)
}

// changedPaths turns the changed objects into URL paths: a page is known to
// readers (and CDNs) by its folder, "/vi/news/", as well as by its file.
func changedPaths(p Plan) []string {
	set := map[string]bool{}
	add := func(rel string) {
		set["/"+rel] = true
		if rel == "index.html" || strings.HasSuffix(rel, "/index.html") {
			set["/"+strings.TrimSuffix(rel, "index.html")] = true
		}
	}
	for _, f := range p.Upload {
		add(f.Path)
	}
	for _, f := range p.Replace {
		add(f.Path)
	}
	for _, rel := range p.Delete {
		add(rel)
	}
	return slices.Sorted(maps.Keys(set))
}

func printPlan(w io.Writer, p Plan, all bool) {
	for _, f := range p.Upload {
		fmt.Fprintf(w, "  upload   %s\n", f.Path)
	}
	for _, f := range p.Replace {
		fmt.Fprintf(w, "  replace  %s\n", f.Path)
	}
	for _, rel := range p.Delete {
		fmt.Fprintf(w, "  delete   %s\n", rel)
	}
	if all {
		for _, rel := range p.Unchanged {
			fmt.Fprintf(w, "  same     %s\n", rel)
		}
	}
}

// printChanged prints the changed URLs, absolute when the base URL is
// known, for a CDN purge that sitegen does not do itself.
func printChanged(w io.Writer, paths []string, base string) {
	if len(paths) == 0 {
		fmt.Fprintln(w, "no URLs changed")
		return
	}
	fmt.Fprintf(w, "changed URLs (%d), for CDN invalidation:\n", len(paths))
	base = strings.TrimSuffix(base, "/")
	for _, p := range paths {
		fmt.Fprintf(w, "%s%s\n", base, p)
	}
}
