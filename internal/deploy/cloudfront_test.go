package deploy_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// cloudFront is a fake of the one CloudFront API call a deploy makes,
// CreateInvalidation, on 127.0.0.1: it keeps the paths it was asked to
// invalidate and answers as the API documents.
type cloudFront struct {
	url     string
	mu      sync.Mutex
	paths   []string   // request paths
	batches [][]string // invalidated paths, per request
}

func newCloudFront(t *testing.T) *cloudFront {
	t.Helper()
	cf := &cloudFront{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var batch struct {
			CallerReference string   `xml:"CallerReference"`
			Paths           []string `xml:"Paths>Items>Path"`
			Quantity        int      `xml:"Paths>Quantity"`
		}
		if r.Method != http.MethodPost || xml.Unmarshal(body, &batch) != nil || batch.CallerReference == "" || batch.Quantity != len(batch.Paths) {
			t.Errorf("unexpected CloudFront request %s %s:\n%s", r.Method, r.URL.Path, body)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		cf.mu.Lock()
		cf.paths = append(cf.paths, r.URL.Path)
		cf.batches = append(cf.batches, batch.Paths)
		cf.mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Location", "https://cloudfront.amazonaws.com"+r.URL.Path+"/I2J0I21PCUYOIK")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>
<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-11-26T12:00:00Z</CreateTime></Invalidation>`)
	}))
	t.Cleanup(srv.Close)
	cf.url = srv.URL
	return cf
}
