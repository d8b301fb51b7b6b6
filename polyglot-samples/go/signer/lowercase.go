package signer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CanonicalPath is the path as signed: lowercased the way .NET's invariant culture, Java's
// toLowerCase(Locale.ROOT) and Python's str.lower do it, whatever the locale:
// "/NestedSite1/api/v1" becomes "/nestedsite1/api/v1".
//
// strings.ToLower alone is not enough: it maps rune by rune, so it knows neither the final sigma
// ("ΟΔΟΣ" is "οδος", not "οδοσ") nor U+0130 "İ", which lowercases to "i" and U+0307.
func CanonicalPath(path string) string {
	if isASCII(path) {
		return strings.ToLower(path)
	}
	var b strings.Builder
	b.Grow(len(path))
	for i, r := range path {
		switch {
		case r == 'İ':
			b.WriteString("i\u0307")
		case r == 'Σ':
			if isFinalSigma(path, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isFinalSigma applies Unicode's Final_Sigma condition to the Σ at byte i of s: a cased letter
// comes before it and none after it, skipping case-ignorable characters both ways.
func isFinalSigma(s string, i int) bool {
	before := false
	for j := i; j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		if isCaseIgnorable(r) {
			continue
		}
		before = isCased(r)
		break
	}
	if !before {
		return false
	}
	for j := i + utf8.RuneLen('Σ'); j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		j += size
		if isCaseIgnorable(r) {
			continue
		}
		return !isCased(r)
	}
	return true
}

// isCased is Unicode's Cased property: Lowercase, Uppercase or a titlecase letter.
func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// isCaseIgnorable is Unicode's Case_Ignorable property: marks, format characters, modifier
// letters and symbols, and the word-internal punctuation of Word_Break MidLetter, MidNumLet and
// Single_Quote.
func isCaseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '·', 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027,
		0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
