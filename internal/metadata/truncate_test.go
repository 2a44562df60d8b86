package metadata

import (
	"strings"
	"testing"
)

// truncateRef is the plain definition Truncate must agree with: collapse
// white space, cut at n runes, back up to a space in the second half.
func truncateRef(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for i := cut; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,.;:") + "…"
}

func TestTruncate(t *testing.T) {
	inputs := []string{
		"", " ", "a", "  lead  and\ttrail  ", "Đầu tư vào Bình Phước, hạ tầng; giao thông: cao su.",
		"កិច្ចសហប្រតិបត្តិការព្រំដែន ការវិនិយោគ វប្បធម៌ និងទេសចរណ៍ តាមបណ្ដោយព្រំដែនវៀតណាម – កម្ពុជា។",
		"word, word, word, word, word, word, word, word, word, word, word, word",
		"nbsp\u00a0and\u2003em space\u3000ideographic", "bad \xff utf8 \xfe here and more words to cut",
		strings.Repeat("Tin tức hợp tác biên giới. ", 40), strings.Repeat("x", 300),
	}
	for _, s := range inputs {
		for _, n := range []int{1, 2, 5, 10, 11, 20, 40, 160, 240} {
			if got, want := Truncate(s, n), truncateRef(s, n); got != want {
				t.Errorf("Truncate(%q, %d) = %q; want %q", s, n, got, want)
			}
		}
	}
}

func BenchmarkTruncate(b *testing.B) {
	s := strings.Repeat("Tin tức hợp tác biên giới Việt Nam – Campuchia. ", 200)
	for b.Loop() {
		Truncate(s, 160)
	}
}
