package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBench runs the command on a small corpus: it builds sitegen, times
// a build and reports pages and bytes that match the output; a second run
// reuses the corpus.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sitegen; skipped with -short")
	}
	work := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"--pages", "20", "--runs", "1", "--settle", "0", "--work", work, "--keep"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
	}
	m := regexp.MustCompile(`sitegen  run 1: wall +[0-9.]+s  cpu +([0-9.]+)s  peak RSS +([0-9]+) MiB +([0-9]+) html +([0-9]+) files`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no run line in:\n%s", out.String())
	}
	if m[1] == "0.00" || m[2] == "0" {
		t.Errorf("cpu %ss, peak RSS %s MiB: rusage not read", m[1], m[2])
	}
	html := 0
	filepath.WalkDir(filepath.Join(work, "out-sitegen-20-r1"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			html++
		}
		return nil
	})
	if html == 0 || m[3] != strconv.Itoa(html) {
		t.Errorf("reported %s html pages; the output has %d", m[3], html)
	}
	if !strings.Contains(out.String(), "medians of 1 runs") {
		t.Errorf("no medians in:\n%s", out.String())
	}
	stamp := filepath.Join(work, "site-20-s1", ".corpus-complete")
	before, err := os.Stat(stamp)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	out.Reset()
	if code := run(append(args, "--sitegen", filepath.Join(work, "sitegen")), &out, &errb); code != 0 {
		t.Fatalf("second run: exit %d; stderr:\n%s", code, errb.String())
	}
	after, _ := os.Stat(stamp)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("the corpus was generated again instead of reused")
	}
	// --same-features leaves the section sidebar out of the pages.
	sidebar := func() bool {
		found := false
		filepath.WalkDir(filepath.Join(work, "out-sitegen-20-r1", "tourism"), func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".html") && !found {
				page, _ := os.ReadFile(p)
				found = bytes.Contains(page, []byte(`class="section-nav"`))
			}
			return nil
		})
		return found
	}
	if !sidebar() {
		t.Fatal("no page has the section sidebar; the check below shows nothing")
	}
	if code := run(append(args, "--sitegen", filepath.Join(work, "sitegen"), "--same-features"), &out, &errb); code != 0 {
		t.Fatalf("--same-features: exit %d; stderr:\n%s", code, errb.String())
	}
	if sidebar() {
		t.Error("--same-features: a page still has the section sidebar")
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	for _, args := range [][]string{{"--pages", "0"}, {"--runs", "0"}, {"extra"}, {"--no-such-flag"}} {
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d; want 2", args, code)
		}
	}
}
