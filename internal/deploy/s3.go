package deploy

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// bucket is the deploy's view of an S3 bucket: objects under a prefix,
// named by their path relative to it.
type bucket struct {
	client *s3.Client
	cfg    aws.Config
	name   string
	prefix string // "" or ending in "/"
	url    string
}

func (b *bucket) String() string { return b.url }

// targetParams are the query parameters a target URL may carry. An unknown
// one is an error: a misspelt endpoint would otherwise send the site to AWS.
var targetParams = []string{"endpoint", "region", "use_path_style"}

// openBucket parses the target URL and connects. Credentials come from the
// SDK's default chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and
// AWS_SESSION_TOKEN), a shared profile, or a CI's web identity token.
func openBucket(ctx context.Context, opt Options) (*bucket, error) {
	u, err := url.Parse(opt.Target)
	if err != nil {
		return nil, fmt.Errorf("deploy target %q: %w", opt.Target, err)
	}
	if u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("deploy target %q: want s3://bucket[/prefix]?endpoint=…&region=… (S3, R2, GCS's S3 API and MinIO all speak S3)", opt.Target)
	}
	q := u.Query()
	for k := range q {
		if !slices.Contains(targetParams, k) {
			return nil, fmt.Errorf("deploy target %q: unknown parameter %q (known: %s)", opt.Target, k, strings.Join(targetParams, ", "))
		}
	}
	endpoint := q.Get("endpoint")
	pathStyle := endpoint != "" // MinIO and most non-AWS services want path-style requests
	if s := q.Get("use_path_style"); s != "" {
		if pathStyle, err = strconv.ParseBool(s); err != nil {
			return nil, fmt.Errorf("deploy target %q: use_path_style=%q is not true or false", opt.Target, s)
		}
	}
	retryer := func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = cmp.Or(opt.MaxAttempts, 5)
			o.MaxBackoff = cmp.Or(opt.MaxBackoff, 20*time.Second)
			// The default token bucket gives up on retries after a burst of
			// failures; a deploy of many objects would then fail on the
			// very errors retries are for.
			o.RateLimiter = ratelimit.None
		})
	}
	load := []func(*awsconfig.LoadOptions) error{awsconfig.WithRetryer(retryer)}
	if r := q.Get("region"); r != "" {
		load = append(load, awsconfig.WithRegion(r))
	}
	if opt.HTTPClient != nil {
		load = append(load, awsconfig.WithHTTPClient(opt.HTTPClient))
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		if endpoint == "" {
			return nil, fmt.Errorf("deploy target %q: no region; add ?region=… or set AWS_REGION", opt.Target)
		}
		cfg.Region = "us-east-1" // what MinIO expects, and R2 accepts in place of "auto"
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, fmt.Errorf("no credentials for %s: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE): %w", opt.Target, err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.UsePathStyle = pathStyle
		// Checksums only where S3 requires them: several S3-compatible
		// services reject the trailing checksums the SDK adds by default.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	prefix := strings.Trim(u.Path, "/")
	if prefix != "" {
		prefix += "/"
	}
	shown := "s3://" + u.Host + "/" + prefix
	if endpoint != "" {
		shown += " at " + endpoint
	}
	return &bucket{client: client, cfg: cfg, name: u.Host, prefix: prefix, url: shown}, nil
}

// list returns the size of every object under the prefix, by relative path.
// Keys ending in "/" are folder placeholders some consoles create; they are
// not the site's and are left alone.
func (b *bucket) list(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	pages := s3.NewListObjectsV2Paginator(b.client, &s3.ListObjectsV2Input{Bucket: &b.name, Prefix: aws.String(b.prefix)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", b, err)
		}
		for _, o := range page.Contents {
			key := aws.ToString(o.Key)
			if strings.HasSuffix(key, "/") {
				continue
			}
			out[strings.TrimPrefix(key, b.prefix)] = aws.ToInt64(o.Size)
		}
	}
	return out, nil
}

// head returns an object's user metadata with lower-case keys.
func (b *bucket) head(ctx context.Context, rel string) (map[string]string, error) {
	o, err := b.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b.name, Key: aws.String(b.prefix + rel)})
	if err != nil {
		return nil, fmt.Errorf("reading metadata of %s: %w", rel, err)
	}
	meta := map[string]string{}
	for k, v := range o.Metadata {
		meta[strings.ToLower(k)] = v
	}
	return meta, nil
}

func (b *bucket) put(ctx context.Context, rel string, data []byte, h Header, meta map[string]string) error {
	in := &s3.PutObjectInput{
		Bucket:        &b.name,
		Key:           aws.String(b.prefix + rel),
		Body:          bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))),
		ContentType:   aws.String(h.ContentType),
		CacheControl:  aws.String(h.CacheControl),
		Metadata:      meta,
	}
	if h.ContentEncoding != "" {
		in.ContentEncoding = aws.String(h.ContentEncoding)
	}
	if _, err := b.client.PutObject(ctx, in); err != nil {
		return fmt.Errorf("uploading %s: %w", rel, err)
	}
	return nil
}

// delete removes one object. One request per object rather than a batch
// DeleteObjects, which Google Cloud Storage's S3 API does not offer.
func (b *bucket) delete(ctx context.Context, rel string) error {
	if _, err := b.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &b.name, Key: aws.String(b.prefix + rel)}); err != nil {
		return fmt.Errorf("deleting %s: %w", rel, err)
	}
	return nil
}
