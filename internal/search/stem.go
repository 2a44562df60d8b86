package search

import "strings"

// Stem is light English stemming: steps 1a–1c of Porter's algorithm
// (plurals, -ed, -ing, final y). It folds "parks", "investing",
// "invested" and "industries" onto "park", "invest", "industri" while
// leaving derivations alone ("investment" stays), which keeps results
// precise. It is small enough to be carried word for word in search.js,
// where queries are stemmed; the full Porter2 stemmer is not.
//
// Words that are not lowercase ASCII letters, or are shorter than three
// letters, are returned as they are.
func Stem(w string) string {
	if len(w) < 3 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	// Step 1a.
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	// Step 1b.
	again := false
	switch {
	case strings.HasSuffix(w, "eed"):
		if measure(w[:len(w)-3]) > 0 {
			w = w[:len(w)-1]
		}
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]):
		w, again = w[:len(w)-2], true
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]):
		w, again = w[:len(w)-3], true
	}
	if again {
		n := len(w)
		switch {
		case strings.HasSuffix(w, "at") || strings.HasSuffix(w, "bl") || strings.HasSuffix(w, "iz"):
			w += "e"
		case n >= 2 && w[n-1] == w[n-2] && consonant(w, n-1) && !strings.ContainsRune("lsz", rune(w[n-1])):
			w = w[:n-1]
		case measure(w) == 1 && cvc(w):
			w += "e"
		}
	}
	// Step 1c.
	if strings.HasSuffix(w, "y") && hasVowel(w[:len(w)-1]) {
		w = w[:len(w)-1] + "i"
	}
	return w
}

// consonant reports whether w[i] is a consonant in Porter's sense: not a
// vowel, and y only after a vowel.
func consonant(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !consonant(w, i-1)
	}
	return true
}

// measure counts the vowel-consonant sequences in w.
func measure(w string) int {
	m := 0
	i := 0
	for i < len(w) && consonant(w, i) {
		i++
	}
	for i < len(w) {
		for i < len(w) && !consonant(w, i) {
			i++
		}
		if i >= len(w) {
			break
		}
		for i < len(w) && consonant(w, i) {
			i++
		}
		m++
	}
	return m
}

func hasVowel(w string) bool {
	for i := range len(w) {
		if !consonant(w, i) {
			return true
		}
	}
	return false
}

// cvc reports whether w ends consonant-vowel-consonant, the last not w, x or y.
func cvc(w string) bool {
	n := len(w)
	if n < 3 || !consonant(w, n-1) || consonant(w, n-2) || !consonant(w, n-3) {
		return false
	}
	return !strings.ContainsRune("wxy", rune(w[n-1]))
}
