package kbdata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNormalizeOracle checks Normalize against its first, plainer
// implementation (kept below) on every field of the data files and on
// hard cases: the fast paths must not change a key.
func TestNormalizeOracle(t *testing.T) {
	cases := []string{"", " ", "the", "the ", "The the Beatles's", "x 's", "Jones'", "s'", "'s", "the 's",
		"U.S.", "Orbán", "ﬁnance", "Å", "½", "Ǣ", "ŉ", "\xff\xfe", "a\u00a0b", "São Paulo", "O’Brien’s",
		"ÀÉÎÕÜ-Straße", "İstanbul", "ΑΘΗΝΑ", "МОСКВА", "東京", "the\tthe\tx", strings.Repeat("Ab.", 40)}
	paths, _ := filepath.Glob(filepath.Join("..", "..", "data", "*.tsv"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			for _, f := range strings.Split(line, "\t") {
				cases = append(cases, strings.Split(f, "|")...)
			}
		}
	}
	bad := 0
	for _, s := range cases {
		if got, want := Normalize(s), oldNormalize(s); got != want && bad < 10 {
			bad++
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
	// Runs of fields as words.
	for i := 0; i+3 < len(cases) && bad < 10; i += 7 {
		words := cases[i : i+1+i%3]
		if got, want := string(AppendNormalizeWords(nil, words)), oldNormalize(strings.Join(words, " ")); got != want {
			bad++
			t.Errorf("AppendNormalizeWords(%q) = %q, want %q", words, got, want)
		}
	}
}

func FuzzNormalizeOracle(f *testing.F) {
	for _, s := range []string{"The Beatles's", "U.S.", "Orbán", "x 's", "Jones'", "the the"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), oldNormalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
		words := strings.Split(s, " ")
		if got, want := string(AppendNormalizeWords(nil, words)), oldNormalize(s); got != want {
			t.Errorf("AppendNormalizeWords(%q) = %q, want %q", words, got, want)
		}
	})
}

// Normalize returns the lookup key for s. See kb.Normalize for the rules;
// this is the one implementation shared by the generator and the runtime,
// so that keys computed at generation time and at lookup time agree.
func oldNormalize(s string) string {
	var buf strings.Builder
	buf.Grow(len(s) + 8)
	space := true // suppresses leading and repeated spaces
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			space = oldAppendASCII(&buf, space, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue
		}
		space = oldAppendRune(&buf, space, r, 0)
	}
	k := strings.TrimSuffix(buf.String(), " ")
	for {
		prev := k
		k = strings.TrimPrefix(k, "the ")
		switch {
		case strings.HasSuffix(k, "'s"):
			k = strings.TrimSuffix(k[:len(k)-2], " ")
		case strings.HasSuffix(k, "s'"):
			k = k[:len(k)-1]
		}
		if k == prev {
			return k
		}
	}
}

// appendRune writes the key form of a non-ASCII rune to buf and reports
// whether buf now ends in a space. Folded forms are written rune by rune
// through the same rules (depth guards against a cyclic table).
func oldAppendRune(buf *strings.Builder, space bool, r rune, depth int) bool {
	switch {
	case r < utf8.RuneSelf:
		return oldAppendASCII(buf, space, byte(r))
	case 0x0300 <= r && r <= 0x036F, r == 0x00AD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0xFEFF:
		// combining accents, soft hyphen, zero-width characters
		return space
	case r == 0x2018, r == 0x2019, r == 0x201A, r == 0x201B, r == 0x2032, r == 0x02BC, r == 0x00B4:
		return oldAppendASCII(buf, space, '\'')
	case r == 0x201C, r == 0x201D, r == 0x201E, r == 0x201F, r == 0x00AB, r == 0x00BB:
		return oldAppendASCII(buf, space, '"')
	case 0x2010 <= r && r <= 0x2015, r == 0x2212:
		return oldAppendASCII(buf, space, ' ')
	}
	f, ok := foldTable[r]
	if !ok {
		// Some runes lower-case into the table: U+212B ANGSTROM SIGN -> å.
		f, ok = foldTable[unicode.ToLower(r)]
	}
	if ok && depth < 4 {
		for _, c := range f {
			space = oldAppendRune(buf, space, c, depth+1)
		}
		return space
	}
	if unicode.IsSpace(r) {
		return oldAppendASCII(buf, space, ' ')
	}
	if unicode.Is(unicode.Mn, r) {
		return space
	}
	buf.WriteRune(unicode.ToLower(r))
	return false
}

// appendASCII writes the key form of an ASCII byte (or a byte of a fold
// table entry) to buf and reports whether buf now ends in a space.
func oldAppendASCII(buf *strings.Builder, space bool, c byte) bool {
	switch {
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	case c == '.':
		return space
	case c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ',', c == '-', c == '_':
		if !space {
			buf.WriteByte(' ')
		}
		return true
	case c == '`':
		c = '\''
	}
	buf.WriteByte(c)
	return false
}
