package deploy

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// maxInvalidationPaths is where a list of paths gives way to "/*":
// CloudFront bills invalidations by path (a wildcard counts as one) and
// limits how many may be in progress.
const maxInvalidationPaths = 100

// invalidate asks CloudFront to forget the changed paths.
func invalidate(ctx context.Context, cfg aws.Config, opt Options, paths []string) (string, error) {
	items := make([]string, 0, len(paths))
	for _, p := range paths {
		items = append(items, escapePath(p))
	}
	if len(items) > maxInvalidationPaths {
		items = []string{"/*"}
	}
	cfg = cfg.Copy()
	cfg.Region = "us-east-1" // CloudFront is global; its API lives in us-east-1
	client := cloudfront.NewFromConfig(cfg, func(o *cloudfront.Options) {
		if opt.CloudFrontEndpoint != "" {
			o.BaseEndpoint = aws.String(opt.CloudFrontEndpoint)
		}
	})
	out, err := client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(opt.CloudFrontDistribution),
		InvalidationBatch: &types.InvalidationBatch{
			// Unique per deploy: CloudFront treats a repeated reference
			// as the same request.
			CallerReference: aws.String(fmt.Sprintf("sitegen-%d", time.Now().UnixNano())),
			Paths:           &types.Paths{Quantity: aws.Int32(int32(len(items))), Items: items},
		},
	})
	if err != nil {
		return "", fmt.Errorf("CloudFront invalidation for distribution %s: %w", opt.CloudFrontDistribution, err)
	}
	if out.Invalidation == nil {
		return "", nil
	}
	return aws.ToString(out.Invalidation.Id), nil
}

// escapePath percent-encodes what CloudFront wants encoded in a path
// (anything outside RFC 3986's unreserved set and "/").
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
