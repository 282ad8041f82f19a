package ner

// Labels are BILOU tags over [Types]: O, then B-, I-, L-, U- of each type.
// Label 0 is O; label 1+4t+p is prefix p (B, I, L, U) of Types[t].
const nLabels = 1 + 4*4

const (
	pB = iota
	pI
	pL
	pU
)

func label(t, p int) int { return 1 + 4*t + p }

// labelParts returns the type index and prefix of a label other than O.
func labelParts(y int) (t, p int) { return (y - 1) / 4, (y - 1) % 4 }

// LabelName returns a label's tag: "O", "B-PER", "U-LOC", ...
func LabelName(y int) string {
	if y == 0 {
		return "O"
	}
	t, p := labelParts(y)
	return string("BILU"[p]) + "-" + Types[t]
}

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// encode returns the BILOU labels of a sentence of n tokens with spans.
func encode(n int, spans []Span) []int {
	y := make([]int, n)
	for _, s := range spans {
		t := typeIndex(s.Type)
		if t < 0 || s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		if s.End-s.Start == 1 {
			y[s.Start] = label(t, pU)
			continue
		}
		y[s.Start] = label(t, pB)
		for i := s.Start + 1; i < s.End-1; i++ {
			y[i] = label(t, pI)
		}
		y[s.End-1] = label(t, pL)
	}
	return y
}

// decode returns the spans of a label sequence. It accepts any sequence,
// reading an I- or L- without a B- as the start of a span.
func decode(y []int) []Span {
	var out []Span
	start, typ := -1, -1
	for i, l := range y {
		if l == 0 {
			if start >= 0 {
				out = append(out, Span{start, i, Types[typ]})
			}
			start = -1
			continue
		}
		t, p := labelParts(l)
		if start >= 0 && (t != typ || p == pB || p == pU) {
			out = append(out, Span{start, i, Types[typ]})
			start = -1
		}
		if start < 0 {
			start, typ = i, t
		}
		if p == pL || p == pU {
			out = append(out, Span{start, i + 1, Types[typ]})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(y), Types[typ]})
	}
	return out
}

// allowed reports whether label b may follow label a in BILOU (a = -1 at
// the start of a sentence).
func allowed(a, b int) bool {
	inside := false // is a inside a span that must continue?
	at := -1
	if a > 0 {
		t, p := labelParts(a)
		inside = p == pB || p == pI
		at = t
	}
	if b == 0 {
		return !inside
	}
	t, p := labelParts(b)
	if inside {
		return t == at && (p == pI || p == pL)
	}
	return p == pB || p == pU
}

// allowedEnd reports whether a sentence may end with label a.
func allowedEnd(a int) bool {
	if a == 0 {
		return true
	}
	_, p := labelParts(a)
	return p == pL || p == pU
}
