package kbdata

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the lookup key for s. See kb.Normalize for the rules;
// this is the one implementation shared by the generator and the runtime,
// so that keys computed at generation time and at lookup time agree.
func Normalize(s string) string {
	if isKey(s) {
		return s // already a key: no copy
	}
	var buf [64]byte
	return string(AppendNormalize(buf[:0], s))
}

// isKey reports whether s is plain ASCII that Normalize leaves as it is:
// no capitals, periods, spaces, separators or apostrophes (so no leading
// "the " and no possessive either).
func isKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if keyByte[s[i]] == 0 {
			return false
		}
	}
	return true
}

// keyByte[c] is 1 for the ASCII bytes that Normalize keeps unchanged and
// that cannot start or end anything it trims.
var keyByte = func() (t [256]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'A' <= c && c <= 'Z':
		case c == '.', c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ',', c == '-', c == '_':
		case c == '`', c == '\'':
		default:
			t[c] = 1
		}
	}
	return t
}()

// AppendNormalize appends the lookup key of s (see Normalize) to dst and
// returns the extended buffer's key part: the result shares dst's storage
// and may start after len(dst) when a leading "the " was removed, so use
// the result only, not dst. Looking up a map with string(result) does not
// allocate.
func AppendNormalize(dst []byte, s string) []byte {
	from := len(dst)
	buf, _ := appendKey(dst, true, s)
	return trimKey(buf[from:])
}

// AppendNormalizeWords is AppendNormalize of words joined by single
// spaces, without joining them.
func AppendNormalizeWords(dst []byte, words []string) []byte {
	from := len(dst)
	buf, space := dst, true
	for i, w := range words {
		if i > 0 {
			buf, space = appendASCII(buf, space, ' ')
		}
		buf, space = appendKey(buf, space, w)
	}
	return trimKey(buf[from:])
}

// appendKey appends the key form of s to buf; space says whether buf
// ends in a space (or is empty), to suppress leading and repeated spaces.
func appendKey(buf []byte, space bool, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			buf, space = appendASCII(buf, space, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue
		}
		buf, space = appendRune(buf, space, r, 0)
	}
	return buf, space
}

// trimKey removes from a key a trailing space, leading "the "s and a
// trailing possessive.
func trimKey(k []byte) []byte {
	k = bytes.TrimSuffix(k, []byte(" "))
	for {
		prev := len(k)
		k = bytes.TrimPrefix(k, []byte("the "))
		switch {
		case bytes.HasSuffix(k, []byte("'s")):
			k = bytes.TrimSuffix(k[:len(k)-2], []byte(" "))
		case bytes.HasSuffix(k, []byte("s'")):
			k = k[:len(k)-1]
		}
		if len(k) == prev {
			return k
		}
	}
}

// appendRune appends the key form of a non-ASCII rune to buf and reports
// whether buf now ends in a space. Folded forms are written rune by rune
// through the same rules (depth guards against a cyclic table).
func appendRune(buf []byte, space bool, r rune, depth int) ([]byte, bool) {
	switch {
	case r < utf8.RuneSelf:
		return appendASCII(buf, space, byte(r))
	case 0x0300 <= r && r <= 0x036F, r == 0x00AD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0xFEFF:
		// combining accents, soft hyphen, zero-width characters
		return buf, space
	case r == 0x2018, r == 0x2019, r == 0x201A, r == 0x201B, r == 0x2032, r == 0x02BC, r == 0x00B4:
		return appendASCII(buf, space, '\'')
	case r == 0x201C, r == 0x201D, r == 0x201E, r == 0x201F, r == 0x00AB, r == 0x00BB:
		return appendASCII(buf, space, '"')
	case 0x2010 <= r && r <= 0x2015, r == 0x2212:
		return appendASCII(buf, space, ' ')
	}
	f, ok := foldTable[r]
	if !ok {
		// Some runes lower-case into the table: U+212B ANGSTROM SIGN -> å.
		f, ok = foldTable[unicode.ToLower(r)]
	}
	if ok && depth < 4 {
		for _, c := range f {
			buf, space = appendRune(buf, space, c, depth+1)
		}
		return buf, space
	}
	if unicode.IsSpace(r) {
		return appendASCII(buf, space, ' ')
	}
	if unicode.Is(unicode.Mn, r) {
		return buf, space
	}
	return utf8.AppendRune(buf, unicode.ToLower(r)), false
}

// appendASCII appends the key form of an ASCII byte (or a byte of a fold
// table entry) to buf and reports whether buf now ends in a space.
func appendASCII(buf []byte, space bool, c byte) ([]byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	case c == '.':
		return buf, space
	case c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ',', c == '-', c == '_':
		if !space {
			buf = append(buf, ' ')
		}
		return buf, true
	case c == '`':
		c = '\''
	}
	return append(buf, c), false
}
