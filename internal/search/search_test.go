package search_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/search"
	"sitegen/internal/testsite"
)

func repoRoot(t testing.TB) string { return testsite.Repo(t) }

// fixture writes testdata/<name>.txtar into a temporary site, with the
// repository's layouts, i18n and static files.
func fixture(t testing.TB, name string) string {
	return testsite.Txtar(t, filepath.Join("testdata", name+".txtar"), "layouts", "i18n", "static")
}

func writeFile(t testing.TB, path string, data []byte) { testsite.WriteFile(t, path, data) }

func copyDir(t testing.TB, from, to string) { testsite.Copy(t, from, to) }

func buildTo(t testing.TB, src, dest string) {
	t.Helper()
	if _, err := build.Build(build.Options{Source: src, Destination: dest}); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
}

func urls(rs []search.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.URL
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	dir := fixture(t, "site")
	dest := filepath.Join(dir, "public")
	buildTo(t, dir, dest)
	fsys := os.DirFS(dest)
	tests := []struct {
		lang, q string
		want    []string // exactly these, in this order
	}{
		// The phrase ranks above a page holding its words apart; the search
		// page, which also holds them, is not indexed.
		{"vi", "khu công nghiệp", []string{"/vi/investment/parks/", "/vi/investment/labour/"}},
		{"vi", "khu cong nghiep", []string{"/vi/investment/parks/", "/vi/investment/labour/"}},
		{"vi", "KHU CÔNG NGHIỆP", []string{"/vi/investment/parks/", "/vi/investment/labour/"}},
		{"vi", "dong xoai", []string{"/vi/investment/parks/"}},
		{"vi", "duong", []string{"/vi/investment/parks/"}},
		// Headings are indexed.
		{"vi", "hạ tầng", []string{"/vi/investment/parks/"}},
		// English: stemmed and case-folded; a title match outranks body text.
		{"en", "industrial park", []string{"/en/investment/parks/", "/en/investment/labour/"}},
		{"en", "Workers", []string{"/en/investment/labour/"}},
		// Khmer: a word inside a run, with and without the word before it.
		{"km", "ឧស្សាហកម្ម", []string{"/km/investment/parks/", "/km/investment/labour/"}},
		{"km", "តំបន់ឧស្សាហកម្ម", []string{"/km/investment/parks/", "/km/investment/labour/"}},
		{"km", "ដុងសួយ", []string{"/km/investment/parks/"}},
		{"km", "កៅស៊ូ", []string{"/km/investment/labour/"}},
		// Khmer digits in the text are found by ASCII digits and the other way round.
		{"km", "2024", []string{"/km/investment/parks/"}},
		{"km", "២០២៤", []string{"/km/investment/parks/"}},
		{"km", "ក្របខណ្ឌ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.q, func(t *testing.T) {
			s, err := search.Open(fsys, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			rs, _, err := s.Search(tt.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			got := urls(rs)
			// Pages that hold only some of the query's terms may follow.
			if len(got) > len(tt.want) {
				for _, r := range rs[len(tt.want):] {
					if r.Matched == len(search.ParseQuery(tt.lang, tt.q)) {
						t.Errorf("unexpected full match %s", r.URL)
					}
				}
				got = got[:len(tt.want)]
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v; want %v", urls(rs), tt.want)
			}
		})
	}

	// The same sources give the same index, byte for byte.
	dest2 := filepath.Join(t.TempDir(), "public")
	buildTo(t, dir, dest2)
	err := filepath.WalkDir(filepath.Join(dest, "_search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(dest2, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds (%v)", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// repoQueries are the queries the repository's site must answer with the
// page in the top three, in each language.
var repoQueries = []struct{ lang, q, want string }{
	{"vi", "khu cong nghiep", "/vi/investment/industrial-parks/"},
	{"vi", "khu công nghiệp tiêu biểu", "/vi/investment/industrial-parks/"},
	{"vi", "soc bom bo chay gia gao", "/vi/culture/soc-bom-bo-rice-pounding-song/"},
	{"vi", "cua khau hoa lu", "/vi/border-cooperation/hoa-lu-border-gate/"},
	{"en", "industrial parks", "/en/investment/industrial-parks/"},
	{"en", "rice pestles", "/en/culture/soc-bom-bo-rice-pounding-song/"},
	{"en", "Hoa Lu border gate", "/en/border-cooperation/hoa-lu-border-gate/"},
	// អង្រែ (pestle) is written only inside the run សំឡេងអង្រែបុកស្រូវ.
	{"km", "អង្រែ", "/km/culture/soc-bom-bo-rice-pounding-song/"},
	{"km", "ខណ្ឌសីមា", "/km/border-cooperation/land-border-demarcation/"},
	{"km", "សេដ្ឋកិច្ចច្រកព្រំដែន", "/km/investment/hoa-lu-border-economic-zone/"},
	{"km", "ឧទ្យានជាតិ", "/km/tourism/bu-gia-map-national-park/"},
}

func TestRepositorySite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	buildTo(t, repoRoot(t), dest)
	fsys := os.DirFS(dest)
	for _, tt := range repoQueries {
		t.Run(tt.lang+" "+tt.q, func(t *testing.T) {
			s, err := search.Open(fsys, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			rs, _, err := s.Search(tt.q, 3)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if r.URL == tt.want {
					return
				}
			}
			t.Errorf("%s not in the top three: %v", tt.want, urls(rs))
		})
	}
}
